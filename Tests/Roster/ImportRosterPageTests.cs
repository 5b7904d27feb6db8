using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Roster;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Roster;

/// <summary>The import page: upload, see the errors by row, nothing written; a clean file is written.</summary>
public sealed class ImportRosterPageTests : ComponentTestContext
{
    protected override string Role => Roles.Caseworker;

    private IRenderedComponent<ImportRosterPage> Upload(RosterFile file)
    {
        var page = Context.Render<ImportRosterPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file.ToStream().ToArray(), "roster.xlsx"));
        page.WaitForAssertion(() => Assert.Equal("roster.xlsx", page.Find("[data-testid=import-file-name]").TextContent));
        return page;
    }

    [Fact]
    public async Task Errors_are_listed_by_row_with_a_workbook_to_download_and_nothing_is_written()
    {
        var page = Upload(new RosterFile().Row("A", "好户").Row("B", "坏户", change: r => r[RosterTemplate.Community] = "不存在村"));

        page.Find("[data-testid=import-run]").Click();

        page.WaitForAssertion(() => Assert.Contains("不存在", page.Find("[data-testid=import-error]").TextContent));
        Assert.Contains("未写入任何数据", page.Find("[data-testid=import-summary]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=download-errors]"));
        await using var context = Database.NewContext();
        Assert.Equal(0, await context.Households.CountAsync());
    }

    [Fact]
    public async Task A_clean_file_is_imported()
    {
        var page = Upload(new RosterFile().Row("A", "甲").Row("A", "乙", "配偶", RosterFile.NewId(1971, female: true)));

        page.Find("[data-testid=import-run]").Click();

        page.WaitForAssertion(() => Assert.Contains("写入 1 户 2 人", page.Find("[data-testid=import-summary]").TextContent));
        await using var context = Database.NewContext();
        Assert.Equal(2, await context.Persons.CountAsync());
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_refused_in_Chinese_and_cannot_be_checked()
    {
        var page = Context.Render<ImportRosterPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("户编号,姓名\nA,张三\n", "roster.csv"));

        page.WaitForAssertion(() => Assert.Contains("“roster.csv”不是 Excel 工作簿（.xlsx）", page.Markup));
        Assert.True(page.Find("[data-testid=import-check]").HasAttribute("disabled"));
        Assert.DoesNotContain("Exception", page.Markup);
    }

    [Fact]
    public void The_chosen_file_s_name_shows_once()
    {
        var page = Upload(new RosterFile().Row("A", "甲"));

        Assert.True(System.Text.RegularExpressions.Regex.Count(page.Markup, "roster\\.xlsx") == 1, page.Markup);
    }
}
