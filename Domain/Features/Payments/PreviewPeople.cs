using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Payments;

/// <summary>A figure of the payment preview that opens the list of persons behind it.</summary>
/// <remarks><see cref="Paid"/> is the cockpit's funds figure: every line of the month paid out.</remarks>
public enum PreviewFigure { New = 1, Stopped = 2, TierChange = 3, StandardChange = 4, BackPay = 5, Recovery = 6, Paid = 7, Temporary = 8 }

/// <summary>
/// The persons behind one figure of a month's preview (新增, 停发, 调档, 调标, 补发, 追缴), for one programme or all,
/// read from the ledger by the rules the summaries count them by, so the list has as many persons as the figure says.
/// </summary>
[RequiresPermission(Permission.ViewPayments)]
/// <param name="Group">The cockpit's grouping (城乡低保 … 困境儿童): the programmes of that group.</param>
public sealed record ListPreviewPeople(string JurisdictionCode, YearMonth Month, PreviewFigure Figure, Programme? Programme = null,
    ProgrammeGroup? Group = null, int? TownshipId = null) : IRequest<PreviewPeople>;

/// <summary>The list (at most <see cref="ListPreviewPeopleHandler.Shown"/> rows) and how many there are in all.</summary>
public sealed record PreviewPeople(IReadOnlyList<PreviewPerson> Rows, int Total, decimal Amount);

/// <summary>One person behind the figure, with the household to open.</summary>
public sealed record PreviewPerson(int HouseholdId, int? PersonId, string Name, string Township, string VariantName, YearMonth ForMonth,
    decimal Amount, decimal? PreviousAmount);

/// <summary>Reads the month's lines of the figure's reason; 停发 is last month's regular lines not paid this month.</summary>
public sealed class ListPreviewPeopleHandler(IDataSessionFactory data) : IRequestHandler<ListPreviewPeople, PreviewPeople>
{
    public const int Shown = 500;

    public async ValueTask<PreviewPeople> Handle(ListPreviewPeople request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        if (await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) is not { } j) return new([], 0, 0);
        var found = await PreviewLines.FindAsync(session, j, request.Month, request.Figure, request.Programme, request.Group, request.TownshipId, ct);
        var shown = found.OrderBy(l => l.TownshipId).ThenBy(l => l.HouseholdId).ThenBy(l => l.PersonId).ThenBy(l => l.ForMonth).Take(Shown).ToList();
        var personIds = shown.Where(l => l.PersonId is not null).Select(l => l.PersonId!.Value).Distinct().ToList();
        var names = (await session.ToListAsync(session.Query<Person>().Where(p => personIds.Contains(p.Id)).Select(p => new { p.Id, p.Name }), ct))
            .ToDictionary(p => p.Id, p => p.Name);
        var townships = (await session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == j).Select(a => new { a.Id, a.Name }), ct))
            .ToDictionary(a => a.Id, a => a.Name);
        var rows = shown.Select(l => new PreviewPerson(l.HouseholdId, l.PersonId, l.PersonId is { } p ? names.GetValueOrDefault(p, "") : "",
            townships.GetValueOrDefault(l.TownshipId, ""), ProgrammeCatalogue.Find(l.VariantCode)?.Name ?? l.VariantCode, l.ForMonth,
            l.Amount, l.PreviousAmount)).ToList();
        return new PreviewPeople(rows, found.Count, found.Sum(l => l.Amount));
    }
}

/// <summary>
/// The ledger lines behind a figure, by the rules the summaries count it by: the drill-down lists and the month's
/// change lists (变动明细) read them here, so a list always holds what its figure counts.
/// </summary>
public static class PreviewLines
{
    /// <summary>The month's lines of the figure's reason; 停发 is last month's regular lines whose person is not paid regularly this month.</summary>
    public static async Task<List<PaymentLine>> FindAsync(IDataSession session, int j, YearMonth month, PreviewFigure figure, Programme? programme,
        ProgrammeGroup? group, int? townshipId, CancellationToken ct)
    {
        var lines = session.Query<PaymentLine>().Where(l => l.JurisdictionId == j);
        if (programme is { } chosen) lines = lines.Where(l => l.Programme == chosen);
        if (townshipId is { } township) lines = lines.Where(l => l.TownshipId == township);
        if (group is { } inGroup)
        {
            var programmes = Enum.GetValues<Programme>().Where(p => ProgrammeCatalogue.GroupOf(p) == inGroup).ToList();
            lines = lines.Where(l => programmes.Contains(l.Programme));
        }

        List<PaymentLine> found;
        if (figure == PreviewFigure.Stopped)
        {
            // As the summaries count it: a regular line of last month whose person has no regular line in the
            // programme this month.
            var previous = month.Previous;
            // The regular reasons by the rule itself (Entitlement.IsRegular), as a list the query can take.
            var regular = Enum.GetValues<PaymentReason>().Where(Entitlement.IsRegular).ToArray();
            // Asked of the database line by line (NOT EXISTS over the ledger's (jurisdiction, month, person) index): a
            // month's few stops are found without reading a million lines of each month into memory.
            var paidNow = session.Query<PaymentLine>().Where(n => n.JurisdictionId == j && n.ForMonth == month && n.Month == month && regular.Contains(n.Reason));
            found = await session.ToListAsync(lines.Where(l => l.Month == previous && regular.Contains(l.Reason)
                && (l.PersonId == null || !paidNow.Any(n => n.PersonId == l.PersonId && n.Programme == l.Programme))), ct);
        }
        else if (figure == PreviewFigure.Paid)
        {
            var paidOut = Enum.GetValues<PaymentReason>().Where(Entitlement.IsPaidOut).ToArray();
            found = await session.ToListAsync(lines.Where(l => l.Month == month && paidOut.Contains(l.Reason)), ct);
        }
        else
        {
            var reason = ReasonOf(figure)!.Value;
            found = await session.ToListAsync(lines.Where(l => l.Month == month && l.Reason == reason), ct);
        }
        return found;
    }

    /// <summary>The ledger reason a figure counts (null for 停发 and 本月发放, which are not one reason).</summary>
    public static PaymentReason? ReasonOf(PreviewFigure figure) => figure switch
    {
        PreviewFigure.New => PaymentReason.New,
        PreviewFigure.TierChange => PaymentReason.TierChange,
        PreviewFigure.StandardChange => PaymentReason.StandardChange,
        PreviewFigure.BackPay => PaymentReason.BackPay,
        PreviewFigure.Temporary => PaymentReason.Temporary,
        PreviewFigure.Recovery => PaymentReason.Recovery,
        _ => null,
    };

    /// <summary>
    /// Several figures' lines at once (the month's change lists): the figures of one reason each in a single read of the
    /// month, 停发 by its own query — two passes over the ledger rather than one per figure.
    /// </summary>
    public static async Task<Dictionary<PreviewFigure, List<PaymentLine>>> FindManyAsync(IDataSession session, int j, YearMonth month,
        IReadOnlyCollection<PreviewFigure> figures, int? townshipId, CancellationToken ct)
    {
        var byReason = figures.Where(f => ReasonOf(f) is not null).ToDictionary(f => ReasonOf(f)!.Value);
        var reasons = byReason.Keys.ToArray();
        var lines = session.Query<PaymentLine>().Where(l => l.JurisdictionId == j && l.Month == month && reasons.Contains(l.Reason));
        if (townshipId is { } township) lines = lines.Where(l => l.TownshipId == township);
        var read = await session.ToListAsync(lines, ct);
        var found = figures.ToDictionary(f => f, f => byReason.ContainsValue(f) ? read.Where(l => l.Reason == ReasonOf(f)).ToList() : []);
        foreach (var figure in figures.Where(f => ReasonOf(f) is null))
            found[figure] = await FindAsync(session, j, month, figure, null, null, townshipId, ct);
        return found;
    }
}
