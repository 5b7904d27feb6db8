namespace CivilAffairs.Infrastructure.Identity;

/// <summary>
/// One sign-in of one browser, kept on the server so that sign-out, an administrator or the idle limit can end it:
/// the cookie names its session, and a cookie whose session has ended opens nothing, even if it was copied before.
/// </summary>
public sealed class SignInSession
{
    public const int IdLength = 32;
    public const int AddressMaxLength = 45;
    public const int ClientMaxLength = 200;
    public const int EndReasonMaxLength = 100;
    /// <summary>How long a session's row is kept after it started (the audit trail keeps the sign-ins for ever).</summary>
    public const int KeptDays = 366;

    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime StartedAtUtc { get; set; }
    /// <summary>The last request or action of the user on a page; the idle limit counts from here.</summary>
    public DateTime LastSeenAtUtc { get; set; }
    /// <summary>When the password was last given in this session: at sign-in, or to confirm a sensitive action.</summary>
    public DateTime PasswordConfirmedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
    public string? EndReason { get; set; }
    public string? Address { get; set; }
    public string? Client { get; set; }
}
