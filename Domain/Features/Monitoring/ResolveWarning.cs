using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Monitoring;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Monitoring;

/// <summary>
/// 核实处理 of a warning: verified with no change (and why), or a death confirmed — the person leaves the roster from the
/// month after the death (the household stops when they were its only member), so the next payment run recovers exactly
/// the months paid after it.
/// </summary>
[RequiresPermission(Permission.EditRoster)]
public sealed record ResolveWarning(long WarningId, WarningResolution Resolution, string? Reason = null) : IRequest<Result>;

/// <summary>Resolves the warning and makes the roster's change in the same save.</summary>
public sealed class ResolveWarningHandler(IDataSessionFactory data, IClock clock, Actor actor, MonitoringOptions options) : IRequestHandler<ResolveWarning, Result>
{
    public async ValueTask<Result> Handle(ResolveWarning request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var warning = await session.FirstOrDefaultAsync(session.Edit<MonitoringWarning>().Where(w => w.Id == request.WarningId), ct);
        if (warning is null) return Result.Failure(nameof(request.WarningId), Messages.Get("Warning.Unknown"));
        var now = clock.Now.UtcDateTime;
        // Before the roster is touched: a warning resolved already changes nothing again.
        BusinessRules.Check(new WarningMustBeOpen(warning.State), nameof(request.WarningId));
        if (request.Resolution == WarningResolution.Died)
        {
            var record = await session.FirstOrDefaultAsync(session.Query<ExternalRecord>().Where(r => r.Id == warning.RecordId), ct);
            BusinessRules.Check(new DeathNeedsADeathRecord(record is { Date: not null } && options.Find(record.Source)?.Kind == RecordKind.Death), "Resolution");
            var household = await session.LoadHouseholdAsync(warning.HouseholdId, ct);
            if (household is null) return Result.Failure(nameof(request.WarningId), Messages.Get("UnknownHousehold"));
            var from = YearMonth.Of(record!.Date!.Value).Next;
            var lastClosed = await session.LastClosedMonthAsync(household.JurisdictionId, ct);
            var note = Messages.Format("Warning.DeathConfirmed", record.Date.Value.ToString("yyyy-MM-dd"));
            if (household.ActiveMembers.Count() == 1 && household.ActiveMembers.Single().Id == warning.PersonId)
                household.Stop(from, StopReason.Died, note, now, actor.UserName);
            else
                household.RemoveMember(warning.PersonId, from, died: true, now, actor.UserName);
            if (RetroactiveChange.ForHousehold(household.JurisdictionId, household.Id, from, lastClosed, now) is { } retroactive) session.Add(retroactive);
        }
        warning.Resolve(request.Resolution, request.Reason, now, actor.UserName);
        session.AuditReason = request.Resolution == WarningResolution.Died ? "预警核实：死亡" : "预警核实：无误";
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }
}
