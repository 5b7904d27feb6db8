using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>
/// A household to write in bulk (an import, the demo roster): already checked by the model, written by the bulk
/// writer with one audit record per household.
/// </summary>
/// <param name="CommunityId">The community, or null to let the writer spread households over the jurisdiction (demo data).</param>
public sealed record RosterEntry(int? CommunityId, Residence Residence, string? DibaoVariant, YearMonth From, string Address,
    string? BankAccount, List<RosterEntryMember> Members, string? ImportKey = null);

/// <summary>A member to write in bulk, with the per-person programmes it is enrolled in.</summary>
public sealed record RosterEntryMember(PersonDraft Draft, List<string> Programmes);

/// <summary>Writes checked households in one transaction, far faster than tracked entities (Infrastructure implements it).</summary>
public interface IRosterBulkWriter
{
    Task<RosterBulkResult> WriteAsync(int jurisdictionId, IEnumerable<RosterEntry> households, string recordedBy, string auditReason,
        IProgress<int>? progress = null, CancellationToken ct = default);
}

/// <summary>What a bulk write wrote.</summary>
public sealed record RosterBulkResult(int Households, int Persons, int Enrollments);
