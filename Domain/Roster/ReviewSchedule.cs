using System.Linq.Expressions;
using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Roster;

/// <summary>What a 复核 decided.</summary>
public enum ReviewOutcome
{
    /// <summary>继续保障: nothing changes.</summary>
    Continue = 1,
    /// <summary>调整类别: the dibao tier changes from a month.</summary>
    ChangeTier = 2,
    /// <summary>停发: the household leaves the roster from a month.</summary>
    Stop = 3,
}

/// <summary>How often households are reviewed (configuration <c>Reviews</c>).</summary>
public sealed class ReviewPolicy
{
    /// <summary>Stable households (only elderly or severely disabled members): yearly.</summary>
    public int StableMonths { get; set; } = 12;
    /// <summary>The others: every six months.</summary>
    public int OtherMonths { get; set; } = 6;
    /// <summary>How far ahead the list says a review is coming due.</summary>
    public int DueSoonDays { get; set; } = 30;
}

/// <summary>
/// 复核 schedule (民发〔2021〕57号 第三十条, as the research read it): a household whose every active member is elderly
/// (60 or more), severely disabled (grade 1 or 2) or seriously ill is stable and reviewed yearly, the others every six months, counted from
/// the last review or, before the first, from the month of registration. The list of due reviews applies the same rule
/// set-wise: <see cref="StableWhere"/> and <see cref="DueByWhere"/> sit beside their C# twins and a test holds them equal.
/// A member with a certified serious illness (<see cref="Person.SeriouslyIll"/>) counts as steady too.
/// </summary>
public static class ReviewSchedule
{
    public static bool IsSteady(DateOnly birthDate, DisabilityGrade? grade, bool seriouslyIll, DateOnly on) =>
        birthDate <= on.AddYears(-Person.ElderlyAge) || grade is DisabilityGrade.One or DisabilityGrade.Two || seriouslyIll;

    public static bool IsStable(Household household, DateOnly on) =>
        household.ActiveMembers.All(m => IsSteady(m.BirthDate, m.DisabilityGrade, m.SeriouslyIll, on));

    /// <summary>Whether the review is due by <paramref name="day"/>: its interval has passed since the last review (or registration).</summary>
    public static bool IsDueBy(DateOnly? lastReviewedOn, YearMonth registered, bool stable, ReviewPolicy policy, DateOnly day) =>
        (lastReviewedOn ?? registered.FirstDay) <= day.AddMonths(-(stable ? policy.StableMonths : policy.OtherMonths));

    /// <summary>The first day the review is due (a review of 31 August falls due on 1 March, not on 28 February).</summary>
    public static DateOnly DueOn(DateOnly? lastReviewedOn, YearMonth registered, bool stable, ReviewPolicy policy)
    {
        var due = (lastReviewedOn ?? registered.FirstDay).AddMonths(stable ? policy.StableMonths : policy.OtherMonths);
        while (!IsDueBy(lastReviewedOn, registered, stable, policy, due)) due = due.AddDays(1);
        return due;
    }

    public static DateOnly DueOn(Household household, DateOnly on, ReviewPolicy policy) =>
        DueOn(household.LastReviewedOn, household.RegisteredMonth, IsStable(household, on), policy);

    /// <summary>Twin of <see cref="IsStable"/> for a query: no active member who is under 60 and not severely disabled.</summary>
    public static Expression<Func<Household, bool>> StableWhere(DateOnly on)
    {
        var elderlyBorn = on.AddYears(-Person.ElderlyAge);
        return h => !h.Members.Any(p => p.Status == PersonStatus.Active && p.BirthDate > elderlyBorn
                                        && p.DisabilityGrade != DisabilityGrade.One && p.DisabilityGrade != DisabilityGrade.Two && !p.SeriouslyIll);
    }

    /// <summary>Twin of <see cref="IsDueBy"/> with <see cref="IsStable"/>, for a query.</summary>
    public static Expression<Func<Household, bool>> DueByWhere(DateOnly day, DateOnly on, ReviewPolicy policy)
    {
        var stableFrom = day.AddMonths(-policy.StableMonths);
        var otherFrom = day.AddMonths(-policy.OtherMonths);
        var stableMonth = YearMonth.Of(stableFrom);
        var otherMonth = YearMonth.Of(otherFrom);
        var elderlyBorn = on.AddYears(-Person.ElderlyAge);
        // Before the first review the registration month counts from its first day: due by the day when that day is on or
        // before day − interval, i.e. the month is at most the month of (day − interval). Due for a stable household implies
        // due for any (twelve months back is before six), so the members are read only for households between the two.
        return h => (h.LastReviewedOn != null ? h.LastReviewedOn <= stableFrom : h.RegisteredMonth <= stableMonth)
            || ((h.LastReviewedOn != null ? h.LastReviewedOn <= otherFrom : h.RegisteredMonth <= otherMonth)
                && h.Members.Any(p => p.Status == PersonStatus.Active && p.BirthDate > elderlyBorn
                                      && p.DisabilityGrade != DisabilityGrade.One && p.DisabilityGrade != DisabilityGrade.Two && !p.SeriouslyIll));
    }
}

/// <summary>A review says what it found.</summary>
public sealed record ReviewNeedsFindings(string? Findings) : IBusinessRule
{
    public bool IsBroken() => string.IsNullOrWhiteSpace(Findings);
    public string Message => Messages.Get("Review.FindingsRequired");
}

/// <summary>A review is dated after the registration and the last review, and not after today.</summary>
public sealed record ReviewDateInRange(DateOnly On, YearMonth Registered, DateOnly? LastReviewedOn, DateOnly Today) : IBusinessRule
{
    public bool IsBroken() => On > Today || On < Registered.FirstDay || (LastReviewedOn is { } last && On < last);
    public string Message => Messages.Format("Review.DateOutOfRange", (LastReviewedOn ?? Registered.FirstDay).ToString("yyyy-MM-dd"), Today.ToString("yyyy-MM-dd"));
}
