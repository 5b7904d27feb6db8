using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Admin;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Payments;

/// <summary>The administrators' button for verify-ledger, rendered over the demo bureau's closed months.</summary>
public sealed class LedgerCheckCardTests : ComponentTestContext
{
    protected override string Role => Roles.Admin;
    protected override bool WithDemoData => true;

    [Fact]
    public void Checking_the_ledger_reports_every_closed_month_agreeing()
    {
        var card = Context.Render<LedgerCheckCard>();
        Assert.Empty(card.FindAll("[data-testid=ledger-result]"));

        card.Find("[data-testid=verify-ledger]").Click();

        card.WaitForAssertion(() => Assert.Contains("发放台账与规则一致：核对 7 个已关账月份",
            card.Find("[data-testid=ledger-result]").TextContent), TimeSpan.FromMinutes(2));
        Assert.Empty(card.FindAll("[data-testid=ledger-difference]"));
    }
}
