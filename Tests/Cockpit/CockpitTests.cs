using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Cockpit;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Cockpit;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Live;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CivilAffairs.Tests.Cockpit;

/// <summary>The cockpit over the demo bureau: its numbers computed independently, its cards and filters, and its live refresh.</summary>
public sealed class CockpitTests : ComponentTestContext
{
    private static readonly YearMonth June = new(2023, 6);

    protected override string Role => Roles.Leader;
    protected override bool WithDemoData => true;

    [Fact]
    public async Task The_figures_equal_the_roster_head_counts_and_the_ledger_sums()
    {
        var figures = await Database.SendAsync(new GetCockpitFigures("431081", June), Roles.Leader);

        await using var db = Database.NewContext();
        var groupOf = ProgrammeCatalogue.All.ToDictionary(v => v.Code, v => v.Group);
        var lines = await db.PaymentLines.AsNoTracking().Where(l => l.Month >= new YearMonth(2023, 1) && l.Month <= June && l.Reason != PaymentReason.Recovery)
            .Select(l => new { l.Month, l.VariantCode, l.Amount }).ToListAsync();
        foreach (var card in figures.Cards)
        {
            Assert.Equal(lines.Where(l => l.Month == June && groupOf[l.VariantCode] == card.Group).Sum(l => l.Amount), card.Funds);
            Assert.Equal(lines.Where(l => groupOf[l.VariantCode] == card.Group).Sum(l => l.Amount), card.FundsYearToDate);
        }
        Assert.Equal(lines.Where(l => l.Month == June).Sum(l => l.Amount), figures.Totals.Funds);

        // Head counts straight from the roster: enrolments active in June and the members of their households that month.
        var active = db.Enrollments.Where(e => e.FromMonth <= June && (e.ToMonth == null || e.ToMonth >= June));
        async Task<(int, int)> Dibao(Programme programme)
        {
            var households = active.Where(e => e.PersonId == null && e.Variant!.Programme == programme).Select(e => e.HouseholdId);
            var persons = await db.Persons.CountAsync(p => households.Contains(p.HouseholdId) && p.JoinedMonth <= June && (p.LeftMonth == null || p.LeftMonth >= June));
            return (await households.CountAsync(), persons);
        }
        var cards = figures.Cards.ToDictionary(c => c.Group);
        Assert.Equal((9_836, 20_232), await Dibao(Programme.RuralDibao));
        Assert.Equal(await Dibao(Programme.RuralDibao), (cards[ProgrammeGroup.RuralDibao].Households, cards[ProgrammeGroup.RuralDibao].Persons));
        Assert.Equal(await Dibao(Programme.UrbanDibao), (cards[ProgrammeGroup.UrbanDibao].Households, cards[ProgrammeGroup.UrbanDibao].Persons));
        foreach (var group in new[] { ProgrammeGroup.ExtremePoverty, ProgrammeGroup.Disability, ProgrammeGroup.Children })
        {
            var codes = ProgrammeCatalogue.All.Where(v => v.Group == group).Select(v => v.Code).ToList();
            var enrolled = active.Where(e => e.PersonId != null && codes.Contains(e.VariantCode));
            // Person-times count each subsidy; persons count a person in both disability subsidies once.
            Assert.Equal(await enrolled.CountAsync(), cards[group].PersonTimes);
            Assert.Equal(await enrolled.Select(e => e.PersonId).Distinct().CountAsync(), cards[group].Persons);
        }
        Assert.Equal(9_128, cards[ProgrammeGroup.Disability].PersonTimes);
        Assert.True(cards[ProgrammeGroup.Disability].Persons < cards[ProgrammeGroup.Disability].PersonTimes);
        var temporary = await db.TemporaryAssistance.AsNoTracking().Where(t => t.Month == June).ToListAsync();
        Assert.Equal((temporary.Count, temporary.Sum(t => t.Persons), temporary.Sum(t => t.Amount)),
            (cards[ProgrammeGroup.Temporary].Cases, cards[ProgrammeGroup.Temporary].Persons, cards[ProgrammeGroup.Temporary].Funds));
        // December 2022 to June 2023: the months that have figures, up to twelve.
        Assert.Equal(Enumerable.Range(0, 7).Select(i => new YearMonth(2022, 12).AddMonths(i)), figures.Trend.Select(p => p.Month));
        Assert.Equal(figures.Totals.Persons, figures.Trend[^1].Persons);
        // The totals count each household and person once across programmes, and person-times over programmes.
        var paid = await db.PaymentLines.AsNoTracking().Where(l => l.Month == June && (l.Reason <= PaymentReason.StandardChange || l.Reason == PaymentReason.Temporary))
            .Select(l => new { l.HouseholdId, l.PersonId, l.PersonCount, l.Reason }).ToListAsync();
        Assert.Equal(paid.Select(l => l.HouseholdId).Distinct().Count(), figures.Totals.Households);
        Assert.Equal(paid.Where(l => l.PersonId != null).Select(l => l.PersonId).Distinct().Count()
                     + paid.Where(l => l.Reason == PaymentReason.Temporary).Sum(l => l.PersonCount - (l.PersonId == null ? 0 : 1)), figures.Totals.Persons);
        Assert.Equal(figures.Cards.Sum(c => c.PersonTimes), figures.Totals.PersonTimes);
        Assert.True(figures.Totals.Households > 12_165);
    }

    [Fact]
    public async Task The_page_shows_cards_charts_townships_and_filters_by_township_and_programme()
    {
        var page = Context.Render<CockpitPage>();
        page.WaitForAssertion(() => Assert.Contains("9,836 户 / 20,232 人", page.Find("[data-testid=card-RuralDibao-heads]").TextContent));

        var figures = await Database.SendAsync(new GetCockpitFigures("431081"), Roles.Leader);
        Assert.Equal(June, figures.Month);
        var rural = figures.Cards.Single(c => c.Group == ProgrammeGroup.RuralDibao);
        Assert.Equal((rural.Funds / 10_000m).ToString("N4"), page.Find("[data-testid=card-RuralDibao-funds]").TextContent.Trim());
        Assert.Equal(figures.Totals.Persons.ToString("N0"), page.Find("[data-testid=total-persons-value]").TextContent.Trim());
        Assert.Equal(14, page.FindAll("[data-testid=township-table] tbody tr").Count);
        Assert.NotEmpty(page.FindAll("[data-testid=trend-persons] svg, svg[data-testid=trend-persons], .mud-chart svg"));
        Assert.Contains("农村低保 A类", page.Find("[data-testid=cockpit-standards]").TextContent);
        Assert.Contains("+60.00", page.Find($"[data-testid=standard-{ProgrammeCatalogue.RuralDibaoA}]").TextContent);
        Assert.Equal("roster?programme=RuralDibao", page.Find("[data-testid=card-RuralDibao] a").GetAttribute("href"));

        // Filter to one township: the cards and the table show that township only.
        var township = figures.Townships.First(t => t.Persons > 0);
        var townshipSelect = page.FindComponents<MudSelect<int?>>().Single();
        await page.InvokeAsync(() => townshipSelect.Instance.ValueChanged.InvokeAsync(township.Id));
        var filtered = await Database.SendAsync(new GetCockpitFigures("431081", null, null, township.Id), Roles.Leader);
        var ruralThere = filtered.Cards.Single(c => c.Group == ProgrammeGroup.RuralDibao);
        page.WaitForAssertion(() => Assert.Contains($"{ruralThere.Households:N0} 户 / {ruralThere.Persons:N0} 人", page.Find("[data-testid=card-RuralDibao-heads]").TextContent));
        Assert.Single(page.FindAll("[data-testid=township-table] tbody tr"));
        Assert.Equal(township.Persons, filtered.Totals.Persons);
        Assert.Equal($"roster?programme=RuralDibao&township={township.Id}", page.Find("[data-testid=card-RuralDibao] a").GetAttribute("href"));

        // Filter to one programme group: one card.
        var groupSelect = page.FindComponents<MudSelect<ProgrammeGroup?>>().Single();
        await page.InvokeAsync(() => groupSelect.Instance.ValueChanged.InvokeAsync(ProgrammeGroup.ExtremePoverty));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid^=card-][data-testid$=-heads]")));
    }

    [Fact]
    public async Task A_burst_of_a_thousand_commits_causes_a_bounded_number_of_refreshes_and_the_last_change_shows()
    {
        var page = Context.Render<CockpitPage>();
        page.WaitForAssertion(() => Assert.Contains("未录入预算", page.Find("[data-testid=total-budget-value]").TextContent));
        var watcher = Context.Services.GetRequiredService<ChangeCounterWatcher>();
        await watcher.StartAsync(default);
        try
        {
            await using (var db = Database.NewContext())
                for (var i = 0; i < 1_000; i++)
                    await db.Database.ExecuteSqlRawAsync($"UPDATE ChangeCounters SET Value = Value + 1 WHERE Topic = {(int)ChangeTopic.Roster}");
            Assert.True((await Database.SendAsync(new SetAnnualBudget("431081", 2023, 60_000_000m), Roles.Caseworker)).Succeeded);

            page.WaitForAssertion(() => Assert.Contains(" 6,000.0000 万元", " " + page.Find("[data-testid=total-budget-change]").TextContent), TimeSpan.FromSeconds(10));
            var refreshes = page.Instance.Refreshes;
            Assert.InRange(refreshes, 1, 100);
        }
        finally
        {
            await watcher.StopAsync(default);
        }
    }

    [Fact]
    public async Task The_month_label_drops_its_preview_mark_when_the_month_closes_without_a_reload()
    {
        var july = new YearMonth(2023, 7);
        Assert.True((await Database.SendAsync(new Domain.Features.Payments.ComputePaymentMonth { JurisdictionCode = "431081", Month = july }, Roles.Caseworker)).Succeeded);
        Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/?month=2023-07");
        var page = Context.Render<CockpitPage>();
        page.WaitForAssertion(() => Assert.Equal("2023-07（预览）", page.Find("[data-testid=cockpit-month-label]").TextContent.Trim()));
        Assert.StartsWith("较上月", page.Find("[data-testid=total-persons-change]").TextContent.Trim());
        Assert.Contains("万元", page.Find("[data-testid=total-funds-change]").TextContent);

        var watcher = Context.Services.GetRequiredService<ChangeCounterWatcher>();
        await watcher.StartAsync(default);
        try
        {
            Assert.True((await Database.SendAsync(new Domain.Features.Payments.ClosePaymentMonth { JurisdictionCode = "431081", Month = july }, Roles.Caseworker)).Succeeded);
            page.WaitForAssertion(() => Assert.Equal("2023-07", page.Find("[data-testid=cockpit-month-label]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        }
        finally
        {
            await watcher.StopAsync(default);
        }
    }

    [Fact]
    public void A_chart_draws_again_only_when_its_figures_change()
    {
        List<ChartSeries<double>> Series(double value) => [new() { Name = "人数", Data = new double[] { 1, value } }];
        var first = Series(2);
        var chart = Context.Render<CockpitChart>(p => p.Add(x => x.ChartType, ChartType.Bar).Add(x => x.Series, first).Add(x => x.Labels, ["1月", "2月"]));
        IEnumerable<ChartSeries<double>> Drawn() => chart.FindComponent<MudChart<double>>().Instance.ChartSeries;
        Assert.Same(first, Drawn());

        chart.Render(p => p.Add(x => x.Series, Series(2)).Add(x => x.Labels, ["1月", "2月"]));
        Assert.Same(first, Drawn()); // the same figures in new lists: the chart was not drawn again

        var changed = Series(3);
        chart.Render(p => p.Add(x => x.Series, changed));
        Assert.Same(changed, Drawn());
    }

    [Fact]
    public void A_panel_is_drawn_again_only_when_its_key_changes()
    {
        var panel = Context.Render<Unchanged>(p => p.Add(x => x.Key, "6月|9836").AddChildContent("<span>旧</span>"));

        panel.Render(p => p.Add(x => x.Key, "6月|9836").AddChildContent("<span>新</span>"));
        Assert.Contains("旧", panel.Markup);

        panel.Render(p => p.Add(x => x.Key, "6月|9835").AddChildContent("<span>新</span>"));
        Assert.Contains("新", panel.Markup);
    }
}
