using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>迁移: the household moves to another community or village of the jurisdiction from a month.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed record MoveHousehold(int HouseholdId, int CommunityId, YearMonth Month) : IRequest<Result>, IHouseholdChange;

/// <summary>Field checks of a move.</summary>
public sealed class MoveHouseholdValidator : AbstractValidator<MoveHousehold>
{
    public MoveHouseholdValidator() => RuleFor(x => x.Month).RequiredMonth();
}

/// <summary>Moves the household, refusing a community outside its jurisdiction.</summary>
public sealed class MoveHouseholdHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<MoveHousehold, Result>
{
    public async ValueTask<Result> Handle(MoveHousehold request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, "迁移", async (session, household) =>
        {
            if (await session.FindCommunityAsync(request.CommunityId, ct) is not { } found || found.JurisdictionId != household.JurisdictionId)
                return Result.Failure(nameof(request.CommunityId), Messages.Get("UnknownCommunity"));
            household.MoveTo(found.Community, request.Month, clock.Now.UtcDateTime, actor.UserName);
            return null;
        }, ct);
}
