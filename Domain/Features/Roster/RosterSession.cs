using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;
using FluentValidation;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>The lookups every roster command shares: a household with its members, enrolments and timeline; the closed months.</summary>
public static class RosterSession
{
    /// <summary>Loads the household tracked with all its rows; its collections fill in as its rows are loaded into the same session.</summary>
    public static async Task<Household?> LoadHouseholdAsync(this IDataSession session, int householdId, CancellationToken ct)
    {
        var household = await session.FirstOrDefaultAsync(session.Edit<Household>().Where(h => h.Id == householdId), ct);
        if (household is null) return null;
        await session.ToListAsync(session.Edit<Person>().Where(p => p.HouseholdId == householdId), ct);
        await session.ToListAsync(session.Edit<Enrollment>().Where(e => e.HouseholdId == householdId), ct);
        await session.ToListAsync(session.Edit<HouseholdEvent>().Where(e => e.HouseholdId == householdId), ct);
        // The moves too: a move checks the last one, and an undo tells what a change added by what the household had.
        await session.ToListAsync(session.Edit<HouseholdMove>().Where(m => m.HouseholdId == householdId), ct);
        await session.FirstOrDefaultAsync(session.Edit<Area>().Where(a => a.Id == household.CommunityId), ct);
        return household;
    }

    /// <summary>Refuses a change dated into a closed payment month, pointing to the correction flow.</summary>
    public static async Task EnsureMonthOpenAsync(this IDataSession session, int jurisdictionId, YearMonth month, CancellationToken ct) =>
        BusinessRules.Check(new ChangeCannotBeDatedIntoClosedMonth(month, await session.LastClosedMonthAsync(jurisdictionId, ct)), "Month");

    /// <summary>
    /// The next open payment month: the one after the last closed, or while none is closed the earliest computed month,
    /// or the current month. Forms default to it.
    /// </summary>
    public static async Task<YearMonth> NextOpenMonthAsync(this IDataSession session, int jurisdictionId, IClock clock, CancellationToken ct)
    {
        var lastClosed = await session.LastClosedMonthAsync(jurisdictionId, ct);
        var earliest = lastClosed is not null ? null : await session.FirstOrDefaultAsync(session.Query<PaymentMonth>()
            .Where(m => m.JurisdictionId == jurisdictionId).OrderBy(m => m.Month).Select(m => (YearMonth?)m.Month), ct);
        return PaymentMonth.NextOpen(lastClosed, earliest, clock.CurrentMonth);
    }

    /// <summary>The rule that a change takes effect no later than the next open month unless planned, for this jurisdiction.</summary>
    public static async Task<ChangeMonthNoLaterThanNextOpen> MonthNoLaterThanNextOpenAsync(this IDataSession session, int jurisdictionId,
        YearMonth month, bool planned, IClock clock, CancellationToken ct) =>
        new(month, await session.NextOpenMonthAsync(jurisdictionId, clock, ct), clock.CurrentMonth, planned);

    /// <summary>The jurisdiction's last closed payment month, or null while none is closed.</summary>
    public static Task<YearMonth?> LastClosedMonthAsync(this IDataSession session, int jurisdictionId, CancellationToken ct) =>
        session.FirstOrDefaultAsync(session.Query<PaymentMonth>()
            .Where(m => m.JurisdictionId == jurisdictionId && m.State == PaymentMonthState.Closed)
            .OrderByDescending(m => m.Month).Select(m => (YearMonth?)m.Month), ct);

    /// <summary>When the jurisdiction last closed a payment month; what was recorded after it has not been paid.</summary>
    public static Task<DateTime?> LastCloseAsync(this IDataSession session, int jurisdictionId, CancellationToken ct) =>
        session.FirstOrDefaultAsync(session.Query<PaymentMonth>()
            .Where(m => m.JurisdictionId == jurisdictionId && m.State == PaymentMonthState.Closed)
            .OrderByDescending(m => m.ClosedAtUtc).Select(m => m.ClosedAtUtc), ct);

    /// <summary>
    /// The household an active person with this number belongs to, if any, anywhere in the county: one household at a time
    /// holds across areas, so a township cannot register someone another township already assists.
    /// </summary>
    public static Task<int?> ActiveHouseholdOfAsync(this IDataSession session, string idNumber, CancellationToken ct)
    {
        var normalized = idNumber.Trim().ToUpperInvariant();
        return session.FirstOrDefaultAsync(session.QueryAcrossAreas<Person>()
            .Where(p => p.IdNumber == normalized && p.Status == PersonStatus.Active)
            .Select(p => (int?)p.HouseholdId), ct);
    }

    /// <summary>A community (社区/村) of the jurisdiction, tracked, or null.</summary>
    public static async Task<(Area Community, int JurisdictionId)?> FindCommunityAsync(this IDataSession session, int communityId, CancellationToken ct)
    {
        var found = await session.FirstOrDefaultAsync(session.Query<Area>()
            .Where(a => a.Id == communityId && a.Level == AreaLevel.Community)
            .Select(a => new { JurisdictionId = a.Parent!.ParentId }), ct);
        if (found?.JurisdictionId is null) return null;
        var community = await session.FirstOrDefaultAsync(session.Edit<Area>().Where(a => a.Id == communityId), ct);
        return (community!, found.JurisdictionId.Value);
    }
}

/// <summary>A member as a form or import row enters them.</summary>
public sealed class MemberInput
{
    public string Name { get; set; } = "";
    public string IdNumber { get; set; } = "";
    public Relationship Relationship { get; set; } = Relationship.Head;
    public DisabilityCategory? DisabilityCategory { get; set; }
    public DisabilityGrade? DisabilityGrade { get; set; }
    public WorkCapacity WorkCapacity { get; set; } = WorkCapacity.Full;

    public PersonDraft ToDraft() => new(Name, IdNumber, Relationship, DisabilityCategory, DisabilityGrade, WorkCapacity);
}

/// <summary>Checks a member's fields before the database is asked anything.</summary>
public sealed class MemberInputValidator : AbstractValidator<MemberInput>
{
    public MemberInputValidator()
    {
        RuleFor(x => x.Name)
            .NotEmpty().WithMessage(_ => Messages.Get("NameRequired"))
            .MaximumLength(Person.NameMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Person.NameMaxLength));
        RuleFor(x => x.IdNumber)
            .Must(id => !new IdNumberMustBeValid(id).IsBroken()).WithMessage(x => new IdNumberMustBeValid(x.IdNumber).Message);
    }
}

/// <summary>A month is required and within the range the system keeps.</summary>
public static class MonthRules
{
    public static IRuleBuilderOptions<T, YearMonth> RequiredMonth<T>(this IRuleBuilder<T, YearMonth> rule) =>
        rule.Must(m => m != default).WithMessage(_ => Messages.Get("MonthRequired"));
}
