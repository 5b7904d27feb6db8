using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>停发: the household's assistance stops from a month, for a reason.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class StopHousehold : IRequest<Result>, ICorrectsClosedMonths
{
    public int HouseholdId { get; set; }
    public YearMonth Month { get; set; }
    public StopReason Reason { get; set; } = StopReason.IncomeAboveLine;
    public string? Note { get; set; }
    /// <summary>The month is after the next open one on purpose.</summary>
    public bool Planned { get; set; }
    /// <summary>Where the bureau grants a gradual exit (渐退期), the clerk may still stop at once (the household asks for it, or fraud).</summary>
    public bool WithoutGradualExit { get; set; }
}

/// <summary>Field checks of a stop.</summary>
public sealed class StopHouseholdValidator : AbstractValidator<StopHousehold>
{
    public StopHouseholdValidator()
    {
        RuleFor(x => x.Month).RequiredMonth();
        RuleFor(x => x.Note).MaximumLength(Enrollment.NoteMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Enrollment.NoteMaxLength));
    }
}

/// <summary>Stops the household through its aggregate.</summary>
public sealed class StopHouseholdHandler(IDataSessionFactory data, IClock clock, Actor actor, GradualExitPolicy exit) : IRequestHandler<StopHousehold, Result>
{
    public async ValueTask<Result> Handle(StopHousehold request, CancellationToken ct)
    {
        // The month asked for is checked as any change's; with a gradual exit the stop itself takes effect months later.
        var policy = request.WithoutGradualExit ? new GradualExitPolicy() : exit;
        var from = policy.StopsFrom(request.Month, request.Reason);
        var note = policy.Note(request.Month, request.Reason) is { } gradual
            ? string.IsNullOrWhiteSpace(request.Note) ? gradual : $"{request.Note.Trim()}；{gradual}"
            : request.Note;
        return await HouseholdChange.ApplyAsync(data, clock, request, from == request.Month ? "停发" : "停发（渐退期）", (_, household) =>
        {
            household.Stop(from, request.Reason, note, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
    }
}
