using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards.Rules;

namespace CivilAffairs.Domain.Standards;

/// <summary>
/// All versions of the standard of one programme variant in one jurisdiction. It keeps them contiguous,
/// so exactly one amount is in force in any month from the first version on.
/// </summary>
public sealed class StandardSchedule
{
    private readonly List<BenefitStandard> _versions;

    public StandardSchedule(int jurisdictionId, ProgrammeVariant variant, IEnumerable<BenefitStandard> versions)
    {
        JurisdictionId = jurisdictionId;
        Variant = variant;
        _versions = versions.OrderBy(v => v.EffectiveFrom).ToList();
        if (_versions.Any(v => v.JurisdictionId != jurisdictionId || v.VariantCode != variant.Code))
            throw new ArgumentException("Every version must belong to this jurisdiction and variant.", nameof(versions));
    }

    public int JurisdictionId { get; }
    public ProgrammeVariant Variant { get; }
    public IReadOnlyList<BenefitStandard> Versions => _versions;
    public BenefitStandard? Current => _versions.Count == 0 ? null : _versions[^1];

    public BenefitStandard? InForce(YearMonth month) => _versions.SingleOrDefault(v => v.IsInForceIn(month));

    /// <summary>Every rule a new version must pass, in the order the user should read them.</summary>
    public IEnumerable<IBusinessRule> RulesFor(decimal amount, YearMonth effectiveFrom, string? reason)
    {
        yield return new VariantMustHaveMonthlyStandard(Variant);
        yield return new StandardAmountMustBePositive(amount);
        yield return new StandardAmountMustNotExceedCap(amount);
        yield return new StandardAmountMustBeInFen(amount);
        yield return new TwoVersionsCannotStartInSameMonth(Variant, Current, effectiveFrom);
        yield return new HistoryIsNeverRewritten(Variant, Current, effectiveFrom);
        yield return new NewAmountMustDifferFromCurrent(Variant, Current, amount);
        yield return new LoweringStandardRequiresReason(Variant, Current, amount, reason);
    }

    public IReadOnlyList<IBusinessRule> BrokenRules(decimal amount, YearMonth effectiveFrom, string? reason) =>
        RulesFor(amount, effectiveFrom, reason).Where(r => r.IsBroken()).ToList();

    /// <summary>Starts a new version from <paramref name="effectiveFrom"/> and ends the current one the month before.</summary>
    public BenefitStandard Adjust(decimal amount, YearMonth effectiveFrom, string documentNumber, string? reason,
        DateTime recordedAtUtc, string recordedBy)
    {
        foreach (var rule in RulesFor(amount, effectiveFrom, reason)) BusinessRules.Check(rule);

        var previous = Current;
        previous?.EndBefore(effectiveFrom);
        var next = new BenefitStandard(JurisdictionId, Variant.Code, amount, previous?.MonthlyAmount, effectiveFrom,
            documentNumber.Trim(), reason, recordedAtUtc, recordedBy);
        _versions.Add(next);
        return next;
    }
}
