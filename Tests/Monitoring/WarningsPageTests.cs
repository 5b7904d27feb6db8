using System.Text;
using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Monitoring;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Monitoring;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Monitoring;

/// <summary>The warnings page over a real database: a death warning reads as raised, and is confirmed from the page.</summary>
public sealed class WarningsPageTests : ComponentTestContext
{
    protected override string Role => Roles.Caseworker;

    [Fact]
    public async Task A_death_warning_is_listed_red_and_confirmed_from_the_page()
    {
        var roster = new RosterBuilder(Database);
        var head = roster.Member("王老汉", Relationship.Head, 1940);
        await roster.RegisterAsync(new YearMonth(2026, 9), ProgrammeCatalogue.RuralDibaoA, Residence.Rural, "三都镇", head);
        Assert.True((await Database.SendAsync(new ComputePaymentMonth { JurisdictionCode = "431081", Month = new YearMonth(2026, 11) }, Roles.Caseworker)).Succeeded);
        var csv = Encoding.UTF8.GetBytes($"姓名,身份证号,死亡日期\r\n王老汉,{head.IdNumber},2026-10-12");
        Assert.True((await Database.SendAsync(new ImportRecords("431081", "death", "deaths.csv", new MemoryStream(csv)), Roles.Caseworker)).Succeeded);

        var page = Context.Render<WarningsPage>();
        page.WaitForAssertion(() => Assert.Contains("红色 1 条", page.Find("[data-testid=warning-counts]").TextContent));
        var id = (await Database.SendAsync(new ListWarnings("431081"), Roles.Caseworker)).Rows.Single().Id;
        Assert.Equal("2026-10-12 死亡（殡葬记录），2026-11 仍在发放", page.Find($"[data-testid=warning-text-{id}]").TextContent.Trim());

        page.Find($"[data-testid=warning-died-{id}]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("确认 王老汉 已死亡", Dialogs.Markup));
        Dialogs.FindAll("button").First(b => b.TextContent.Contains("核实死亡")).Click();
        page.WaitForAssertion(() => Assert.Contains("红色 0 条", page.Find("[data-testid=warning-counts]").TextContent));
    }
}
