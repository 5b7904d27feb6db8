using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;
using Mapster;
using Mediator;

namespace CivilAffairs.Domain.Features.Standards;

/// <summary>The standards in force in a jurisdiction in a month, one row per variant that has a monthly standard.</summary>
[RequiresPermission(Permission.ViewStandards)]
public sealed record GetStandardsInForce(string JurisdictionCode, YearMonth Month) : IRequest<IReadOnlyList<StandardInForce>>;

/// <summary>Reads the jurisdiction's versions (a few per variant) and picks, per variant, the one in force and its neighbours.</summary>
public sealed class GetStandardsInForceHandler(IDataSessionFactory data, TypeAdapterConfig mapping)
    : IRequestHandler<GetStandardsInForce, IReadOnlyList<StandardInForce>>
{
    public async ValueTask<IReadOnlyList<StandardInForce>> Handle(GetStandardsInForce request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var jurisdictionId = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct);
        if (jurisdictionId is null) return [];

        var variants = await session.ToListAsync(session.Query<ProgrammeVariant>()
            .Where(v => v.Programme != Programme.Temporary)
            .OrderBy(v => v.SortOrder)
            .ProjectToType<ProgrammeVariantDto>(mapping), ct);

        var month = request.Month;
        var versions = await session.ToListAsync(session.Query<BenefitStandard>()
            .Where(s => s.JurisdictionId == jurisdictionId)
            .ProjectToType<StandardVersionDto>(mapping), ct);

        var byVariant = versions.ToLookup(v => v.VariantCode);
        return variants.Select(variant =>
        {
            // A version replaced by a correction stays in the history dialog, never in force.
            var history = byVariant[variant.Code].Where(v => !v.IsSuperseded).OrderBy(v => v.EffectiveFrom).ToList();
            var current = history.LastOrDefault(v => v.EffectiveFrom <= month);
            var previous = current is null ? null : history.LastOrDefault(v => v.EffectiveFrom < current.EffectiveFrom);
            var upcoming = history.FirstOrDefault(v => v.EffectiveFrom > month);
            return new StandardInForce(variant, current, previous, upcoming);
        }).ToList();
    }
}
