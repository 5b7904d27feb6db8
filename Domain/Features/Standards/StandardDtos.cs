using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;
using Mapster;

namespace CivilAffairs.Domain.Features.Standards;

/// <summary>One version of a standard as the pages show it.</summary>
public sealed record StandardVersionDto
{
    public int Id { get; init; }
    public string VariantCode { get; init; } = "";
    public string VariantName { get; init; } = "";
    public int VariantSortOrder { get; init; }
    public decimal MonthlyAmount { get; init; }
    public YearMonth EffectiveFrom { get; init; }
    public YearMonth? EffectiveTo { get; init; }
    public string DocumentNumber { get; init; } = "";
    public string? Reason { get; init; }
    public DateTime RecordedAtUtc { get; init; }
    public string RecordedBy { get; init; } = "";
    /// <summary>0 as first recorded; 1, 2 … for its corrections (更正).</summary>
    public int Revision { get; init; }
    public int? CorrectsId { get; init; }
    public bool IsSuperseded { get; init; }
}

/// <summary>A programme variant as the pages list it.</summary>
public sealed record ProgrammeVariantDto
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public Programme Programme { get; init; }
    public int SortOrder { get; init; }
}

/// <summary>
/// The standard of one variant in a given month, with the version before it for comparison and the next one
/// already decided (e.g. next year's amounts entered in December).
/// </summary>
public sealed record StandardInForce(
    ProgrammeVariantDto Variant,
    StandardVersionDto? Current,
    StandardVersionDto? Previous,
    StandardVersionDto? Upcoming)
{
    public decimal? Change => Current is not null && Previous is not null
        ? Current.MonthlyAmount - Previous.MonthlyAmount
        : null;
}

/// <summary>How standards map to what the pages show; projections run in SQL.</summary>
public sealed class StandardsMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<BenefitStandard, StandardVersionDto>()
            .Map(d => d.VariantName, s => s.Variant!.Name)
            .Map(d => d.VariantSortOrder, s => s.Variant!.SortOrder);
        config.NewConfig<ProgrammeVariant, ProgrammeVariantDto>();
    }
}
