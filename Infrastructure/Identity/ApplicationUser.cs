using Microsoft.AspNetCore.Identity;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>A member of the bureau's staff who signs in to the dashboard.</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>姓名: shown wherever the pages say who did something.</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>单位: the office the person works in (民政局, a street office, a township's 民政所).</summary>
    public string Unit { get; set; } = "";
    /// <summary>A disabled account cannot sign in and is refused on every request; accounts are never deleted (the audit trail names them).</summary>
    public bool IsDisabled { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>The street/township or community/village the account is kept to; null for the bureau (all of it).</summary>
    public int? AreaScopeId { get; set; }
}
