using System.Text.Json;
using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Roster;

/// <summary>
/// 撤销. A change made in error (the wrong household stopped, a tier picked wrong) is taken back rather than answered by
/// a second change, as long as no payment month has closed since it was recorded: nothing was paid on it, so putting the
/// household back as it was is the whole of the repair. The timeline keeps the change, struck through, and the undo.
/// </summary>
public sealed partial class Household
{
    /// <summary>
    /// The change 撤销 would take back: the household's latest change, if it was recorded after the last close
    /// (<paramref name="lastCloseUtc"/>) and kept what the household was before it. Registrations and corrections are
    /// not undone (a correction is put right by another correction).
    /// </summary>
    public HouseholdEvent? UndoableChange(DateTime? lastCloseUtc) => UndoableAmong(_events, lastCloseUtc);

    /// <summary>The same over a timeline read on its own (the household page reads no aggregate).</summary>
    public static HouseholdEvent? UndoableAmong(IEnumerable<HouseholdEvent> timeline, DateTime? lastCloseUtc)
    {
        var latest = timeline.Where(e => e.UndoneAtUtc is null && e.Kind != HouseholdEventKind.Undone)
            .OrderBy(e => e.RecordedAtUtc).ThenBy(e => e.Id).LastOrDefault();
        return latest is { UndoState: not null } && (lastCloseUtc is null || latest.RecordedAtUtc > lastCloseUtc) ? latest : null;
    }

    /// <summary>The community the household lived in before <paramref name="change"/> (a move or a correction moves it).</summary>
    public static int CommunityBefore(HouseholdEvent change) => HouseholdSnapshot.FromJson(change.UndoState!).CommunityId;

    /// <summary>
    /// Puts the household back as it was before <paramref name="eventId"/>, which must be <see cref="UndoableChange"/>.
    /// Returns what the change had added (members, enrolments, moves), for the caller to delete.
    /// </summary>
    public IReadOnlyList<object> Undo(long eventId, DateTime? lastCloseUtc, Area communityBefore, string reason, DateTime atUtc, string by)
    {
        BusinessRules.Check(new CorrectionNeedsReason(reason), "Reason");
        var change = UndoableChange(lastCloseUtc);
        BusinessRules.Check(new OnlyTheLatestUnpaidChangeIsUndone(change?.Id == eventId, change is null), "EventId");
        var before = HouseholdSnapshot.FromJson(change!.UndoState!);
        var added = new List<object>();

        foreach (var enrollment in _enrollments.ToList())
        {
            if (before.Enrollments.FirstOrDefault(s => s.Id == enrollment.Id) is { } was)
                enrollment.ResetEnd(was.ToMonth is { } to ? YearMonth.FromKey(to) : null, was.Reason, was.Note);
            else
            {
                _enrollments.Remove(enrollment);
                added.Add(enrollment);
            }
        }
        foreach (var member in _members.ToList())
        {
            if (before.Members.FirstOrDefault(s => s.Id == member.Id) is { } was)
                member.ResetMembership(was.Status, was.LeftMonth is { } left ? YearMonth.FromKey(left) : null, was.Relationship);
            else
            {
                _members.Remove(member);
                added.Add(member);
            }
        }
        foreach (var move in _moves.Where(m => !before.Moves.Contains(m.Id)).ToList())
        {
            _moves.Remove(move);
            added.Add(move);
        }
        if (communityBefore.Id != before.CommunityId) throw new ArgumentException("The community before the change is needed.", nameof(communityBefore));
        Community = communityBefore;
        CommunityId = communityBefore.Id;
        Status = before.Status;

        change.MarkUndone(atUtc);
        Record(HouseholdEventKind.Undone, change.Month, Messages.Format("Event.Undone", change.Description, reason.Trim()), atUtc, by);
        return added;
    }
}

/// <summary>
/// What a change can alter in a household, as it was before the change: its status and community, the end of each
/// enrolment, each member's membership, the moves. Whatever the change added is what the snapshot does not name.
/// </summary>
public sealed record HouseholdSnapshot(HouseholdStatus Status, int CommunityId, IReadOnlyList<HouseholdSnapshot.EnrollmentEnd> Enrollments,
    IReadOnlyList<HouseholdSnapshot.Membership> Members, IReadOnlyList<long> Moves)
{
    /// <summary>An enrolment's end (months as <see cref="YearMonth.Key"/>).</summary>
    public sealed record EnrollmentEnd(int Id, int? ToMonth, StopReason? Reason, string? Note);

    /// <summary>A member's membership (months as <see cref="YearMonth.Key"/>).</summary>
    public sealed record Membership(int Id, PersonStatus Status, int? LeftMonth, Relationship Relationship);

    /// <summary>
    /// The household now, or null while any of it is unsaved: rows without keys cannot be told apart from what a
    /// change adds, so a change made in the same session as the registration (an import) is not undone.
    /// </summary>
    public static HouseholdSnapshot? Of(Household household)
    {
        if (household.Id == 0 || household.Members.Any(m => m.Id == 0) || household.Enrollments.Any(e => e.Id == 0)
            || household.Moves.Any(m => m.Id == 0)) return null;
        return new(household.Status, household.CommunityId,
            household.Enrollments.Select(e => new EnrollmentEnd(e.Id, e.ToMonth?.Key, e.StopReason, e.StopNote)).ToList(),
            household.Members.Select(m => new Membership(m.Id, m.Status, m.LeftMonth?.Key, m.Relationship)).ToList(),
            household.Moves.Select(m => m.Id).ToList());
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static HouseholdSnapshot FromJson(string json) => JsonSerializer.Deserialize<HouseholdSnapshot>(json)!;
}

/// <summary>
/// 撤销 takes back only a household's latest change, and only while no payment month has closed since it was recorded;
/// anything older or already paid is put right by a change or a correction, which the next payment run settles.
/// </summary>
public sealed record OnlyTheLatestUnpaidChangeIsUndone(bool IsThatChange, bool NothingToUndo) : IBusinessRule
{
    public bool IsBroken() => !IsThatChange;
    public string Message => Messages.Get(NothingToUndo ? "UndoNothing" : "UndoNotLatest");
}
