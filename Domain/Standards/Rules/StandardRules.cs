using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Standards.Rules;

/// <summary>A standard pays something: zero or a negative amount is never a standard.</summary>
public sealed record StandardAmountMustBePositive(decimal Amount) : IBusinessRule
{
    public bool IsBroken() => Amount <= 0;
    public string Message => Messages.Get("AmountMustBePositive");
}

/// <summary>An amount above <see cref="BenefitStandard.MaxMonthlyAmount"/> is a typing error, not a policy.</summary>
public sealed record StandardAmountMustNotExceedCap(decimal Amount) : IBusinessRule
{
    public bool IsBroken() => Amount > BenefitStandard.MaxMonthlyAmount;
    public string Message => Messages.Format("AmountAboveCap", BenefitStandard.MaxMonthlyAmount);
}

/// <summary>Money is paid in yuan and fen: at most two decimals.</summary>
public sealed record StandardAmountMustBeInFen(decimal Amount) : IBusinessRule
{
    public bool IsBroken() => decimal.Round(Amount, 2) != Amount;
    public string Message => Messages.Get("AmountTwoDecimals");
}

/// <summary>Standards change for whole months: a version takes effect on the first day of a month.</summary>
public sealed record StandardMustStartOnFirstOfMonth(DateOnly EffectiveFrom) : IBusinessRule
{
    public bool IsBroken() => EffectiveFrom.Day != 1;
    public string Message => Messages.Get("StandardMustStartOnFirstOfMonth");
}

/// <summary>Only one version may begin in a month, or the amount of that month would be ambiguous.</summary>
public sealed record TwoVersionsCannotStartInSameMonth(ProgrammeVariant Variant, BenefitStandard? Current, YearMonth EffectiveFrom)
    : IBusinessRule
{
    public bool IsBroken() => Current is not null && Current.EffectiveFrom == EffectiveFrom;
    public string Message => Messages.Format("TwoVersionsCannotStartInSameMonth", Variant.Name, Current?.EffectiveFrom);
}

/// <summary>
/// A new version starts after the current one: inserting a version into the past would change what earlier
/// months were owed. A retroactive raise (from January, announced in April) is allowed; back pay settles it.
/// </summary>
public sealed record HistoryIsNeverRewritten(ProgrammeVariant Variant, BenefitStandard? Current, YearMonth EffectiveFrom)
    : IBusinessRule
{
    public bool IsBroken() => Current is not null && EffectiveFrom < Current.EffectiveFrom;
    public string Message => Messages.Format("HistoryIsNeverRewritten", Variant.Name, Current?.EffectiveFrom);
}

/// <summary>A version with the current amount changes nothing but the history's readability.</summary>
public sealed record NewAmountMustDifferFromCurrent(ProgrammeVariant Variant, BenefitStandard? Current, decimal Amount)
    : IBusinessRule
{
    public bool IsBroken() => Current is not null && Current.MonthlyAmount == Amount;
    public string Message => Messages.Format("AmountUnchanged", Variant.Name);
}

/// <summary>Lowering what the poorest receive must be justified in writing.</summary>
public sealed record LoweringStandardRequiresReason(ProgrammeVariant Variant, BenefitStandard? Current, decimal Amount, string? Reason)
    : IBusinessRule
{
    public bool IsBroken() => Current is not null && Amount < Current.MonthlyAmount && string.IsNullOrWhiteSpace(Reason);
    public string Message => Messages.Format("LoweringRequiresReason", Variant.Name, Amount, Current?.MonthlyAmount);
}

/// <summary>Temporary assistance is paid per case and has no monthly standard.</summary>
public sealed record VariantMustHaveMonthlyStandard(ProgrammeVariant Variant) : IBusinessRule
{
    public bool IsBroken() => !Variant.HasMonthlyStandard;
    public string Message => Messages.Format("VariantHasNoMonthlyStandard", Variant.Name);
}

/// <summary>A correction replaces a version that is in force (not one already corrected).</summary>
public sealed record CorrectionMustNameAVersionInForce(ProgrammeVariant Variant, BenefitStandard? Version) : IBusinessRule
{
    public bool IsBroken() => Version is null;
    public string Message => Messages.Format("CorrectionUnknownVersion", Variant.Name);
}

/// <summary>A correction that keeps the amount corrects nothing.</summary>
public sealed record CorrectionMustChangeTheAmount(ProgrammeVariant Variant, BenefitStandard? Version, decimal Amount) : IBusinessRule
{
    public bool IsBroken() => Version is not null && Version.MonthlyAmount == Amount;
    public string Message => Messages.Format("CorrectionSameAmount", Variant.Name, Amount);
}

/// <summary>Correcting money already paid must be explained in writing.</summary>
public sealed record CorrectionRequiresReason(string? Reason) : IBusinessRule
{
    public bool IsBroken() => string.IsNullOrWhiteSpace(Reason);
    public string Message => Messages.Get("CorrectionNeedsReason");
}
