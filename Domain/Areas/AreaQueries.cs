using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Areas;

/// <summary>Lookups of areas that several use cases share.</summary>
public static class AreaQueries
{
    public static Task<int?> FindJurisdictionIdAsync(this IDataSession session, string code, CancellationToken ct) =>
        session.FirstOrDefaultAsync(session.Query<Area>()
            .Where(a => a.Code == code && a.Level == AreaLevel.Jurisdiction)
            .Select(a => (int?)a.Id), ct);
}
