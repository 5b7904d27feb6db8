using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Payments;

/// <summary>
/// A note that something changed from a month already closed: a household's record (stop, tier change, removal) or a
/// variant's standard. The next computation re-checks what was paid for those months against what is due now, within
/// this scope only, and turns the differences into back pay or recoveries. Consumed when that month closes.
/// </summary>
public sealed class RetroactiveChange
{
    private RetroactiveChange() { }

    private RetroactiveChange(int jurisdictionId, YearMonth fromMonth, int? householdId, string? variantCode, DateTime atUtc)
    {
        JurisdictionId = jurisdictionId;
        FromMonth = fromMonth;
        HouseholdId = householdId;
        VariantCode = variantCode;
        RecordedAtUtc = atUtc;
    }

    public long Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public YearMonth FromMonth { get; private set; }
    public int? HouseholdId { get; private set; }
    public string? VariantCode { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>A change to a household dated <paramref name="month"/>, or null when that month is still open.</summary>
    public static RetroactiveChange? ForHousehold(int jurisdictionId, int householdId, YearMonth month, YearMonth? lastClosed, DateTime atUtc) =>
        lastClosed is { } closed && month <= closed ? new(jurisdictionId, month, householdId, null, atUtc) : null;

    /// <summary>A standard effective from <paramref name="month"/>, or null when that month is still open.</summary>
    public static RetroactiveChange? ForStandard(int jurisdictionId, string variantCode, YearMonth month, YearMonth? lastClosed, DateTime atUtc) =>
        lastClosed is { } closed && month <= closed ? new(jurisdictionId, month, null, variantCode, atUtc) : null;
}
