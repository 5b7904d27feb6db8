using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>撤销: takes back the household's latest change, made in error, while no month has closed since it was recorded.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class UndoHouseholdChange : IRequest<Result>
{
    public int HouseholdId { get; set; }
    /// <summary>The timeline entry the clerk chose, so an undo never takes back a change someone made meanwhile.</summary>
    public long EventId { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>Field checks of an undo.</summary>
public sealed class UndoHouseholdChangeValidator : AbstractValidator<UndoHouseholdChange>
{
    public UndoHouseholdChangeValidator() => RuleFor(x => x.Reason).CorrectionReason();
}

/// <summary>Undoes the change through the aggregate and deletes what it had added, in one transaction.</summary>
public sealed class UndoHouseholdChangeHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<UndoHouseholdChange, Result>
{
    public async ValueTask<Result> Handle(UndoHouseholdChange request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var household = await session.LoadHouseholdAsync(request.HouseholdId, ct);
        if (household is null) return Result.Failure(nameof(request.HouseholdId), Messages.Get("UnknownHousehold"));
        var lastClose = await session.LastCloseAsync(household.JurisdictionId, ct);
        var change = household.UndoableChange(lastClose);
        var community = household.Community!;
        if (change?.Id == request.EventId && Household.CommunityBefore(change) is var before && before != household.CommunityId)
            community = await session.FirstOrDefaultAsync(session.Edit<Area>().Where(a => a.Id == before), ct) ?? community;
        foreach (var added in household.Undo(request.EventId, lastClose, community, request.Reason, clock.Now.UtcDateTime, actor.UserName))
            session.Remove(added);
        session.AuditReason = "撤销：" + request.Reason.Trim();
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }
}
