using CivilAffairs.Domain.Auditing;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace CivilAffairs.Dashboard.Components.Account;

/// <summary>Sign-in: lockout after repeated failures; every success and failure audited.</summary>
public partial class Login
{
    [Inject] private SignInManager<ApplicationUser> SignIn { get; set; } = default!;
    [Inject] private UserManager<ApplicationUser> Users { get; set; } = default!;
    [Inject] private IAuditTrail Audit { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm] private LoginInput Input { get; set; } = new();
    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }

    private string? _error;

    private async Task SignInAsync()
    {
        var userName = Input.UserName?.Trim() ?? "";
        if (userName.Length == 0 || string.IsNullOrEmpty(Input.Password))
        {
            _error = L["Login.Missing"];
            return;
        }

        var user = await Users.FindByNameAsync(userName);
        var result = await SignIn.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await Audit.RecordAsync(new AuditEvent(AuditAction.SignIn, userName, "Account", user?.Id, null));
            var returnUrl = Input.ReturnUrl ?? ReturnUrl;
            Navigation.NavigateTo(IsLocal(returnUrl) ? returnUrl! : "/", forceLoad: true);
            return;
        }

        if (result.IsLockedOut)
        {
            await Audit.RecordAsync(new AuditEvent(AuditAction.LockedOut, userName, "Account", user?.Id, "登录失败次数过多，账号锁定"));
            _error = L["Login.LockedOut"];
        }
        else if (result.IsNotAllowed)
        {
            await Audit.RecordAsync(new AuditEvent(AuditAction.SignInFailed, userName, "Account", user?.Id, "账号已停用"));
            _error = L["Login.Disabled"];
        }
        else
        {
            await Audit.RecordAsync(new AuditEvent(AuditAction.SignInFailed, userName, "Account", user?.Id,
                user is null ? "登录名不存在" : "密码错误"));
            _error = L["Login.Failed"];
        }
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") &&
        !url.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase);

    /// <summary>The posted sign-in form.</summary>
    public sealed class LoginInput
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
        /// <summary>Where the user was going, carried through the post (the form posts to the bare path).</summary>
        public string? ReturnUrl { get; set; }
    }
}
