using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Payments;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Payments;

/// <summary>
/// The caseworker's finding: the preview's figures (新增 2 / 560.00, 停发 25 / 7,480.00 …) opened nothing. Each now
/// opens the persons behind it, and the list always holds exactly what the figure counts.
/// </summary>
public sealed class PreviewDrillDownTests : ComponentTestContext
{
    private static readonly YearMonth June = new(2023, 6);

    protected override string Role => Roles.Caseworker;
    protected override bool WithDemoData => true;

    [Fact]
    public async Task Every_figure_of_the_demo_s_closed_months_lists_as_many_persons_and_as_much_money_as_it_says()
    {
        foreach (var month in new[] { new YearMonth(2023, 2), new YearMonth(2023, 5), June })
        {
            var preview = (await Database.SendAsync(new GetPaymentPreview("431081", month), Role))!;
            foreach (var row in preview.ByProgramme.Append(preview.Total))
            {
                Programme? programme = Enum.TryParse<Programme>(row.Key, out var p) ? p : null;
                async Task<PreviewPeople> People(PreviewFigure figure) =>
                    await Database.SendAsync(new ListPreviewPeople("431081", month, figure, programme), Role);
                var at = $"{month} {row.Name}";

                var added = await People(PreviewFigure.New);
                Assert.True((row.NewPersons, row.NewAmount) == (added.Total, added.Amount), $"{at} 新增");
                var stopped = await People(PreviewFigure.Stopped);
                Assert.True((row.StoppedPersons, row.StoppedAmount) == (stopped.Total, stopped.Amount), $"{at} 停发 {row.StoppedPersons} vs {stopped.Total}");
                Assert.Equal(row.BackPay, (await People(PreviewFigure.BackPay)).Amount);
                Assert.Equal(row.Recovery, -(await People(PreviewFigure.Recovery)).Amount);
                var tiers = await People(PreviewFigure.TierChange);
                Assert.Equal(row.TierChangeDelta, tiers.Rows.Sum(r => r.Amount - (r.PreviousAmount ?? 0)));
                var standards = await People(PreviewFigure.StandardChange);
                Assert.Equal(row.StandardChangeDelta, standards.Rows.Sum(r => r.Amount - (r.PreviousAmount ?? 0)));
            }
        }
    }

    [Fact]
    public async Task The_cockpit_s_funds_new_and_stopped_figures_list_the_persons_and_money_they_count_for_a_group_and_a_township()
    {
        var areas = await Database.SendAsync(new CivilAffairs.Domain.Features.Roster.ListAreas("431081"), Role);
        foreach (int? township in new int?[] { null, areas[0].Id })
        {
            var figures = await Database.SendAsync(new CivilAffairs.Domain.Features.Cockpit.GetCockpitFigures("431081", June, TownshipId: township), Role);
            foreach (var card in figures.Cards.Where(c => c.Group != ProgrammeGroup.Temporary))
            {
                var added = await Database.SendAsync(new ListPreviewPeople("431081", June, PreviewFigure.New, Group: card.Group, TownshipId: township), Role);
                var stopped = await Database.SendAsync(new ListPreviewPeople("431081", June, PreviewFigure.Stopped, Group: card.Group, TownshipId: township), Role);
                Assert.True((card.NewPersons, card.StoppedPersons) == (added.Total, stopped.Total), $"{card.Group} @{township}");
            }
            foreach (var card in figures.Cards)
            {
                var paid = await Database.SendAsync(new ListPreviewPeople("431081", June, PreviewFigure.Paid, Group: card.Group, TownshipId: township), Role);
                Assert.True(card.Funds == paid.Amount, $"{card.Group} @{township}: {card.Funds} vs {paid.Amount}");
            }
            var all = await Database.SendAsync(new ListPreviewPeople("431081", June, PreviewFigure.Paid, TownshipId: township), Role);
            Assert.Equal(figures.Totals.Funds, all.Amount);
        }
        var county = await Database.SendAsync(new CivilAffairs.Domain.Features.Cockpit.GetCockpitFigures("431081", June), Role);
        foreach (var row in county.Townships)
        {
            async Task<PreviewPeople> People(PreviewFigure figure) =>
                await Database.SendAsync(new ListPreviewPeople("431081", June, figure, TownshipId: row.Id), Role);
            Assert.True(row.Funds == (await People(PreviewFigure.Paid)).Amount, $"{row.Name} 资金");
            Assert.True(row.NewPersons == (await People(PreviewFigure.New)).Total, $"{row.Name} 新增");
            Assert.True(row.StoppedPersons == (await People(PreviewFigure.Stopped)).Total, $"{row.Name} 停发");
        }
    }

    [Fact]
    public void A_township_s_stopped_figure_on_the_cockpit_opens_its_persons()
    {
        var page = Context.Render<CivilAffairs.Dashboard.Components.Pages.Cockpit.CockpitPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid^=drill-township-][data-testid$=-stopped]")));
        var link = page.FindAll("[data-testid^=drill-township-][data-testid$=-stopped]")[0];
        var persons = int.Parse(link.TextContent.Trim().Replace(",", ""));

        link.Click();

        Dialogs.WaitForAssertion(() => Assert.Equal(Math.Min(persons, ListPreviewPeopleHandler.Shown), Dialogs.FindAll("[data-testid=preview-person]").Count));
        Assert.Contains($"共 {persons:N0} 人次", Dialogs.Find("[data-testid=preview-people-summary]").TextContent);
        Assert.Contains("停发", Dialogs.Markup);
    }

    [Fact]
    public void The_stopped_figure_of_the_preview_opens_the_households_behind_it()
    {
        var page = Context.Render<PaymentsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=preview-programmes-total-Stopped]"));
        var figure = page.Find("[data-testid=preview-programmes-total-Stopped]").TextContent;

        page.Find("[data-testid=preview-programmes-total-Stopped]").Click();

        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("[data-testid=preview-person]")));
        var persons = int.Parse(figure.Split('/')[0].Trim().Replace(",", ""));
        Assert.Equal(persons, Dialogs.FindAll("[data-testid=preview-person]").Count);
        Assert.Contains($"共 {persons:N0} 人次", Dialogs.Find("[data-testid=preview-people-summary]").TextContent);
        Assert.All(Dialogs.FindAll("[data-testid=preview-person] a"), a => Assert.StartsWith("roster/households/", a.GetAttribute("href")));
    }
}
