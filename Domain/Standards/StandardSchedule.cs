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
        _versions = versions.OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Revision).ToList();
        if (_versions.Any(v => v.JurisdictionId != jurisdictionId || v.VariantCode != variant.Code))
            throw new ArgumentException("Every version must belong to this jurisdiction and variant.", nameof(versions));
    }

    public int JurisdictionId { get; }
    public ProgrammeVariant Variant { get; }
    public IReadOnlyList<BenefitStandard> Versions => _versions;
    /// <summary>The versions in force over time, without those replaced by a correction.</summary>
    public IEnumerable<BenefitStandard> Effective => _versions.Where(v => !v.IsSuperseded);
    public BenefitStandard? Current => Effective.LastOrDefault();

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

    /// <summary>Every rule a correction of <paramref name="version"/> must pass.</summary>
    public IEnumerable<IBusinessRule> CorrectionRulesFor(BenefitStandard? version, decimal amount, string? reason)
    {
        yield return new CorrectionMustNameAVersionInForce(Variant, version);
        yield return new StandardAmountMustBePositive(amount);
        yield return new StandardAmountMustNotExceedCap(amount);
        yield return new StandardAmountMustBeInFen(amount);
        yield return new CorrectionMustChangeTheAmount(Variant, version, amount);
        yield return new CorrectionRequiresReason(reason);
    }

    /// <summary>
    /// 更正: a version entered wrongly is replaced by a corrected one over exactly the same months. History keeps both;
    /// the months already paid under the wrong amount settle by back pay or recovery in the next payment run.
    /// </summary>
    public BenefitStandard Correct(int versionId, decimal amount, string documentNumber, string reason, DateTime recordedAtUtc, string recordedBy)
    {
        var version = Effective.FirstOrDefault(v => v.Id == versionId);
        foreach (var rule in CorrectionRulesFor(version, amount, reason)) BusinessRules.Check(rule);
        version!.Supersede();
        var corrected = new BenefitStandard(JurisdictionId, Variant.Code, amount, version.PreviousAmount, version.EffectiveFrom,
            documentNumber.Trim(), reason, recordedAtUtc, recordedBy, version);
        _versions.Insert(_versions.IndexOf(version) + 1, corrected);
        return corrected;
    }
}
