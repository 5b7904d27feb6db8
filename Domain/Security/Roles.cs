namespace CivilAffairs.Domain.Security;

/// <summary>The bureau's roles and what each may do. A user may hold several.</summary>
public static class Roles
{
    /// <summary>领导: the cockpit and the reports, read only.</summary>
    public const string Leader = "Leader";
    /// <summary>业务员: the roster and the payments.</summary>
    public const string Caseworker = "Caseworker";
    /// <summary>标准管理员: adjusts the benefit standards.</summary>
    public const string StandardsAdmin = "StandardsAdmin";
    /// <summary>统计员: reports and exports.</summary>
    public const string Statistician = "Statistician";
    /// <summary>系统管理员: users, roles, audit.</summary>
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Leader, Caseworker, StandardsAdmin, Statistician, Admin];

    private static readonly Dictionary<string, Permission[]> Grants = new()
    {
        [Leader] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.ViewRoster, Permission.ViewPayments, Permission.ViewReports],
        // Caseworkers export the lists they keep (花名册 for posting, payment lists), masked unless they ask and it is audited.
        [Caseworker] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.ViewRoster, Permission.EditRoster,
            Permission.ViewPayments, Permission.RunPayments, Permission.RevealSensitive, Permission.ExportReports],
        [StandardsAdmin] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.AdjustStandards],
        [Statistician] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.ViewRoster, Permission.ViewPayments,
            Permission.ViewReports, Permission.ExportReports],
        [Admin] = [Permission.ViewCockpit, Permission.ManageUsers, Permission.ViewAudit],
    };

    public static IReadOnlySet<Permission> PermissionsOf(IEnumerable<string> roles)
    {
        var permissions = new HashSet<Permission>();
        foreach (var role in roles)
            if (Grants.TryGetValue(role, out var granted)) permissions.UnionWith(granted);
        return permissions;
    }

    public static bool Allows(IEnumerable<string> roles, Permission permission) =>
        permission == Permission.SignedIn || PermissionsOf(roles).Contains(permission);
}
