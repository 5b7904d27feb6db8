using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Users;

/// <summary>The signed-in user gives their password again before full ID numbers are shown (see <see cref="IRevealsSensitiveData"/>).</summary>
[RequiresPermission(Permission.RevealSensitive)]
public sealed record ConfirmPassword(string Password) : IRequest<Result>;

/// <summary>A password is asked for.</summary>
public sealed class ConfirmPasswordValidator : AbstractValidator<ConfirmPassword>
{
    public ConfirmPasswordValidator() => RuleFor(x => x.Password).NotEmpty().WithMessage(_ => Messages.Get("PasswordRequired"));
}

/// <summary>
/// Checks the password on the caller's session: a wrong one is audited and counts toward the lockout like a wrong
/// sign-in; reaching the lockout ends the session.
/// </summary>
public sealed class ConfirmPasswordHandler(ICurrentUser currentUser, IPasswordConfirmations confirmations, IAuditTrail audit, Actor actor)
    : IRequestHandler<ConfirmPassword, Result>
{
    public async ValueTask<Result> Handle(ConfirmPassword request, CancellationToken ct)
    {
        var principal = await currentUser.GetAsync(ct);
        if (principal.SessionId is not { } session || actor.UserId is not { } userId) return Result.Failure("", Messages.Get("PasswordConfirmationWebOnly"));
        var check = await confirmations.ConfirmAsync(userId, session, request.Password, ct);
        if (check == PasswordCheck.Confirmed) return Result.Success();
        await audit.RecordAsync(new AuditEvent(check == PasswordCheck.LockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed, actor.UserName,
            "Account", userId, check == PasswordCheck.LockedOut ? "确认密码时错误次数过多，账号锁定，会话结束" : "确认密码时密码错误"), ct);
        return Result.Failure(nameof(request.Password), Messages.Get(check == PasswordCheck.LockedOut ? "PasswordConfirmationLockedOut" : "PasswordConfirmationWrong"));
    }
}
