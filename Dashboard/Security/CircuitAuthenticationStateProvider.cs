using System.Security.Claims;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Dashboard.Security;

/// <summary>
/// Re-checks a circuit's user every <see cref="SignInLifetime.Check"/>, and at once when this instance disables them,
/// changes their roles or password or ends one of their sessions: a disabled account, a new security stamp, an ended
/// or idle session or an expired absolute lifetime signs the circuit out (an open page shows nothing more).
/// </summary>
public sealed class CircuitAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopes;
    private readonly AccountSignals _signals;
    private readonly SignInLifetime _session;

    public CircuitAuthenticationStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes, AccountSignals signals,
        IOptions<SignInLifetime> session) : base(loggers)
    {
        _scopes = scopes;
        _signals = signals;
        _session = session.Value;
        _signals.AccountChanged += OnAccountChanged;
    }

    protected override TimeSpan RevalidationInterval => _session.Check;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var principal = state.User;
        if (principal.Identity?.IsAuthenticated != true) return true;
        var signedInAt = DashboardClaimsPrincipalFactory.SignedInAt(principal);
        if (signedInAt is null || DateTimeOffset.UtcNow - signedInAt > _session.Absolute) return false;

        await using var scope = _scopes.CreateAsyncScope();
        var sessionId = DashboardClaimsPrincipalFactory.SessionOf(principal);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (sessionId is null || userId is null) return false;
        if (!await scope.ServiceProvider.GetRequiredService<SignInSessions>().IsOpenAsync(sessionId, userId, ct)) return false;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled) return false;
        var options = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        return principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }

    private async void OnAccountChanged(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) != userId) return;
            if (!await ValidateAuthenticationStateAsync(state, CancellationToken.None))
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
        catch (Exception)
        {
            // The periodic revalidation will catch up; a signal must never break the circuit that raised it.
        }
    }

    protected override void Dispose(bool disposing)
    {
        _signals.AccountChanged -= OnAccountChanged;
        base.Dispose(disposing);
    }
}
