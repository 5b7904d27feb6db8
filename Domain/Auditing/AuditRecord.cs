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
    /// <summary>An administrator (or a change to the account) ended a user's session.</summary>
    SessionEnded = 15,
    AccessDenied = 20,
    Reveal = 30,
    Export = 31,
    /// <summary>A closed month's seal: the count, sum and keyed hash of its ledger lines, for verify-ledger.</summary>
    MonthSealed = 40,
}

/// <summary>How a record's hash was made: the first trails were plain SHA-256; every record since the key is keyed.</summary>
public enum AuditHashKind
{
    Sha256 = 0,
    HmacSha256 = 1,
}

/// <summary>
/// The secret that keys the audit chain (HMAC-SHA256). It lives outside the database, so rewriting the trail and
/// re-hashing it needs more than access to the database.
/// </summary>
public sealed class AuditKey
{
    private readonly byte[] _secret;

    public AuditKey(byte[] secret)
    {
        if (secret.Length < 32) throw new ArgumentException("An audit key has at least 32 bytes.", nameof(secret));
        _secret = secret.ToArray();
    }

    public string Sign(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(text)));

    /// <summary>An HMAC to feed piece by piece (a month's ledger lines, streamed).</summary>
    public IncrementalHash NewHmac() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);

    public bool Verify(string text, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(text)), Encoding.ASCII.GetBytes(signature));
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
    public AuditHashKind HashKind { get; private set; }

    /// <summary>The hash before the first record.</summary>
    public static readonly string Genesis = new('0', HashLength);

    /// <summary>Places this record after <paramref name="previousHash"/> (or first in the trail) and seals it with the key.</summary>
    public void Chain(long previousSequence, string previousHash, AuditKey key)
    {
        Sequence = previousSequence + 1;
        PreviousHash = previousHash;
        HashKind = AuditHashKind.HmacSha256;
        Hash = key.Sign(Canonical());
    }

    /// <summary>Whether the record's hash is that of its content (with the key, for a keyed record).</summary>
    public bool HasValidHash(AuditKey key) => HashKind switch
    {
        AuditHashKind.HmacSha256 => key.Verify(Canonical(), Hash),
        AuditHashKind.Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical()))) == Hash,
        _ => false,
    };

    private string Canonical()
    {
        // Ticks, not a formatted date: both providers give back the same ticks, not the same DateTimeKind.
        return string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture), TimestampUtc.Ticks.ToString(CultureInfo.InvariantCulture),
            UserName, ((int)Action).ToString(CultureInfo.InvariantCulture), EntityType, EntityKey ?? "", Changes ?? "",
            Reason ?? "", PreviousHash);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
