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

    /// <summary>村（社区）经办: takes applications in one community or village and sees its households.</summary>
    public const string VillageClerk = "VillageClerk";
    /// <summary>乡镇（街道）经办: the township's caseworker (受理, the roster's changes, its lists).</summary>
    public const string TownshipClerk = "TownshipClerk";
    /// <summary>乡镇（街道）审核: the township's 初审 and 公示.</summary>
    public const string TownshipReviewer = "TownshipReviewer";
    /// <summary>县级审批: the county's 审核确认.</summary>
    public const string CountyApprover = "CountyApprover";

    public static IReadOnlyList<string> All { get; } =
        [Leader, Caseworker, StandardsAdmin, Statistician, Admin, VillageClerk, TownshipClerk, TownshipReviewer, CountyApprover];

    private static readonly Dictionary<string, Permission[]> Grants = new()
    {
        [Leader] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.ViewRoster, Permission.ViewPayments, Permission.ViewReports],
        // Caseworkers export the lists they keep (花名册 for posting, payment lists), masked unless they ask and it is audited.
        [Caseworker] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.ViewRoster, Permission.EditRoster,
            Permission.ViewPayments, Permission.RunPayments, Permission.RevealSensitive, Permission.ExportReports, Permission.RecordApplications,
            Permission.RecordTemporaryAssistance],
        [StandardsAdmin] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.AdjustStandards],
        [Statistician] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.ViewRoster, Permission.ViewPayments,
            Permission.ViewReports, Permission.ExportReports],
        [Admin] = [Permission.ViewCockpit, Permission.ManageUsers, Permission.ViewAudit],
        // A village sees its own households and takes applications; the township's summaries are not its to read.
        [VillageClerk] = [Permission.ViewRoster, Permission.RecordApplications],
        [TownshipClerk] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.ViewRoster, Permission.EditRoster,
            Permission.ViewPayments, Permission.ViewReports, Permission.ExportReports, Permission.RevealSensitive, Permission.RecordApplications,
            Permission.RecordTemporaryAssistance],
        [TownshipReviewer] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.ViewRoster, Permission.ViewPayments,
            Permission.ViewReports, Permission.ReviewApplications],
        // The county may take and first-review a file too (a walk-in at the bureau); maker ≠ checker keeps it from approving its own.
        [CountyApprover] = [Permission.ViewCockpit, Permission.ViewStandards, Permission.ViewRoster, Permission.ViewPayments,
            Permission.ViewReports, Permission.RecordApplications, Permission.ReviewApplications, Permission.ApproveApplications],
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
