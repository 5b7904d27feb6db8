using CivilAffairs.Domain.Auditing;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CivilAffairs.Dashboard.Security;

/// <summary>
/// Sign-out is a POST with the antiforgery token, so a link, an image or another site's form cannot sign a user out;
/// it ends the session on the server (<see cref="SignInSessions"/>), so a copy of the cookie opens nothing afterwards.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/Account/Logout", async (HttpContext http, SignInManager<ApplicationUser> signIn, IAuditTrail audit, IAntiforgery antiforgery) =>
        {
            // The endpoint binds no form, so the antiforgery middleware only notes the token's absence; refuse it here.
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var name = http.User.Identity?.Name;
            await signIn.SignOutAsync();
            if (name is not null) await audit.RecordAsync(new AuditEvent(AuditAction.SignOut, name, "Account", null, null));
            return Results.LocalRedirect("~/Account/Login");
        });
}
