namespace CivilAffairs.Domain.Security;

/// <summary>What a request or a page needs the user to be allowed to do.</summary>
public enum Permission
{
    /// <summary>Any signed-in, enabled user (e.g. changing one's own password).</summary>
    SignedIn = 0,
    ViewCockpit = 1,
    ViewStandards = 2,
    AdjustStandards = 3,
    ViewRoster = 4,
    EditRoster = 5,
    ViewPayments = 6,
    RunPayments = 7,
    ViewReports = 8,
    ExportReports = 9,
    RevealSensitive = 10,
    ManageUsers = 11,
    ViewAudit = 12,
}

/// <summary>Declares the permission a mediator request needs; the permission behavior enforces it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPermissionAttribute(Permission permission) : Attribute
{
    public Permission Permission { get; } = permission;
}
