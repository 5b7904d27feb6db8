using System.Security.Claims;
using CivilAffairs.Domain.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace CivilAffairs.Dashboard;

/// <summary>
/// The caller of this scope: the named <see cref="Operator"/> when a verb or arranger set one, else the signed-in user of
/// the circuit or request as the cookie names them. Either way the mediator then checks the database.
/// </summary>
public sealed class CurrentUser(IServiceProvider services, Operator named) : ICurrentUser
{
    public async Task<Principal> GetAsync(CancellationToken cancellationToken = default)
    {
        if (named.Principal is { } principal) return principal;
        // Resolved only here: compositions without the web UI (benchmarks) have no authentication state.
        if (services.GetService<AuthenticationStateProvider>() is not { } authentication) return Principal.Anonymous;
        var state = await authentication.GetAuthenticationStateAsync();
        var id = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is null ? Principal.Anonymous
            : new Principal(id, state.User.Identity?.Name ?? id, SessionId: Infrastructure.Identity.DashboardClaimsPrincipalFactory.SessionOf(state.User));
    }
}
