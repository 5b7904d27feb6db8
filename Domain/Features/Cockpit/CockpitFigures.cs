using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Cockpit;

/// <summary>
/// The cockpit's figures for a month, filtered by programme group and street/township: read from the monthly summaries
/// only (a few thousand rows whatever the roster's size), never from the ledger.
/// </summary>
[RequiresPermission(Permission.ViewCockpit)]
public sealed record GetCockpitFigures(string JurisdictionCode, YearMonth? Month = null, ProgrammeGroup? Group = null, int? TownshipId = null)
    : IRequest<CockpitFigures>;

/// <summary>Everything the cockpit shows that comes from the summaries.</summary>
public sealed record CockpitFigures(YearMonth? Month, bool IsPreview, IReadOnlyList<CockpitMonth> Months, IReadOnlyList<GroupCard> Cards,
    CockpitTotals Totals, IReadOnlyList<TrendPoint> Trend, IReadOnlyList<TownshipFigure> Townships, IReadOnlyList<TownshipOption> TownshipOptions)
{
    public static CockpitFigures Empty(IReadOnlyList<TownshipOption> townships) =>
        new(null, false, [], [], new CockpitTotals(0, 0, 0, 0, 0, 0, 0, null), [], [], townships);
}

/// <summary>A month with figures; a preview is computed but not closed.</summary>
public sealed record CockpitMonth(YearMonth Month, bool IsPreview);

/// <summary>A township to filter by.</summary>
public sealed record TownshipOption(int Id, string Name);

/// <summary>
/// One programme group's card: households and persons counted once in the group (户, 人), and person-times (人次, a person
/// in both disability subsidies is one person, two person-times).
/// </summary>
public sealed record GroupCard(ProgrammeGroup Group, int Households, int Persons, int PersonTimes, int Cases, decimal Funds, decimal FundsYearToDate,
    int LastPersons, decimal LastFunds, int NewHouseholds, int NewPersons, int StoppedHouseholds, int StoppedPersons)
{
    public int PersonsChange => Persons - LastPersons;
    public decimal FundsChange => Funds - LastFunds;
    /// <summary>Dibao is counted by household and person; the per-person programmes by person; temporary assistance by case.</summary>
    public bool CountsHouseholds => Group is ProgrammeGroup.UrbanDibao or ProgrammeGroup.RuralDibao;
}

/// <summary>
/// The totals line: households and persons assisted, each counted once (户, 人), person-times summed over programmes
/// (人次), funds, and the budget where one is entered.
/// </summary>
public sealed record CockpitTotals(int Households, int Persons, int PersonTimes, int LastPersons, decimal Funds, decimal LastFunds,
    decimal FundsYearToDate, decimal? Budget)
{
    public int PersonsChange => Persons - LastPersons;
    public decimal? BudgetUsed => Budget is > 0 ? FundsYearToDate / Budget : null;
}

/// <summary>One month of the 12-month trend: persons counted once; the same month a year before where it has figures.</summary>
public sealed record TrendPoint(YearMonth Month, int Persons, decimal Funds, int? PersonsLastYear = null, decimal? FundsLastYear = null);

/// <summary>One street/township's figures for the month.</summary>
public sealed record TownshipFigure(int Id, string Name, int Households, int Persons, decimal Funds, int NewPersons, int StoppedPersons);

/// <summary>Loads the summary rows of the year and the trend's months once, then groups them in memory.</summary>
public sealed class GetCockpitFiguresHandler(IDataSessionFactory data, Actor actor) : IRequestHandler<GetCockpitFigures, CockpitFigures>
{
    public async ValueTask<CockpitFigures> Handle(GetCockpitFigures request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var townships = await session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == j && a.Level == AreaLevel.Township)
            .OrderBy(a => a.SortOrder).Select(a => new TownshipOption(a.Id, a.Name)), ct);
        // A township's account sees its own township only (its summaries are all the database gives it).
        if (actor.Scope is { } scope) townships = townships.Where(t => scope.TownshipIds.Contains(t.Id)).ToList();
        var months = await session.ToListAsync(session.Query<PaymentMonth>()
            .Where(m => m.JurisdictionId == j && m.State != PaymentMonthState.Open).OrderByDescending(m => m.Month)
            .Select(m => new CockpitMonth(m.Month, m.State == PaymentMonthState.Computed)), ct);
        if (months.Count == 0) return CockpitFigures.Empty(townships);

        // Leadership watches the last closed month unless they pick another (a preview is not yet money paid).
        var month = request.Month is { } asked && months.Any(m => m.Month == asked) ? asked
            : months.FirstOrDefault(m => !m.IsPreview)?.Month ?? months[0].Month;
        // Twelve months of trend, each beside the same month a year before: 23 months back (within the summaries that exist).
        // Only the month itself is read row by row; the other months need nothing but their funds per programme, summed
        // by the database (a few hundred rows instead of thousands of whole summaries: this read is most of the time).
        var from = month.AddMonths(-23);
        var query = session.Query<PaymentSummary>().Where(s => s.JurisdictionId == j && s.Month == month);
        var fundsQuery = session.Query<PaymentSummary>().Where(s => s.JurisdictionId == j && s.Month >= from && s.Month <= month);
        if (request.TownshipId is { } township)
        {
            query = query.Where(s => s.TownshipId == township);
            fundsQuery = fundsQuery.Where(s => s.TownshipId == township);
        }
        var now = await session.ToListAsync(query.Select(s => new MonthRow(s.TownshipId, s.VariantCode, s.Persons, s.Cases, s.Amount,
            s.NewHouseholds, s.NewPersons, s.StoppedHouseholds, s.StoppedPersons)), ct);
        var funds = await session.ToListAsync(fundsQuery.GroupBy(s => new { s.Month, s.VariantCode })
            .Select(g => new FundsRow(g.Key.Month, g.Key.VariantCode, g.Sum(s => s.Amount))), ct);
        if (request.Group is { } group)
        {
            var codes = ProgrammeCatalogue.All.Where(v => v.Group == group).Select(v => v.Code).ToHashSet();
            now = now.Where(r => codes.Contains(r.VariantCode)).ToList();
            funds = funds.Where(r => codes.Contains(r.VariantCode)).ToList();
        }
        var countsQuery = session.Query<PaymentHeadcount>().Where(s => s.JurisdictionId == j && s.Month >= from && s.Month <= month);
        if (request.TownshipId is { } chosen) countsQuery = countsQuery.Where(s => s.TownshipId == chosen);
        var counts = await session.ToListAsync(countsQuery, ct);
        var budget = await session.FirstOrDefaultAsync(session.Query<AnnualBudget>().Where(b => b.JurisdictionId == j && b.Year == month.Year)
            .Select(b => (decimal?)b.Amount), ct);

        var last = month.Previous;
        var yearToDate = funds.Where(r => r.Month.Year == month.Year).ToList();
        var before = funds.Where(r => r.Month == last).ToList();
        static ProgrammeGroup GroupOf(string code) => ProgrammeCatalogue.Find(code)!.Group;

        var cards = Enum.GetValues<ProgrammeGroup>().Where(g => request.Group is null || request.Group == g).Select(g =>
        {
            var n = now.Where(r => GroupOf(r.VariantCode) == g).ToList();
            var b = before.Where(r => GroupOf(r.VariantCode) == g).ToList();
            var (households, persons) = PaymentHeadcount.Count(counts, month, group: g);
            return new GroupCard(g, households, persons, n.Sum(r => r.Persons), n.Sum(r => r.Cases), n.Sum(r => r.Amount),
                yearToDate.Where(r => GroupOf(r.VariantCode) == g).Sum(r => r.Amount), PaymentHeadcount.Count(counts, last, group: g).Persons, b.Sum(r => r.Amount),
                n.Sum(r => r.NewHouseholds), n.Sum(r => r.NewPersons), n.Sum(r => r.StoppedHouseholds), n.Sum(r => r.StoppedPersons));
        }).ToList();
        var (allHouseholds, allPersons) = PaymentHeadcount.Count(counts, month, group: request.Group);
        var totals = new CockpitTotals(allHouseholds, allPersons, now.Sum(r => r.Persons), PaymentHeadcount.Count(counts, last, group: request.Group).Persons,
            now.Sum(r => r.Amount), before.Sum(r => r.Amount), yearToDate.Sum(r => r.Amount), request.Group is null && request.TownshipId is null && actor.Scope is null ? budget : null);
        // Months before the first payment month have no figures; drawing them as zero would show a fall that never was.
        var trend = Enumerable.Range(0, 12).Select(i => month.AddMonths(i - 11)).Where(m => months.Any(x => x.Month == m))
            .Select(m =>
            {
                var yearAgo = m.AddMonths(-12);
                var had = months.Any(x => x.Month == yearAgo);
                return new TrendPoint(m, PaymentHeadcount.Count(counts, m, group: request.Group).Persons, funds.Where(r => r.Month == m).Sum(r => r.Amount),
                    had ? PaymentHeadcount.Count(counts, yearAgo, group: request.Group).Persons : null, had ? funds.Where(r => r.Month == yearAgo).Sum(r => r.Amount) : null);
            }).ToList();
        var byTownship = townships.Where(t => request.TownshipId is null || t.Id == request.TownshipId).Select(t =>
        {
            var n = now.Where(r => r.TownshipId == t.Id).ToList();
            // Each household and person once, within the chosen group or across programmes.
            var (households, persons) = PaymentHeadcount.Count(counts, month, t.Id, request.Group);
            return new TownshipFigure(t.Id, t.Name, households, persons, n.Sum(r => r.Amount),
                n.Sum(r => r.NewPersons), n.Sum(r => r.StoppedPersons));
        }).ToList();
        return new CockpitFigures(month, months.First(m => m.Month == month).IsPreview, months, cards, totals, trend, byTownship, townships);
    }

    /// <summary>The month's summary figures the cockpit shows, per township and variant.</summary>
    private sealed record MonthRow(int TownshipId, string VariantCode, int Persons, int Cases, decimal Amount,
        int NewHouseholds, int NewPersons, int StoppedHouseholds, int StoppedPersons);

    /// <summary>A month's funds of one variant, over the townships asked for.</summary>
    private sealed record FundsRow(YearMonth Month, string VariantCode, decimal Amount);
}
