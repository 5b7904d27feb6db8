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
    /// <summary>受理: record applications and their home visits (村/乡镇经办, and the county).</summary>
    RecordApplications = 13,
    /// <summary>初审 and 公示: the township's review of an application and its posting.</summary>
    ReviewApplications = 14,
    /// <summary>审核确认: the county's decision on an application (or the township's, where entrusted).</summary>
    ApproveApplications = 15,
    /// <summary>临时救助: record a case (the township up to its limit, the county above it) and complete an urgent one.</summary>
    RecordTemporaryAssistance = 16,
}

/// <summary>Declares the permission a mediator request needs; the permission behavior enforces it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPermissionAttribute(Permission permission) : Attribute
{
    public Permission Permission { get; } = permission;
}
