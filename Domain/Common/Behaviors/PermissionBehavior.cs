using System.Reflection;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Common.Behaviors;

/// <summary>
/// The outermost step of every request: who is calling, are they still enabled, and does one of their roles grant
/// the permission the request declares. A refusal is audited and comes back as a message, whatever the page showed.
/// </summary>
public sealed class PermissionBehavior<TMessage, TResponse>(ICurrentUser currentUser, IUserDirectory directory,
    Actor actor, IAuditTrail audit, IPasswordConfirmations confirmations) : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    private static readonly Permission? Required = typeof(TMessage).GetCustomAttribute<RequiresPermissionAttribute>()?.Permission;
    private static readonly bool BureauWide = typeof(TMessage).GetCustomAttribute<BureauWideAttribute>() is not null;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (Required is null)
            throw new InvalidOperationException($"{typeof(TMessage).Name} declares no permission: add [RequiresPermission].");

        var principal = await currentUser.GetAsync(cancellationToken);
        var standing = principal.UserId is null ? null : await directory.FindAsync(principal.UserId, cancellationToken);
        if (standing is not null && principal.Channel is { } channel) standing = standing with { UserName = $"{channel}:{standing.UserName}" };

        string? refusal = null;
        if (standing is null) refusal = Messages.Get("NotSignedIn");
        else if (!standing.IsEnabled) refusal = Messages.Get("AccountDisabled");
        else if (!Roles.Allows(standing.Roles, Required.Value))
            refusal = Messages.Format("PermissionDenied", Messages.Get($"Permission.{Required.Value}"));
        else if (BureauWide && standing.Scope is { } scope)
            refusal = Messages.Format("BureauWideOnly", scope.AreaName);

        if (refusal is not null)
        {
            await audit.RecordAsync(new AuditEvent(AuditAction.AccessDenied, standing?.UserName ?? principal.UserName,
                typeof(TMessage).Name, null, $"{Required.Value}: {refusal}"), cancellationToken);
            if (Result.IsResultType(typeof(TResponse)))
                return Result.FailureOf<TResponse>([new FieldError("", refusal, "PermissionDenied")]);
            throw new PermissionDeniedException(refusal);
        }

        // A web session showing full ID numbers must have given its password recently; the page asks for it and retries.
        if (message is IRevealsSensitiveData { RevealsFullIdNumbers: true } && principal.SessionId is { } session
            && !await confirmations.IsRecentAsync(session, cancellationToken))
        {
            if (Result.IsResultType(typeof(TResponse)))
                return Result.FailureOf<TResponse>([new FieldError("", Messages.Get("PasswordConfirmationRequired"), PasswordConfirmationRequiredException.Rule)]);
            throw new PasswordConfirmationRequiredException();
        }

        actor.Become(standing!);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (OutsideAreaException e)
        {
            await audit.RecordAsync(new AuditEvent(AuditAction.AccessDenied, standing!.UserName, typeof(TMessage).Name, null,
                $"{Required.Value}: {e.Message}"), cancellationToken);
            if (Result.IsResultType(typeof(TResponse)))
                return Result.FailureOf<TResponse>([new FieldError("", e.Message, "PermissionDenied")]);
            throw new PermissionDeniedException(e.Message);
        }
    }
}
