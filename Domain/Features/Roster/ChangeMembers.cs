using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster.Rules;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>增加成员: a person joins the household from a month.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class AddMember : IRequest<Result>, IHouseholdChange
{
    public int HouseholdId { get; set; }
    public YearMonth Month { get; set; }
    public MemberInput Member { get; set; } = new() { Relationship = Domain.Roster.Relationship.Spouse };
    /// <summary>The month is after the next open one on purpose.</summary>
    public bool Planned { get; set; }
}

/// <summary>减少成员: a member moves out or dies; from that month they are no longer covered.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed record RemoveMember(int HouseholdId, int PersonId, YearMonth Month, bool Died) : IRequest<Result>, ICorrectsClosedMonths;

/// <summary>Field checks of a new member.</summary>
public sealed class AddMemberValidator : AbstractValidator<AddMember>
{
    public AddMemberValidator()
    {
        RuleFor(x => x.Month).RequiredMonth();
        RuleFor(x => x.Member).SetValidator(new MemberInputValidator());
    }
}

/// <summary>Field checks of a removal.</summary>
public sealed class RemoveMemberValidator : AbstractValidator<RemoveMember>
{
    public RemoveMemberValidator() => RuleFor(x => x.Month).RequiredMonth();
}

/// <summary>Adds or removes members through the household aggregate; a new member is checked against the whole roster.</summary>
public sealed class ChangeMembersHandler(IDataSessionFactory data, IClock clock, Actor actor)
    : IRequestHandler<AddMember, Result>, IRequestHandler<RemoveMember, Result>
{
    public async ValueTask<Result> Handle(AddMember request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, "增加成员", async (session, household) =>
        {
            var elsewhere = new PersonBelongsToOneHouseholdAtATime(request.Member.IdNumber,
                await session.ActiveHouseholdOfAsync(request.Member.IdNumber, ct));
            if (elsewhere.IsBroken()) return Result.Failure("Member.IdNumber", elsewhere.Message);
            household.AddMember(request.Member.ToDraft(), request.Month, clock.Now.UtcDateTime, actor.UserName);
            return null;
        }, ct);

    public async ValueTask<Result> Handle(RemoveMember request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, request.Died ? "减少成员（死亡）" : "减少成员", (_, household) =>
        {
            household.RemoveMember(request.PersonId, request.Month, request.Died, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
}
