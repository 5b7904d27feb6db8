using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in, refusing disabled accounts even with the right password, one attempt per account at a time
/// (<see cref="AccountGate"/>), and costing one password hash whatever the outcome: an unknown name, a wrong password,
/// a locked or a disabled account cannot be told apart by the time they take. Each sign-in opens a server-side
/// session (<see cref="SignInSessions"/>) that its cookie names, and sign-out ends it.
/// </summary>
public sealed class AccountSignIn(UserManager<ApplicationUser> users, IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<ApplicationUser> claims, IOptions<IdentityOptions> options, ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<ApplicationUser> confirmation, AccountGate gate,
    Persistence.DashboardDbContext store, SignInSessions sessions)
    : SignInManager<ApplicationUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) => !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties,
        IEnumerable<Claim> additionalClaims)
    {
        // A renewed sign-in (after 修改密码) replaces the session it was made from.
        var replaced = DashboardClaimsPrincipalFactory.SessionOf(Context.User);
        var session = await sessions.StartAsync(user.Id, Context.Connection.RemoteIpAddress?.ToString(), Context.Request.Headers.UserAgent.ToString());
        if (replaced is not null) await sessions.EndAsync(replaced, SignInSessions.Reasons.Renewed);
        await base.SignInWithClaimsAsync(user, authenticationProperties,
            additionalClaims.Append(new Claim(DashboardClaimsPrincipalFactory.SessionClaim, session)));
    }

    public override async Task SignOutAsync()
    {
        if (DashboardClaimsPrincipalFactory.SessionOf(Context.User) is { } session) await sessions.EndAsync(session, SignInSessions.Reasons.SignedOut);
        await base.SignOutAsync();
    }

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        using var turn = await gate.EnterAsync(UserManager.NormalizeName(userName) ?? "");
        // Read inside the turn, and again if this request had read it before: the failure count and concurrency stamp seen
        // must be those the previous attempt wrote, or its increment is lost.
        var user = await UserManager.FindByNameAsync(userName);
        if (user is not null) await store.Entry(user).ReloadAsync();
        if (user is null)
        {
            gate.VerifyAgainstNoAccount(UserManager.PasswordHasher, password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        if (await PreSignInCheck(user) is { } refused)
        {
            // A locked or disabled account is refused after the same hash as any other attempt, and the guess is not counted.
            await UserManager.CheckPasswordAsync(user, password);
            return refused;
        }
        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    /// <summary>
    /// 修改密码's check of the current password: a wrong one counts toward the lockout like a wrong sign-in (a session
    /// left open must not become a place to guess the password).
    /// </summary>
    public async Task<SignInResult> CheckCurrentPasswordAsync(ApplicationUser user, string password)
    {
        using var turn = await gate.EnterAsync(user.NormalizedUserName ?? "");
        var fresh = await UserManager.FindByIdAsync(user.Id) ?? user;
        await store.Entry(fresh).ReloadAsync();
        return await CheckPasswordSignInAsync(fresh, password, lockoutOnFailure: true);
    }
}
