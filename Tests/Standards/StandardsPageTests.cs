using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Standards;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Standards;

/// <summary>The standards page and its adjustment dialog, rendered with bUnit over a real database.</summary>
public sealed class StandardsPageTests : ComponentTestContext
{
    private IRenderedComponent<StandardsPage> RenderPage()
    {
        var page = Context.Render<StandardsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=amount-{ProgrammeCatalogue.RuralDibaoA}]")));
        return page;
    }

    private static string Cell(IRenderedComponent<StandardsPage> page, string testId) =>
        page.Find($"[data-testid={testId}]").TextContent.Trim();

    private void OpenAdjustment(IRenderedComponent<StandardsPage> page)
    {
        page.Find("[data-testid=open-adjustment]").Click();
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("[data-testid=adjust-save]")));
    }

    private void Type(string testId, string value) =>
        Dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input").Input(value);

    private void Change(string testId, string value) =>
        Dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input").Change(value);

    [Fact]
    public void Shows_the_standards_in_force_with_the_previous_amount_and_the_change()
    {
        var page = RenderPage();

        Assert.Equal("380.00", Cell(page, $"amount-{ProgrammeCatalogue.RuralDibaoA}"));
        Assert.Equal("320.00", Cell(page, $"previous-{ProgrammeCatalogue.RuralDibaoA}"));
        Assert.Equal("550.00", Cell(page, $"amount-{ProgrammeCatalogue.UrbanDibaoA}"));
        Assert.Equal("715.00", Cell(page, $"amount-{ProgrammeCatalogue.ExtremePovertyUrbanInstitutional}"));
        Assert.Equal("1,500.00", Cell(page, $"amount-{ProgrammeCatalogue.OrphanInstitutional}"));
        Assert.Contains("+60.00", page.Markup);
        Assert.Contains("资民发〔2023〕5号", page.Markup);
        Assert.Contains("2026-11 执行的标准", page.Markup);
    }

    [Fact]
    public void An_invalid_amount_is_shown_beside_its_field_and_nothing_is_saved()
    {
        var page = RenderPage();
        OpenAdjustment(page);

        Type($"new-{ProgrammeCatalogue.RuralDibaoA}", "-5");
        Type("document-number", "");
        Dialogs.Find("[data-testid=adjust-save]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("标准金额必须大于 0 元。", Dialogs.Markup));
        Assert.Contains("请填写文件号。", Dialogs.Markup);
        Assert.Equal("380.00", Cell(page, $"amount-{ProgrammeCatalogue.RuralDibaoA}"));
    }

    [Fact]
    public async Task A_rule_that_needs_the_database_comes_back_beside_the_row()
    {
        var page = RenderPage();
        OpenAdjustment(page);

        Type("document-number", "资民发〔2027〕1号");
        Type($"new-{ProgrammeCatalogue.UrbanDibaoA}", "500");
        Dialogs.Find("[data-testid=adjust-save]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("降低标准必须填写原因", Dialogs.Markup));
        var history = await Database.SendAsync(new GetStandardHistory("431081", ProgrammeCatalogue.UrbanDibaoA));
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public async Task A_valid_adjustment_is_saved_and_the_table_shows_it_as_upcoming()
    {
        var page = RenderPage();
        OpenAdjustment(page);

        Type("document-number", "资民发〔2026〕12号");
        Type($"new-{ProgrammeCatalogue.RuralDibaoA}", "420");
        Type($"new-{ProgrammeCatalogue.DisabilityNursing}", "70");
        Dialogs.Find("[data-testid=adjust-save]").Click();

        // First the impact, then the save.
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("[data-testid=impact]")));
        Assert.Contains("调标影响", Dialogs.Markup);
        Assert.NotEmpty(Dialogs.FindAll($"[data-testid=impact-{ProgrammeCatalogue.RuralDibaoA}]"));
        var notYet = await Database.SendAsync(new GetStandardsInForce("431081", new YearMonth(2027, 1)));
        Assert.Equal(380m, notYet.Single(r => r.Variant.Code == ProgrammeCatalogue.RuralDibaoA).Current!.MonthlyAmount);
        Dialogs.Find("[data-testid=adjust-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("420.00", Cell(page, $"upcoming-{ProgrammeCatalogue.RuralDibaoA}")));
        Assert.Contains("2027-01", Cell(page, $"upcoming-{ProgrammeCatalogue.RuralDibaoA}"));
        Assert.Contains("70.00", Cell(page, $"upcoming-{ProgrammeCatalogue.DisabilityNursing}"));
        var rows = await Database.SendAsync(new GetStandardsInForce("431081", new YearMonth(2027, 1)));
        Assert.Equal(420m, rows.Single(r => r.Variant.Code == ProgrammeCatalogue.RuralDibaoA).Current!.MonthlyAmount);
        Assert.Equal("资民发〔2026〕12号", rows.Single(r => r.Variant.Code == ProgrammeCatalogue.RuralDibaoA).Current!.DocumentNumber);
    }

    [Fact]
    public void The_history_dialog_lists_every_version_newest_first()
    {
        var page = RenderPage();
        page.Find($"[data-testid=history-{ProgrammeCatalogue.RuralDibaoA}]").Click();

        Dialogs.WaitForAssertion(() => Assert.Equal(2, Dialogs.FindAll("[data-testid=history-amount]").Count));
        Assert.Equal(["380.00", "320.00"], Dialogs.FindAll("[data-testid=history-amount]").Select(c => c.TextContent.Trim()));
        Assert.Contains("至今", Dialogs.Markup);
    }

    [Fact]
    public async Task A_version_entered_wrong_is_corrected_from_its_history_and_both_stay_in_it()
    {
        int wrong;
        await using (var before = Database.NewContext())
            wrong = before.BenefitStandards.Single(s => s.VariantCode == ProgrammeCatalogue.RuralDibaoA && s.EffectiveFrom == new YearMonth(2023, 1)).Id;
        var page = RenderPage();
        page.Find($"[data-testid=history-{ProgrammeCatalogue.RuralDibaoA}]").Click();
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll($"[data-testid=correct-{wrong}]")));
        Dialogs.Find($"[data-testid=correct-{wrong}]").Click();
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("[data-testid=correction-form]")));

        Change("correct-amount", "390");
        Dialogs.Find("[data-testid=correct-save]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("请填写文件号。", Dialogs.Markup));

        Change("correct-document", "资民发〔2023〕21号");
        Change("correct-reason", "录入时少录 10 元");
        Dialogs.Find("[data-testid=correct-save]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("已更正", Dialogs.Markup));
        Assert.Contains("390.00", Dialogs.FindAll("[data-testid=history-amount]").Select(c => c.TextContent.Trim()));
        Dialogs.FindAll("button").First(b => b.TextContent.Trim() == "关闭").Click();
        page.WaitForAssertion(() => Assert.Equal("390.00", Cell(page, $"amount-{ProgrammeCatalogue.RuralDibaoA}")));

        await using var context = Database.NewContext();
        var versions = context.BenefitStandards.Where(s => s.VariantCode == ProgrammeCatalogue.RuralDibaoA && s.EffectiveFrom == new YearMonth(2023, 1)).ToList();
        Assert.Equal([(380m, true), (390m, false)], versions.OrderBy(v => v.Revision).Select(v => (v.MonthlyAmount, v.IsSuperseded)));
    }
}

/// <summary>The pending proposal on the standards page: its amounts and impact shown, its maker refused, and nothing in force.</summary>
public sealed class StandardsProposalPageTests : ComponentTestContext
{
    [Fact]
    public async Task A_pending_adjustment_shows_its_impact_and_its_maker_cannot_approve_it()
    {
        // The page's services and the arranger's are two compositions: both keep the bureau's rule.
        Context.Services.GetRequiredService<CivilAffairs.Domain.Standards.StandardsPolicy>().SecondApproval = true;
        Database.Services.GetRequiredService<CivilAffairs.Domain.Standards.StandardsPolicy>().SecondApproval = true;
        var entered = await Database.SendAsync(new AdjustStandards
        {
            JurisdictionCode = "431081", EffectiveFrom = new DateOnly(2027, 1, 1), DocumentNumber = "资民发〔2027〕1号",
            Items = [new StandardAdjustmentItem { VariantCode = ProgrammeCatalogue.RuralDibaoA, NewAmount = 420m }],
        });
        var id = entered.Value!.ProposalId!.Value;

        var page = Context.Render<StandardsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=proposal-{id}]")));
        Assert.Contains("380.00 → 420.00", page.Find($"[data-testid=proposal-{id}]").TextContent.Replace("\n", "").Replace("  ", ""));
        Assert.Contains("影响测算", page.Find($"[data-testid=proposal-impact-{id}]").TextContent);

        page.Find($"[data-testid=approve-proposal-{id}]").Click();

        page.WaitForAssertion(() => Assert.Contains("不能审核自己的调标", page.Find("[data-testid=proposal-error]").TextContent));
        Assert.NotEmpty(page.FindAll($"[data-testid=proposal-{id}]"));
    }
}
