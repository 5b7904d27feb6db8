using CivilAffairs.Domain.Areas;

namespace CivilAffairs.Domain.Security;

/// <summary>
/// The part of the jurisdiction an account works in: one street/township or one community/village. Every read and write
/// of such an account reaches only households whose community is in <see cref="CommunityIds"/> (the database applies it
/// to every query); an account of the bureau has none and sees the whole jurisdiction.
/// </summary>
/// <param name="TownshipIds">The street/township of the area (itself, or the village's), for the monthly summaries kept per township.</param>
public sealed record AreaScope(int AreaId, string AreaName, AreaLevel Level, IReadOnlyList<int> TownshipIds, IReadOnlyList<int> CommunityIds)
{
    public bool Covers(int communityId) => CommunityIds.Contains(communityId);

    /// <summary>A village account sees its own households only, but summaries are per township: it is not given them.</summary>
    public bool IsVillage => Level == AreaLevel.Community;
}

/// <summary>
/// A request that acts on the whole jurisdiction at once (the payment run, bank batches, bulk import, standards,
/// accounts, the audit trail): an account limited to an area is refused it, whatever its roles.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BureauWideAttribute : Attribute;

/// <summary>Thrown when a write would put or touch a household outside the caller's area; the message is for the user.</summary>
public sealed class OutsideAreaException(string message) : Exception(message);
