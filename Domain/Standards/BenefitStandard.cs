using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Standards;

/// <summary>
/// One version of a benefit standard (救助标准): the monthly amount per person of a programme variant in a
/// jurisdiction, in force from a month until the month before the next version starts.
/// </summary>
public sealed class BenefitStandard : IVersioned
{
    /// <summary>No monthly standard of any programme comes near this; a larger figure is a typing error.</summary>
    public const decimal MaxMonthlyAmount = 10_000m;
    public const int DocumentNumberMaxLength = 60;
    public const int ReasonMaxLength = 200;

    private BenefitStandard() { }

    internal BenefitStandard(int jurisdictionId, string variantCode, decimal monthlyAmount, decimal? previousAmount,
        YearMonth effectiveFrom, string documentNumber, string? reason, DateTime recordedAtUtc, string recordedBy, BenefitStandard? corrects = null)
    {
        Corrects = corrects;
        Revision = corrects is null ? 0 : corrects.Revision + 1;
        EffectiveTo = corrects?.EffectiveTo;
        JurisdictionId = jurisdictionId;
        VariantCode = variantCode;
        MonthlyAmount = monthlyAmount;
        PreviousAmount = previousAmount;
        EffectiveFrom = effectiveFrom;
        DocumentNumber = documentNumber;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        RecordedAtUtc = recordedAtUtc;
        RecordedBy = recordedBy;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public Area? Jurisdiction { get; private set; }
    public string VariantCode { get; private set; } = "";
    public ProgrammeVariant? Variant { get; private set; }
    /// <summary>Yuan per person per month, two decimals.</summary>
    public decimal MonthlyAmount { get; private set; }
    /// <summary>The amount of the version this one replaced, so each version (and its audit record) reads "from → to".</summary>
    public decimal? PreviousAmount { get; private set; }
    public YearMonth EffectiveFrom { get; private set; }
    /// <summary>The last month in force; null while this is the current version.</summary>
    public YearMonth? EffectiveTo { get; private set; }
    /// <summary>The policy document that set it (文件号), e.g. 资民发〔2023〕5号.</summary>
    public string DocumentNumber { get; private set; } = "";
    public string? Reason { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    public string RecordedBy { get; private set; } = "";
    /// <summary>0 for a version as first recorded; each 更正 of it is the next revision, over the same months.</summary>
    public int Revision { get; private set; }
    /// <summary>The version this one corrects (更正), which stays in the history but is no longer in force.</summary>
    public int? CorrectsId { get; private set; }
    public BenefitStandard? Corrects { get; private set; }
    /// <summary>Replaced by a correction: kept for the record, never in force.</summary>
    public bool IsSuperseded { get; private set; }
    public Guid Version { get; set; }

    public bool IsInForceIn(YearMonth month) => !IsSuperseded && EffectiveFrom <= month && (EffectiveTo is null || month <= EffectiveTo);

    /// <summary>The version of <paramref name="variantCode"/> in force in <paramref name="month"/> among a jurisdiction's versions, or null.</summary>
    public static BenefitStandard? InForce(IEnumerable<BenefitStandard> versions, string variantCode, YearMonth month) =>
        versions.SingleOrDefault(s => s.VariantCode == variantCode && s.IsInForceIn(month));

    /// <summary>The monthly amount of <paramref name="variantCode"/> in force in <paramref name="month"/>, or null.</summary>
    public static decimal? AmountInForce(IEnumerable<BenefitStandard> versions, string variantCode, YearMonth month) =>
        InForce(versions, variantCode, month)?.MonthlyAmount;

    /// <summary>Ends this version the month before its successor starts; with <see cref="Supersede"/>, the only changes a version receives.</summary>
    internal void EndBefore(YearMonth successorStart)
    {
        if (EffectiveTo is not null) throw new InvalidOperationException("A closed version is never changed again.");
        EffectiveTo = successorStart.Previous;
    }

    /// <summary>A correction takes this version's place over the same months.</summary>
    internal void Supersede()
    {
        if (IsSuperseded) throw new InvalidOperationException("A version is corrected once; correct its correction instead.");
        IsSuperseded = true;
    }
}
