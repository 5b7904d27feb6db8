using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace CivilAffairs.Dashboard.Components.Account;

/// <summary>Changing one's own password: the current one, then a new one that passes the password policy.</summary>
public partial class ChangePassword
{
    [Inject] private UserManager<ApplicationUser> Users { get; set; } = default!;
    [Inject] private SignInManager<ApplicationUser> SignIn { get; set; } = default!;
    [Inject] private IAuditTrail Audit { get; set; } = default!;
    [Inject] private SignInSessions Sessions { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    // No initializer on a form-bound property (BL0008): a post sets it, a first render finds it null.
    [SupplyParameterFromForm(FormName = "change-password", Name = "Input")] private PasswordInput? Posted { get; set; }
    private PasswordInput Input => Posted ??= new();

    private readonly List<string> _errors = [];
    private bool _done;

    private async Task ChangeAsync()
    {
        var user = await Users.GetUserAsync(HttpContext.User);
        if (user is null) return;
        if (Input.New != Input.Confirm)
        {
            _errors.Add(Messages.Get("PasswordMismatch"));
            return;
        }
        var current = await ((AccountSignIn)SignIn).CheckCurrentPasswordAsync(user, Input.Current ?? "");
        if (!current.Succeeded)
        {
            await Audit.RecordAsync(new AuditEvent(current.IsLockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed, user.UserName ?? "",
                "Account", user.Id, current.IsLockedOut ? "修改密码时当前密码错误次数过多，账号锁定" : "修改密码时当前密码错误"));
            if (current.IsLockedOut)
            {
                await SignIn.SignOutAsync();
                Navigation.NavigateTo("/Account/Login", forceLoad: true);
                return;
            }
            _errors.Add(L["ChangePassword.WrongCurrent"].Value);
            return;
        }
        // Re-read: the check above reset the failure count and changed the concurrency stamp.
        user = await Users.FindByIdAsync(user.Id) ?? user;
        var result = await Users.ChangePasswordAsync(user, Input.Current ?? "", Input.New ?? "");
        if (!result.Succeeded)
        {
            _errors.AddRange(result.Errors.Select(e => e.Code == "PasswordMismatch" ? L["ChangePassword.WrongCurrent"].Value : e.Description));
            return;
        }
        // Every session made with the old password ends, on other browsers too; this browser gets a new one instead
        // of being signed out by the new security stamp.
        await Sessions.EndAllAsync(user.Id, SignInSessions.Reasons.PasswordChanged);
        await SignIn.RefreshSignInAsync(user);
        await Audit.RecordAsync(new AuditEvent(AuditAction.PasswordChanged, user.UserName ?? "", "Account", user.Id, null));
        _done = true;
    }

    /// <summary>The posted form.</summary>
    public sealed class PasswordInput
    {
        public string? Current { get; set; }
        public string? New { get; set; }
        public string? Confirm { get; set; }
    }
}
