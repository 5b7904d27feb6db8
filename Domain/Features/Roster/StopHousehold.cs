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
public sealed class StopHouseholdHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<StopHousehold, Result>
{
    public async ValueTask<Result> Handle(StopHousehold request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, "停发", (_, household) =>
        {
            household.Stop(request.Month, request.Reason, request.Note, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
}
