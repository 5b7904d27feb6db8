using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Payments;

/// <summary>A person's entitlement in one programme: the unit a closed month settles in.</summary>
public readonly record struct SettlementKey(int PersonId, Programme Programme);

/// <summary>
/// What a correction settles (docs/rules.md, "Corrections"), stated once. A closed month's lines are never changed; when
/// a change reaches a closed month, the next payment run writes, per person and programme, what is due for that month
/// now (today's roster and standards, under <see cref="Entitlement"/>) less everything the ledger already holds for it:
/// back pay when positive, a recovery when negative. Afterwards the settlement invariant holds: for every closed month,
/// person and programme, the ledger's lines for that month add up to what is due now. Revoked temporary assistance of a
/// closed month settles the same way per case. The SQL twins are in <c>Settlement.Sql.cs</c>.
/// </summary>
public static partial class Settlement
{
    /// <summary>Per person and programme, due now less what was settled, where they differ.</summary>
    public static IReadOnlyDictionary<SettlementKey, Money> Differences(IEnumerable<(SettlementKey Key, Money Amount)> dueNow,
        IEnumerable<(SettlementKey Key, Money Amount)> settled)
    {
        var balance = new Dictionary<SettlementKey, Money>();
        foreach (var (key, amount) in dueNow) balance[key] = balance.GetValueOrDefault(key) + amount;
        foreach (var (key, amount) in settled) balance[key] = balance.GetValueOrDefault(key) - amount;
        return balance.Where(b => b.Value != Money.Zero).ToDictionary(b => b.Key, b => b.Value);
    }

    /// <summary>A positive difference is paid as back pay; a negative one is an overpayment to recover.</summary>
    public static PaymentReason ReasonOf(Money difference) => difference > Money.Zero ? PaymentReason.BackPay : PaymentReason.Recovery;

    /// <summary>
    /// Whether a retroactive change reaches a household's entitlement in closed month <paramref name="month"/>: its own
    /// change dated at or before the month, or a standard changed from then on for a variant the household had that
    /// month, as due now or as settled in the ledger (a tier changed back has lines under the old tier).
    /// </summary>
    public static bool Reaches(RetroactiveChange change, YearMonth month, int householdId, IEnumerable<string> variantsOfHouseholdInMonth) =>
        change.FromMonth <= month
        && (change.HouseholdId == householdId || (change.VariantCode is { } variant && variantsOfHouseholdInMonth.Contains(variant)));

    /// <summary>A temporary case of a closed month, per case: its amount unless revoked.</summary>
    public static Money TemporaryDue(TemporaryAssistance assistance) => assistance.Due;
}
