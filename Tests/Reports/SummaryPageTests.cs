using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Reports;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Reports;

/// <summary>The summary page: the half-year just ended drafted on opening, its text editable, other periods a click away.</summary>
public sealed class SummaryPageTests : ComponentTestContext
{
    protected override string Role => Roles.Statistician;
    protected override bool WithDemoData => true;

    [Fact]
    public void The_page_opens_on_the_first_half_s_draft_and_a_preset_changes_the_period()
    {
        var page = Context.Render<SummaryPage>();

        page.WaitForAssertion(() => Assert.Contains("2023年上半年", page.Find("[data-testid=summary-title]").TextContent));
        var text = page.Find("[data-testid=summary-text] textarea, textarea[data-testid=summary-text]");
        Assert.Contains("截至6月底，全市共保障城市低保对象", text.GetAttribute("value") ?? text.TextContent);
        Assert.Empty(page.FindAll("[data-testid=summary-reset]"));

        text.Input("一、城乡最低生活保障\n改写的文字");
        page.WaitForAssertion(() => page.Find("[data-testid=summary-reset]"));

        page.Find("[data-testid=summary-year]").Click();
        page.WaitForAssertion(() => Assert.Contains("尚未计算或关账", page.Find("[data-testid=summary-error]").TextContent));
    }
}
