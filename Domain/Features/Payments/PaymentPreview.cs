using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Payments;

/// <summary>A computed or closed month against the month before, by programme variant and by street/township, read from the summaries.</summary>
[RequiresPermission(Permission.ViewPayments)]
public sealed record GetPaymentPreview(string JurisdictionCode, YearMonth Month) : IRequest<PaymentPreview?>;

/// <summary>
/// The preview: rows by programme (where the explanation adds up, since a tier change moves persons between variants
/// of one programme), by variant, by township, and the total.
/// </summary>
public sealed record PaymentPreview(YearMonth Month, PaymentMonthState State, IReadOnlyList<PreviewRow> ByProgramme,
    IReadOnlyList<PreviewRow> ByVariant, IReadOnlyList<PreviewRow> ByTownship, PreviewRow Total);

/// <summary>
/// One row of the preview. The change in regular payments against last month is explained exactly:
/// new − stopped + tier changes + standard changes; back pay and temporary assistance are shown beside it.
/// </summary>
public sealed record PreviewRow(string Key, string Name, int Households, int Persons, int Cases, decimal Amount, decimal BackPay,
    decimal Recovery, int LastHouseholds, int LastPersons, decimal LastAmount, decimal LastBackPay, int NewHouseholds, int NewPersons,
    int StoppedHouseholds, int StoppedPersons, decimal NewAmount, decimal StoppedAmount, decimal TierChangeDelta, decimal StandardChangeDelta)
{
    public decimal Difference => Amount - LastAmount;
    /// <summary>What the explanation adds up to; equals <see cref="Difference"/> for the monthly programmes.</summary>
    public decimal Explained => NewAmount - StoppedAmount + TierChangeDelta + StandardChangeDelta + (BackPay - LastBackPay);

    public static PreviewRow Of(string key, string name, IReadOnlyCollection<PaymentSummary> now, IReadOnlyCollection<PaymentSummary> last) =>
        new(key, name, now.Sum(s => s.Households), now.Sum(s => s.Persons), now.Sum(s => s.Cases), now.Sum(s => s.Amount), now.Sum(s => s.BackPay),
            now.Sum(s => s.Recovery), last.Sum(s => s.Households), last.Sum(s => s.Persons), last.Sum(s => s.Amount), last.Sum(s => s.BackPay),
            now.Sum(s => s.NewHouseholds), now.Sum(s => s.NewPersons), now.Sum(s => s.StoppedHouseholds), now.Sum(s => s.StoppedPersons),
            now.Sum(s => s.NewAmount), now.Sum(s => s.StoppedAmount), now.Sum(s => s.TierChangeDelta), now.Sum(s => s.StandardChangeDelta));
}

/// <summary>Reads two months of summaries (a few hundred rows) and groups them.</summary>
public sealed class GetPaymentPreviewHandler(IDataSessionFactory data) : IRequestHandler<GetPaymentPreview, PaymentPreview?>
{
    public async ValueTask<PaymentPreview?> Handle(GetPaymentPreview request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        if (await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) is not { } j) return null;
        var month = await session.FirstOrDefaultAsync(session.Query<PaymentMonth>().Where(m => m.JurisdictionId == j && m.Month == request.Month), ct);
        if (month is null || month.State == PaymentMonthState.Open) return null;
        var previous = request.Month.Previous;
        var rows = await session.ToListAsync(session.Query<PaymentSummary>()
            .Where(s => s.JurisdictionId == j && (s.Month == request.Month || s.Month == previous)), ct);
        var townships = await session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == j && a.Level == AreaLevel.Township)
            .OrderBy(a => a.SortOrder).Select(a => new { a.Id, a.Name }), ct);
        var headcounts = await session.ToListAsync(session.Query<PaymentHeadcount>()
            .Where(s => s.JurisdictionId == j && s.GroupCode == PaymentHeadcount.AllProgrammes && (s.Month == request.Month || s.Month == previous)), ct);
        var now = rows.Where(r => r.Month == request.Month).ToList();
        var last = rows.Where(r => r.Month == previous).ToList();

        var byVariant = ProgrammeCatalogue.All
            .Select(v => PreviewRow.Of(v.Code, v.Name, now.Where(r => r.VariantCode == v.Code).ToList(), last.Where(r => r.VariantCode == v.Code).ToList()))
            .Where(r => r.Persons + r.LastPersons + r.Cases > 0 || r.Amount + r.LastAmount + r.Recovery != 0).ToList();
        var byProgramme = ProgrammeCatalogue.All.GroupBy(v => v.Programme)
            .Select(g => PreviewRow.Of(g.Key.ToString(), Messages.Get($"Programme.{g.Key}"),
                now.Where(r => g.Any(v => v.Code == r.VariantCode)).ToList(), last.Where(r => g.Any(v => v.Code == r.VariantCode)).ToList()))
            .Where(r => r.Persons + r.LastPersons + r.Cases > 0 || r.Amount + r.LastAmount + r.Recovery != 0).ToList();
        // Across programmes a household is counted once (the distinct head counts), not once per programme it is in;
        // new and stopped households are counted as dibao households, the only programme enrolled by household.
        PreviewRow Across(string key, string name, int? township, List<PaymentSummary> n, List<PaymentSummary> l)
        {
            var dibao = n.Where(s => ProgrammeCatalogue.Find(s.VariantCode)!.CoversHousehold).ToList();
            return PreviewRow.Of(key, name, n, l) with
            {
                Households = PaymentHeadcount.Count(headcounts, request.Month, township).Households,
                LastHouseholds = PaymentHeadcount.Count(headcounts, previous, township).Households,
                NewHouseholds = dibao.Sum(s => s.NewHouseholds), StoppedHouseholds = dibao.Sum(s => s.StoppedHouseholds),
            };
        }
        var byTownship = townships
            .Select(t => Across(t.Id.ToString(), t.Name, t.Id, now.Where(r => r.TownshipId == t.Id).ToList(), last.Where(r => r.TownshipId == t.Id).ToList()))
            .ToList();
        return new PaymentPreview(request.Month, month.State, byProgramme, byVariant, byTownship, Across("total", Messages.Get("Total"), null, now, last));
    }
}
