using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>The jurisdiction's streets/townships and their communities/villages, for filters and forms.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record ListAreas(string JurisdictionCode) : IRequest<IReadOnlyList<TownshipOption>>;

/// <summary>A street or township with its communities.</summary>
public sealed record TownshipOption(int Id, string Name, IReadOnlyList<CommunityOption> Communities);

/// <summary>A community or village.</summary>
public sealed record CommunityOption(int Id, string Name);

/// <summary>Reads the two levels below the jurisdiction.</summary>
public sealed class ListAreasHandler(IDataSessionFactory data, Actor actor) : IRequestHandler<ListAreas, IReadOnlyList<TownshipOption>>
{
    public async ValueTask<IReadOnlyList<TownshipOption>> Handle(ListAreas request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var jurisdictionId = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct);
        if (jurisdictionId is null) return [];
        var townships = await session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == jurisdictionId).OrderBy(a => a.SortOrder), ct);
        // An account of a township or village chooses among its own areas only.
        if (actor.Scope is { } scope) townships = townships.Where(t => scope.TownshipIds.Contains(t.Id)).ToList();
        var ids = townships.Select(t => (int?)t.Id).ToList();
        var communities = await session.ToListAsync(session.Query<Area>().Where(a => ids.Contains(a.ParentId)).OrderBy(a => a.SortOrder), ct);
        if (actor.Scope is { } limited) communities = communities.Where(c => limited.Covers(c.Id)).ToList();
        return townships.Select(t => new TownshipOption(t.Id, t.Name,
            communities.Where(c => c.ParentId == t.Id).Select(c => new CommunityOption(c.Id, c.Name)).ToList())).ToList();
    }
}
