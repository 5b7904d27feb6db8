using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Reviews;

/// <summary>
/// 复核 of one household: dated, with its findings, and what it decided — continue, change the tier or stop, from a month,
/// by the same changes as the roster's own (so back pay or recovery follows for a closed month as for any correction).
/// </summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class RecordReview : IRequest<Result>, ICorrectsClosedMonths
{
    public int HouseholdId { get; set; }
    public DateOnly ReviewedOn { get; set; }
    public ReviewOutcome Outcome { get; set; } = ReviewOutcome.Continue;
    public string Findings { get; set; } = "";
    /// <summary>The month a change takes effect (ignored when the household continues).</summary>
    public YearMonth Month { get; set; }
    /// <summary>The new tier, for <see cref="ReviewOutcome.ChangeTier"/>.</summary>
    public string? VariantCode { get; set; }
    /// <summary>Why it stops, for <see cref="ReviewOutcome.Stop"/>.</summary>
    public StopReason? StopReason { get; set; }
}

/// <summary>Field checks of a review.</summary>
public sealed class RecordReviewValidator : AbstractValidator<RecordReview>
{
    public RecordReviewValidator()
    {
        RuleFor(x => x.ReviewedOn).NotEqual(default(DateOnly)).WithMessage(_ => Messages.Get("Review.DateRequired"));
        RuleFor(x => x.Findings).NotEmpty().WithMessage(_ => Messages.Get("Review.FindingsRequired"));
        RuleFor(x => x.Month).RequiredMonth();
        RuleFor(x => x.VariantCode).Must(code => code is not null && ProgrammeCatalogue.Find(code) is not null)
            .When(x => x.Outcome == ReviewOutcome.ChangeTier).WithMessage(_ => Messages.Get("VariantRequired"));
        RuleFor(x => x.StopReason).NotNull().When(x => x.Outcome == ReviewOutcome.Stop).WithMessage(_ => Messages.Get("Review.StopReasonRequired"));
    }
}

/// <summary>Records the review on the household, and the change it decided, in one save.</summary>
public sealed class RecordReviewHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<RecordReview, Result>
{
    public async ValueTask<Result> Handle(RecordReview request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, $"复核（{Messages.Get($"ReviewOutcome.{request.Outcome}")}）", (_, household) =>
        {
            var now = clock.Now.UtcDateTime;
            household.Review(request.ReviewedOn, request.Outcome, request.Findings, clock.Today, now, actor.UserName);
            if (request.Outcome == ReviewOutcome.ChangeTier)
                household.ChangeTier(ProgrammeCatalogue.Find(request.VariantCode!)!, request.Month, now, actor.UserName);
            else if (request.Outcome == ReviewOutcome.Stop)
                household.Stop(request.Month, request.StopReason!.Value, request.Findings, now, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
}

/// <summary>The reviews due (by a day, by default today plus the "due soon" days) in the caller's area, most overdue first.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record ListReviewsDue(string JurisdictionCode, int? TownshipId = null, bool OverdueOnly = false, int Page = 0, int PageSize = 50)
    : IRequest<ReviewsDue>;

/// <summary>One page of due reviews, how many are due, and how many of them overdue.</summary>
public sealed record ReviewsDue(IReadOnlyList<ReviewDueRow> Rows, int Total, int Overdue, DateOnly DueBy);

/// <summary>A household whose review is due.</summary>
public sealed record ReviewDueRow(int HouseholdId, string Head, string Township, string Community, bool Stable, DateOnly? LastReviewedOn,
    DateOnly DueOn, int DaysOverdue, string? Dibao);

/// <summary>Applies the schedule set-wise (its expression twins) to the active households with an open enrolment.</summary>
public sealed class ListReviewsDueHandler(IDataSessionFactory data, IClock clock, ReviewPolicy policy) : IRequestHandler<ListReviewsDue, ReviewsDue>
{
    public const int MaxPageSize = 200;

    public async ValueTask<ReviewsDue> Handle(ListReviewsDue request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var today = clock.Today;
        var dueBy = request.OverdueOnly ? today : today.AddDays(policy.DueSoonDays);
        var assisted = session.Query<Household>().Where(h => h.JurisdictionId == j && h.Status == HouseholdStatus.Active
                                                             && h.Enrollments.Any(e => e.ToMonth == null));
        if (request.TownshipId is { } township) assisted = assisted.Where(h => h.Community!.ParentId == township);
        var due = assisted.Where(ReviewSchedule.DueByWhere(dueBy, today, policy));
        var total = await session.CountAsync(due, ct);
        var overdue = request.OverdueOnly ? total : await session.CountAsync(assisted.Where(ReviewSchedule.DueByWhere(today, today, policy)), ct);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = await session.ToListAsync(due
            .OrderBy(h => h.LastReviewedOn ?? DateOnly.MinValue).ThenBy(h => h.RegisteredMonth).ThenBy(h => h.Id)
            .Skip(Math.Max(0, request.Page) * size).Take(size)
            .Select(h => new
            {
                h.Id, h.LastReviewedOn, h.RegisteredMonth, Community = h.Community!.Name, Township = h.Community.Parent!.Name,
                Head = h.Members.Where(p => p.Relationship == Relationship.Head && p.Status == PersonStatus.Active).Select(p => p.Name).FirstOrDefault(),
                Dibao = h.Enrollments.Where(e => e.PersonId == null && e.ToMonth == null).Select(e => e.VariantCode).FirstOrDefault(),
                Members = h.Members.Where(p => p.Status == PersonStatus.Active).Select(p => new { p.BirthDate, p.DisabilityGrade, p.SeriouslyIll }).ToList(),
            }), ct);
        var rows = page.Select(h =>
        {
            var stable = h.Members.All(m => ReviewSchedule.IsSteady(m.BirthDate, m.DisabilityGrade, m.SeriouslyIll, today));
            var dueOn = ReviewSchedule.DueOn(h.LastReviewedOn, h.RegisteredMonth, stable, policy);
            return new ReviewDueRow(h.Id, h.Head ?? "", h.Township, h.Community, stable, h.LastReviewedOn, dueOn,
                Math.Max(0, today.DayNumber - dueOn.DayNumber), h.Dibao is { } code ? ProgrammeCatalogue.Find(code)?.Name : null);
        }).ToList();
        return new ReviewsDue(rows, total, overdue, dueBy);
    }
}
