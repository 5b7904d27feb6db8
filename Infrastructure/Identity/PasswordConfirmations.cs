using CivilAffairs.Domain.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>Password confirmation on a session: the check of 修改密码 (counted toward lockout), noted on the session row.</summary>
public sealed class PasswordConfirmations(IServiceScopeFactory scopes, SignInSessions sessions, Domain.Common.IClock clock,
    IOptions<SignInLifetime> lifetime) : IPasswordConfirmations
{
    public async Task<bool> IsRecentAsync(string sessionId, CancellationToken cancellationToken = default) =>
        await sessions.PasswordConfirmedAtAsync(sessionId, cancellationToken) is { } at
        && clock.Now.UtcDateTime - at <= lifetime.Value.ConfirmPassword;

    public async Task<PasswordCheck> ConfirmAsync(string userId, string sessionId, string password, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var signIn = (AccountSignIn)scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return PasswordCheck.Wrong;
        var result = await signIn.CheckCurrentPasswordAsync(user, password);
        if (result.Succeeded)
        {
            await sessions.ConfirmPasswordAsync(sessionId, cancellationToken);
            return PasswordCheck.Confirmed;
        }
        if (!result.IsLockedOut) return PasswordCheck.Wrong;
        await sessions.EndAsync(sessionId, SignInSessions.Reasons.LockedOut, cancellationToken);
        return PasswordCheck.LockedOut;
    }
}
