using System.Security.Claims;
using CivilAffairs.Domain.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace CivilAffairs.Dashboard;

/// <summary>The signed-in user of this circuit or request, as the cookie names them; the mediator then checks the database.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication) : ICurrentUser
{
    public async Task<Principal> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var id = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is null ? Principal.Anonymous : new Principal(id, state.User.Identity?.Name ?? id);
    }
}
