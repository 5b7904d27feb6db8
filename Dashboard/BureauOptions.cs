namespace CivilAffairs.Dashboard;

/// <summary>Which jurisdiction this installation serves (Bureau:JurisdictionCode).</summary>
public sealed class BureauOptions
{
    public string JurisdictionCode { get; set; } = "431081";
}
