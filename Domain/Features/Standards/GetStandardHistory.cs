using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using Mapster;
using Mediator;

namespace CivilAffairs.Domain.Features.Standards;

/// <summary>Every version of one variant's standard in a jurisdiction, newest first.</summary>
[RequiresPermission(Permission.ViewStandards)]
public sealed record GetStandardHistory(string JurisdictionCode, string VariantCode) : IRequest<IReadOnlyList<StandardVersionDto>>;

/// <summary>Projects the versions of the variant in SQL.</summary>
public sealed class GetStandardHistoryHandler(IDataSessionFactory data, TypeAdapterConfig mapping, IUserDirectory users)
    : IRequestHandler<GetStandardHistory, IReadOnlyList<StandardVersionDto>>
{
    public async ValueTask<IReadOnlyList<StandardVersionDto>> Handle(GetStandardHistory request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var jurisdictionId = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct);
        if (jurisdictionId is null) return [];

        var versions = await session.ToListAsync(session.Query<BenefitStandard>()
            .Where(s => s.JurisdictionId == jurisdictionId && s.VariantCode == request.VariantCode)
            .OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.Revision)
            .ProjectToType<StandardVersionDto>(mapping), ct);
        var staff = await users.NamesAsync(ct);
        return versions.Select(v => v with { RecordedBy = staff.Describe(v.RecordedBy) }).ToList();
    }
}
