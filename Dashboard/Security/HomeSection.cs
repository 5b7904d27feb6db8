using System.Security.Claims;
using CivilAffairs.Domain.Security;

namespace CivilAffairs.Dashboard.Security;

/// <summary>
/// Where a signed-in user starts when the home page (the cockpit) is not theirs to see: a village clerk has no cockpit,
/// and landing on "没有访问权限" after a correct password reads as a fault.
/// </summary>
public static class HomeSection
{
    private static readonly (Permission Permission, string Path)[] Sections =
    [
        (Permission.RecordApplications, "/applications"), (Permission.ReviewApplications, "/applications"), (Permission.ViewRoster, "/roster"),
        (Permission.ViewStandards, "/standards"), (Permission.ManageUsers, "/admin/users"),
    ];

    /// <summary>The first section the user may open, or null when there is none (they get the access-denied page).</summary>
    public static string? For(ClaimsPrincipal user)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(r => r.Value).ToList();
        return Sections.Where(s => Roles.Allows(roles, s.Permission)).Select(s => s.Path).FirstOrDefault();
    }
}
