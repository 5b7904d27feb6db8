using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Users;

/// <summary>Where a user is signed in now: each open session, when it began and was last used, from which address.</summary>
[RequiresPermission(Permission.ManageUsers)]
[BureauWide]
public sealed record ListUserSessions(string UserId) : IRequest<IReadOnlyList<SessionSummary>>;

/// <summary>Ends one of a user's sessions, or all of them (<see cref="SessionId"/> null): their pages and cookies stop working at once.</summary>
[RequiresPermission(Permission.ManageUsers)]
[BureauWide]
public sealed record EndUserSessions(string UserId, string? SessionId = null) : IRequest<Result>;

/// <summary>Reads and ends sessions through the accounts store, auditing each ending in the administrator's name.</summary>
public sealed class UserSessionHandlers(IUserAccounts accounts, IAuditTrail audit, Actor actor)
    : IRequestHandler<ListUserSessions, IReadOnlyList<SessionSummary>>, IRequestHandler<EndUserSessions, Result>
{
    public async ValueTask<IReadOnlyList<SessionSummary>> Handle(ListUserSessions request, CancellationToken ct) =>
        await accounts.ListSessionsAsync(request.UserId, ct);

    public async ValueTask<Result> Handle(EndUserSessions request, CancellationToken ct)
    {
        var target = await accounts.FindAsync(request.UserId, ct);
        if (target is null) return Result.Failure("", Messages.Get("UnknownUser"));
        var ended = await accounts.EndSessionsAsync(target.Id, request.SessionId, ct);
        if (ended == 0) return Result.Failure("", Messages.Get("SessionAlreadyEnded"));
        await audit.RecordAsync(new AuditEvent(AuditAction.SessionEnded, actor.UserName, "Account", target.Id,
            Messages.Format("SessionsEnded", target.UserName, ended)), ct);
        return Result.Success();
    }
}
