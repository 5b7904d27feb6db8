using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Domain.Payments;

/// <summary>One way the ledger disagrees with the C# rule, described for the bureau.</summary>
public sealed record LedgerDifference(YearMonth ForMonth, int? HouseholdId, int? PersonId, string Description);

/// <summary>A temporary case as the settlement invariant sees it.</summary>
public sealed record TemporaryTerms(int Id, int HouseholdId, YearMonth Month, Money Due);

/// <summary>
/// The independent check of the ledger (verify-ledger, the model-based test): recomputes with the C# rules
/// (<see cref="Entitlement"/>, <see cref="Settlement"/>) what the SQL run wrote, without sharing any of its SQL.
/// Two checks: the settlement invariant for every closed month (per person and programme, and per temporary case, the
/// ledger's lines add up to what is due now), and line by line for a month as it was closed (each regular line's
/// amount, variant, standard, reason against last month, flags and township; nothing missing, nothing extra).
/// </summary>
public static class LedgerAudit
{
    /// <summary>Differences from the settlement invariant in <paramref name="ledger"/>'s month, outside households still awaiting a run.</summary>
    public static IEnumerable<LedgerDifference> Settlement(LedgerMonth ledger, RosterTerms roster, IReadOnlyList<BenefitStandard> standards,
        IEnumerable<TemporaryTerms> temporaryCases, Func<int, bool>? pending = null)
    {
        var month = ledger.ForMonth;
        var dueByKey = new Dictionary<SettlementKey, Money>();
        foreach (var household in roster.Households)
        foreach (var line in Entitlement.For(household, month, v => BenefitStandard.InForce(standards, v, month)))
        {
            var key = new SettlementKey(line.PersonId, line.Programme);
            dueByKey[key] = dueByKey.GetValueOrDefault(key) + line.Amount;
        }
        // Who belongs where is needed only to report a difference, which a sound ledger never has.
        Dictionary<int, int>? householdOf = null;
        foreach (var (key, _) in Payments.Settlement.Differences(dueByKey.Select(d => (d.Key, d.Value)), ledger.Settled.Select(s => (s.Key, s.Value))))
        {
            householdOf ??= HouseholdOfPerson(roster);
            var household = householdOf.TryGetValue(key.PersonId, out var h) ? h : (int?)null;
            if (household is { } id && pending?.Invoke(id) == true) continue;
            yield return new LedgerDifference(month, household, key.PersonId, Messages.Format("Ledger.Settlement", month, key.PersonId,
                ProgrammeCatalogue.NameOf(key.Programme), ledger.Settled.GetValueOrDefault(key), dueByKey.GetValueOrDefault(key)));
        }
        foreach (var assistance in temporaryCases.Where(t => t.Month == month))
        {
            var settled = ledger.TemporarySettled.GetValueOrDefault(assistance.Id);
            if (settled == assistance.Due || pending?.Invoke(assistance.HouseholdId) == true) continue;
            yield return new LedgerDifference(month, assistance.HouseholdId, null,
                Messages.Format("Ledger.Temporary", month, assistance.Id, settled, assistance.Due));
        }
        foreach (var unknown in ledger.TemporarySettled.Keys.Except(temporaryCases.Select(t => t.Id)))
            yield return new LedgerDifference(month, null, null, Messages.Format("Ledger.Temporary", month, unknown, ledger.TemporarySettled[unknown], Money.Zero));
    }

    /// <summary>
    /// Differences between the month's regular lines and the rule applied to <paramref name="roster"/>: valid for the
    /// month just closed (a later retroactive change rightly leaves old lines as written and settles beside them).
    /// </summary>
    public static IEnumerable<LedgerDifference> Lines(LedgerMonth ledger, LedgerMonth? previous, RosterTerms roster, IReadOnlyList<BenefitStandard> standards,
        Func<int, bool>? pending = null)
    {
        var month = ledger.ForMonth;
        var last = (previous?.Regular ?? []).GroupBy(l => (l.PersonId, l.Programme)).ToDictionary(g => g.Key, g => g.First());
        var expected = roster.Households.Where(h => pending?.Invoke(h.Id) != true)
            .SelectMany(h => Entitlement.For(h, month, v => BenefitStandard.InForce(standards, v, month)))
            .Select(e =>
            {
                var before = last.GetValueOrDefault((e.PersonId, e.Programme));
                return new RegularLine(e.HouseholdId, e.PersonId, e.VariantCode, e.Programme, roster.TownshipOfCommunity[e.CommunityId], e.Amount,
                    before?.Amount, e.StandardId, Entitlement.ReasonAgainst(e.VariantCode, e.Amount, before?.VariantCode, before?.Amount), e.Flags);
            }).ToList();
        var written = ledger.Regular.Where(l => pending?.Invoke(l.HouseholdId) != true).ToList();
        foreach (var missing in Without(expected, written))
            yield return new LedgerDifference(month, missing.HouseholdId, missing.PersonId, Messages.Format("Ledger.Missing", month, Describe(missing)));
        foreach (var extra in Without(written, expected))
            yield return new LedgerDifference(month, extra.HouseholdId, extra.PersonId, Messages.Format("Ledger.Extra", month, Describe(extra)));
    }

    /// <summary>Regular lines booked to another township than the one the household lived in that month (moves are never back-dated).</summary>
    public static IEnumerable<LedgerDifference> Townships(LedgerMonth ledger, RosterTerms roster)
    {
        var households = roster.Households.ToDictionary(h => h.Id);
        foreach (var line in ledger.Regular)
        {
            var township = households.TryGetValue(line.HouseholdId, out var h)
                ? roster.TownshipOfCommunity[Entitlement.CommunityIn(h.CommunityId, h.Moves.Select(m => (m.FromMonth, m.FromCommunityId)), ledger.ForMonth)]
                : (int?)null;
            if (township != line.TownshipId)
                yield return new LedgerDifference(ledger.ForMonth, line.HouseholdId, line.PersonId, Messages.Format("Ledger.Township", ledger.ForMonth, Describe(line), township));
        }
    }

    private static Dictionary<int, int> HouseholdOfPerson(RosterTerms roster)
    {
        var householdOf = new Dictionary<int, int>();
        foreach (var household in roster.Households)
        foreach (var member in household.Members)
            householdOf[member.PersonId] = household.Id;
        return householdOf;
    }

    /// <summary>The lines of <paramref name="these"/> left after taking out one per line of <paramref name="those"/>: a duplicate counts.</summary>
    private static IEnumerable<RegularLine> Without(IEnumerable<RegularLine> these, IEnumerable<RegularLine> those)
    {
        var left = those.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        foreach (var line in these)
            if (left.TryGetValue(line, out var n) && n > 0) left[line] = n - 1;
            else yield return line;
    }

    private static string Describe(RegularLine l) =>
        $"户 {l.HouseholdId} 人 {l.PersonId} {ProgrammeCatalogue.Find(l.VariantCode)?.Name ?? l.VariantCode} {l.Amount} 元 " +
        $"（标准 {l.StandardId}，{l.Reason}，{l.Flags}，乡镇 {l.TownshipId}，上月 {l.PreviousAmount?.ToString() ?? "无"}）";
}
