using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CivilAffairs.Domain.Auditing;

/// <summary>What an audit record tells happened.</summary>
public enum AuditAction
{
    Create = 1,
    Update = 2,
    Delete = 3,
    SignIn = 10,
    SignInFailed = 11,
    LockedOut = 12,
    SignOut = 13,
    PasswordChanged = 14,
    AccessDenied = 20,
    Reveal = 30,
    Export = 31,
}

/// <summary>One field's value before and after a write.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>An event to record that is not a row written by a use case (sign-in, refusal, reveal).</summary>
public sealed record AuditEvent(AuditAction Action, string UserName, string EntityType, string? EntityKey, string? Reason);

/// <summary>
/// One line of the append-only audit trail. Each carries the hash of the one before it, so an edited or removed
/// row breaks the chain where it was touched.
/// </summary>
public sealed class AuditRecord
{
    public const int UserNameMaxLength = 100;
    public const int EntityTypeMaxLength = 100;
    public const int EntityKeyMaxLength = 200;
    public const int ReasonMaxLength = 500;
    public const int HashLength = 64;

    private AuditRecord() { }

    public AuditRecord(DateTime timestampUtc, string userName, AuditAction action, string entityType, string? entityKey,
        string? changes, string? reason)
    {
        TimestampUtc = timestampUtc;
        UserName = Truncate(userName, UserNameMaxLength)!;
        Action = action;
        EntityType = Truncate(entityType, EntityTypeMaxLength)!;
        EntityKey = Truncate(entityKey, EntityKeyMaxLength);
        Changes = changes;
        Reason = Truncate(reason, ReasonMaxLength);
    }

    public long Id { get; private set; }
    /// <summary>1, 2, 3, … with no gaps: a missing number is a deleted row.</summary>
    public long Sequence { get; private set; }
    public DateTime TimestampUtc { get; private set; }
    public string UserName { get; private set; } = "";
    public AuditAction Action { get; private set; }
    public string EntityType { get; private set; } = "";
    public string? EntityKey { get; private set; }
    /// <summary>Field-level old → new values as JSON, for writes.</summary>
    public string? Changes { get; private set; }
    public string? Reason { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>The hash before the first record.</summary>
    public static readonly string Genesis = new('0', HashLength);

    /// <summary>Places this record after <paramref name="previous"/> (or first in the trail) and seals it.</summary>
    public void Chain(long previousSequence, string previousHash)
    {
        Sequence = previousSequence + 1;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public string ComputeHash()
    {
        // Ticks, not a formatted date: both providers give back the same ticks, not the same DateTimeKind.
        var canonical = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture), TimestampUtc.Ticks.ToString(CultureInfo.InvariantCulture),
            UserName, ((int)Action).ToString(CultureInfo.InvariantCulture), EntityType, EntityKey ?? "", Changes ?? "",
            Reason ?? "", PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
