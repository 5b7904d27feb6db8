namespace CivilAffairs.Infrastructure.Auditing;

/// <summary>A Data Protection key ring entry, kept in the database so restarts and other instances can read cookies.</summary>
public sealed class DataProtectionKeyRecord
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}
