using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Domain.Payments;

/// <summary>What a correction changes in one closed month for one person and programme: due before and after.</summary>
public sealed record SettlementChange(YearMonth Month, int PersonId, string VariantCode, decimal Before, decimal After)
{
    public decimal Difference => After - Before;
}

/// <summary>
/// The money a change of the record moves in closed months, by the entitlement rule itself: what each closed month was
/// due before (which is what the ledger settled to) against what it is due after. The payment run settles the same
/// differences as back pay and recovery in the next open month; this is how a page shows them before saving.
/// </summary>
public static class CorrectionSettlement
{
    public static IReadOnlyList<SettlementChange> Between(HouseholdTerms before, HouseholdTerms after, YearMonth from, YearMonth? lastClosed,
        IReadOnlyList<BenefitStandard> standards)
    {
        var changes = new List<SettlementChange>();
        if (lastClosed is not { } last) return changes;
        for (var month = from; month <= last; month = month.Next)
        {
            var m = month;
            var was = Due(before, m, standards);
            var now = Due(after, m, standards);
            foreach (var key in was.Keys.Union(now.Keys).OrderBy(k => k.PersonId).ThenBy(k => k.VariantCode, StringComparer.Ordinal))
            {
                var (b, a) = (was.GetValueOrDefault(key), now.GetValueOrDefault(key));
                if (b != a) changes.Add(new SettlementChange(m, key.PersonId, key.VariantCode, b.Yuan, a.Yuan));
            }
        }
        return changes;
    }

    private static Dictionary<(int PersonId, string VariantCode), Money> Due(HouseholdTerms household, YearMonth month, IReadOnlyList<BenefitStandard> standards) =>
        Entitlement.For(household, month, v => BenefitStandard.InForce(standards, v, month))
            .GroupBy(p => (p.PersonId, p.VariantCode))
            .ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero, (sum, p) => sum + p.Amount));
}
