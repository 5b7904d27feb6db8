using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>A household with its members, enrolments and timeline, for the household page.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record GetHousehold(int HouseholdId) : IRequest<HouseholdDetail?>;

/// <summary>The household page's data; numbers masked.</summary>
public sealed record HouseholdDetail(int Id, string Township, string Community, int CommunityId, string Address, Residence Residence,
    string? BankAccountMasked, HouseholdStatus Status, YearMonth RegisteredMonth, IReadOnlyList<MemberDetail> Members,
    IReadOnlyList<EnrollmentDetail> Enrollments, IReadOnlyList<TimelineEntry> Timeline, bool NearPoverty = false, DateOnly? LastReviewedOn = null)
{
    /// <summary>The timeline entry 撤销 would take back, if any (see <see cref="Household.UndoableChange"/>).</summary>
    public TimelineEntry? Undoable => Timeline.FirstOrDefault(e => e.CanUndo);

    public EnrollmentDetail? OpenDibao => Enrollments.FirstOrDefault(e => e.PersonId is null && e.ToMonth is null);
}

/// <summary>A member of the household.</summary>
public sealed record MemberDetail(int Id, string Name, string IdNumberMasked, Sex Sex, DateOnly BirthDate, int Age, Relationship Relationship,
    DisabilityCategory? DisabilityCategory, DisabilityGrade? DisabilityGrade, WorkCapacity WorkCapacity, PersonStatus Status,
    YearMonth JoinedMonth, YearMonth? LeftMonth, bool SentDownYouth = false, bool SeriouslyIll = false);

/// <summary>An enrolment of the household or one member.</summary>
/// <param name="EndsAt18">For an open children's allowance, the first month it is no longer paid (the child is 18 on its first day).</param>
public sealed record EnrollmentDetail(int Id, int? PersonId, string? PersonName, string VariantCode, string VariantName,
    YearMonth FromMonth, YearMonth? ToMonth, StopReason? StopReason, string? StopNote, bool NeverTookEffect = false, YearMonth? EndsAt18 = null,
    CareLevel? CareLevel = null);

/// <summary>One change in the household's timeline.</summary>
/// <param name="Undone">Taken back by a later 撤销 (shown struck through).</param>
/// <param name="CanUndo">The change 撤销 would take back now.</param>
public sealed record TimelineEntry(long Id, HouseholdEventKind Kind, YearMonth Month, string Description, DateTime RecordedAtUtc, string RecordedBy,
    bool Undone = false, bool CanUndo = false);

/// <summary>Reads the household and its rows.</summary>
public sealed class GetHouseholdHandler(IDataSessionFactory data, IClock clock, IUserDirectory users) : IRequestHandler<GetHousehold, HouseholdDetail?>
{
    public async ValueTask<HouseholdDetail?> Handle(GetHousehold request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var h = await session.FirstOrDefaultAsync(session.Query<Household>().Where(x => x.Id == request.HouseholdId).Select(x => new
        {
            x.Id, Township = x.Community!.Parent!.Name, Community = x.Community.Name, x.CommunityId, x.Address, x.Residence, x.BankAccount,
            x.Status, x.RegisteredMonth, x.JurisdictionId, x.NearPovertySince, x.NearPovertyUntil, x.LastReviewedOn,
        }), ct);
        if (h is null) return null;
        var members = await session.ToListAsync(session.Query<Person>().Where(p => p.HouseholdId == h.Id).OrderBy(p => p.Status).ThenBy(p => p.Relationship).ThenBy(p => p.Id), ct);
        var enrollments = await session.ToListAsync(session.Query<Enrollment>().Where(e => e.HouseholdId == h.Id).OrderBy(e => e.FromMonth).ThenBy(e => e.Id), ct);
        var events = await session.ToListAsync(session.Query<HouseholdEvent>().Where(e => e.HouseholdId == h.Id).OrderByDescending(e => e.Id), ct);
        var undoable = Household.UndoableAmong(events, await session.LastCloseAsync(h.JurisdictionId, ct));
        var now = clock.CurrentMonth;
        var staff = await users.NamesAsync(ct);
        return new HouseholdDetail(h.Id, h.Township, h.Community, h.CommunityId, h.Address, h.Residence,
            h.BankAccount is null ? null : Masking.Mask(h.BankAccount), h.Status, h.RegisteredMonth,
            members.Select(p => new MemberDetail(p.Id, p.Name, Masking.Mask(p.IdNumber), p.Sex, p.BirthDate, p.AgeAt(now), p.Relationship,
                p.DisabilityCategory, p.DisabilityGrade, p.WorkCapacity, p.Status, p.JoinedMonth, p.LeftMonth, p.SentDownYouth, p.SeriouslyIll)).ToList(),
            enrollments.Select(e => new EnrollmentDetail(e.Id, e.PersonId, members.FirstOrDefault(p => p.Id == e.PersonId)?.Name, e.VariantCode,
                ProgrammeCatalogue.Find(e.VariantCode)?.Name ?? e.VariantCode, e.FromMonth, e.ToMonth, e.StopReason, e.StopNote, e.NeverTookEffect,
                EndsAt18(e, members), e.CareLevel)).ToList(),
            events.Select(e => new TimelineEntry(e.Id, e.Kind, e.Month, e.Description, e.RecordedAtUtc, staff.Describe(e.RecordedBy),
                e.UndoneAtUtc is not null, e == undoable)).ToList(),
            h.NearPovertySince is { } since && since <= now && (h.NearPovertyUntil is not { } until || now <= until), h.LastReviewedOn);
    }

    private static YearMonth? EndsAt18(Enrollment e, IReadOnlyList<Person> members) =>
        e.IsOpen && e.PersonId is not null && Domain.Payments.Entitlement.HasAgeLimit(ProgrammeCatalogue.Find(e.VariantCode)!.Programme)
            ? Person.FirstMonthAsAdult(members.First(p => p.Id == e.PersonId).BirthDate)
            : null;
}
