using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Users;

/// <summary>Enables or disables an account; a disabled user is refused at once and their sessions end.</summary>
[RequiresPermission(Permission.ManageUsers)]
[BureauWide]
public sealed record SetUserEnabled(string UserId, bool Enabled) : IRequest<Result>;

/// <summary>Replaces an account's roles.</summary>
[RequiresPermission(Permission.ManageUsers)]
[BureauWide]
public sealed class SetUserRoles : IRequest<Result>
{
    public string UserId { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}

/// <summary>Sets a new password for a user who forgot theirs.</summary>
[RequiresPermission(Permission.ManageUsers)]
[BureauWide]
public sealed class ResetUserPassword : IRequest<Result>
{
    public string UserId { get; set; } = "";
    public string NewPassword { get; set; } = "";
}

/// <summary>Puts right an account's 姓名 and 单位 (a new unit after a transfer, a name mistyped when it was created).</summary>
[RequiresPermission(Permission.ManageUsers)]
[BureauWide]
public sealed class UpdateUserProfile : IRequest<Result>
{
    public string UserId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Unit { get; set; } = "";
}

/// <summary>The same checks as a new account's.</summary>
public sealed class UpdateUserProfileValidator : AbstractValidator<UpdateUserProfile>
{
    public UpdateUserProfileValidator()
    {
        RuleFor(x => x.DisplayName).StaffName();
        RuleFor(x => x.Unit).StaffUnit();
    }
}

/// <summary>Checks the new roles.</summary>
public sealed class SetUserRolesValidator : AbstractValidator<SetUserRoles>
{
    public SetUserRolesValidator() => RuleFor(x => x.Roles).SetValidator(new RoleListValidator());
}

/// <summary>Checks the new password's length.</summary>
public sealed class ResetUserPasswordValidator : AbstractValidator<ResetUserPassword>
{
    public ResetUserPasswordValidator() => RuleFor(x => x.NewPassword).SetValidator(new PasswordValidator());
}

/// <summary>Applies the last-administrator rule, then the change.</summary>
public sealed class ChangeAccountHandlers(IUserAccounts accounts, Actor actor)
    : IRequestHandler<SetUserEnabled, Result>, IRequestHandler<SetUserRoles, Result>, IRequestHandler<ResetUserPassword, Result>,
      IRequestHandler<UpdateUserProfile, Result>
{
    public async ValueTask<Result> Handle(UpdateUserProfile request, CancellationToken ct)
    {
        var target = await accounts.FindAsync(request.UserId, ct);
        if (target is null) return Result.Failure("", Messages.Get("UnknownUser"));
        await accounts.UpdateProfileAsync(target.Id, EnteredText.Clean(request.DisplayName), EnteredText.Clean(request.Unit), ct);
        return Result.Success();
    }

    public async ValueTask<Result> Handle(SetUserEnabled request, CancellationToken ct)
    {
        var target = await accounts.FindAsync(request.UserId, ct);
        if (target is null) return Result.Failure("", Messages.Get("UnknownUser"));
        if (!request.Enabled && target.Id == actor.UserId) return Result.Failure("", Messages.Get("CannotDisableSelf"));
        if (!request.Enabled)
            BusinessRules.Check(new LastAdministratorCannotBeRemoved(target, false, await accounts.CountEnabledAdministratorsAsync(ct)));
        await accounts.SetEnabledAsync(target.Id, request.Enabled, ct);
        return Result.Success();
    }

    public async ValueTask<Result> Handle(SetUserRoles request, CancellationToken ct)
    {
        var target = await accounts.FindAsync(request.UserId, ct);
        if (target is null) return Result.Failure("", Messages.Get("UnknownUser"));
        BusinessRules.Check(new LastAdministratorCannotBeRemoved(target, request.Roles.Contains(Roles.Admin),
            await accounts.CountEnabledAdministratorsAsync(ct)), "Roles");
        await accounts.SetRolesAsync(target.Id, request.Roles.Distinct().ToList(), ct);
        return Result.Success();
    }

    public async ValueTask<Result> Handle(ResetUserPassword request, CancellationToken ct)
    {
        var target = await accounts.FindAsync(request.UserId, ct);
        if (target is null) return Result.Failure("", Messages.Get("UnknownUser"));
        return await accounts.ResetPasswordAsync(target.Id, request.NewPassword, ct);
    }
}
