using CivilAffairs.Domain.Auditing;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace CivilAffairs.Dashboard.Security;

/// <summary>Sign-out is a POST (with the antiforgery token), so a link or an image cannot sign a user out.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/Account/Logout", async (HttpContext http, SignInManager<ApplicationUser> signIn, IAuditTrail audit) =>
        {
            var name = http.User.Identity?.Name;
            await signIn.SignOutAsync();
            if (name is not null) await audit.RecordAsync(new AuditEvent(AuditAction.SignOut, name, "Account", null, null));
            return Results.LocalRedirect("~/Account/Login");
        });
}
