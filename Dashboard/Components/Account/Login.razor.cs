using CivilAffairs.Domain.Auditing;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace CivilAffairs.Dashboard.Components.Account;

/// <summary>Sign-in: lockout after repeated failures, a limit of attempts per account, one answer for every failure; every attempt audited.</summary>
public partial class Login
{
    [Inject] private SignInManager<ApplicationUser> SignIn { get; set; } = default!;
    [Inject] private UserManager<ApplicationUser> Users { get; set; } = default!;
    [Inject] private IAuditTrail Audit { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private AccountGate Gate { get; set; } = default!;
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    // No initializer on a form-bound property (BL0008): a post sets it, a first render finds it null.
    [SupplyParameterFromForm(FormName = "login", Name = "Input")] private LoginInput? Posted { get; set; }
    private LoginInput Input => Posted ??= new();
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

        if (!Gate.TryAttempt(Users.NormalizeName(userName)))
        {
            await Audit.RecordAsync(new AuditEvent(AuditAction.SignInFailed, userName, "Account", null,
                $"登录尝试过于频繁（每账号每分钟 {Gate.AttemptsPerMinute} 次），未校验密码"));
            HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            _error = L["Login.TooMany"];
            return;
        }

        var result = await SignIn.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var user = await Users.FindByNameAsync(userName);
        if (result.Succeeded)
        {
            await Audit.RecordAsync(new AuditEvent(AuditAction.SignIn, userName, "Account", user?.Id, null));
            var returnUrl = Input.ReturnUrl ?? ReturnUrl;
            Navigation.NavigateTo(IsLocal(returnUrl) ? returnUrl! : "/", forceLoad: true);
            return;
        }

        // One answer for an unknown name, a wrong password, a locked and a disabled account: which it was is the
        // audit trail's to know, not the caller's.
        if (result.IsLockedOut)
            await Audit.RecordAsync(new AuditEvent(AuditAction.LockedOut, userName, "Account", user?.Id, "登录失败次数过多，账号锁定"));
        else
            await Audit.RecordAsync(new AuditEvent(AuditAction.SignInFailed, userName, "Account", user?.Id,
                result.IsNotAllowed ? "账号已停用" : user is null ? "登录名不存在" : "密码错误"));
        _error = L["Login.Failed"];
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
