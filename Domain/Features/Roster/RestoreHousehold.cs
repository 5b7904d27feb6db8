using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>
/// 恢复: a stopped household receives again, from a month, what its stop ended. Dated into a closed month (the stop was
/// wrong), the next payment run pays the months missed.
/// </summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class RestoreHousehold : IRequest<Result>, ICorrectsClosedMonths
{
    public int HouseholdId { get; set; }
    public YearMonth Month { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>Field checks of a restore.</summary>
public sealed class RestoreHouseholdValidator : AbstractValidator<RestoreHousehold>
{
    public RestoreHouseholdValidator()
    {
        RuleFor(x => x.Month).RequiredMonth();
        RuleFor(x => x.Reason).CorrectionReason();
    }
}

/// <summary>Restores the household through its aggregate.</summary>
public sealed class RestoreHouseholdHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<RestoreHousehold, Result>
{
    public async ValueTask<Result> Handle(RestoreHousehold request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, "恢复：" + request.Reason.Trim(), (_, household) =>
        {
            household.Restore(request.Month, request.Reason, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
}
