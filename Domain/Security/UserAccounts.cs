using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Security;

/// <summary>A user account as the administration pages list it.</summary>
public sealed record UserSummary(string Id, string UserName, string DisplayName, bool IsEnabled, IReadOnlyList<string> Roles,
    DateTimeOffset? LockedOutUntil, DateTime CreatedAtUtc, int OpenSessions = 0, string Unit = "");

/// <summary>One open sign-in of a user: when and where it began, when it was last used.</summary>
public sealed record SessionSummary(string Id, DateTime StartedAtUtc, DateTime LastSeenAtUtc, string? Address, string? Client);

/// <summary>
/// The accounts store (ASP.NET Core Identity in Infrastructure). Password rules are enforced there; the
/// errors come back as field errors for the form.
/// </summary>
public interface IUserAccounts
{
    Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default);
    Task<UserSummary?> FindAsync(string userId, CancellationToken ct = default);
    Task<Result<string>> CreateAsync(string userName, string displayName, string unit, string password, IReadOnlyList<string> roles, int? areaId = null, CancellationToken ct = default);
    /// <summary>Enables or disables; disabling ends the user's sessions (new security stamp) and is checked on every request.</summary>
    Task SetEnabledAsync(string userId, bool enabled, CancellationToken ct = default);
    Task<Result> ResetPasswordAsync(string userId, string newPassword, CancellationToken ct = default);
    Task SetRolesAsync(string userId, IReadOnlyList<string> roles, CancellationToken ct = default);
    /// <summary>Sets the name and unit the account shows wherever its work is shown (audited).</summary>
    Task UpdateProfileAsync(string userId, string displayName, string unit, CancellationToken ct = default);
    Task<int> CountEnabledAdministratorsAsync(CancellationToken ct = default);
    /// <summary>The user's open sessions (signed in, not ended, used within the idle limit), newest first.</summary>
    Task<IReadOnlyList<SessionSummary>> ListSessionsAsync(string userId, CancellationToken ct = default);
    /// <summary>Ends one open session of the user, or all of them when <paramref name="sessionId"/> is null; returns how many ended.</summary>
    Task<int> EndSessionsAsync(string userId, string? sessionId, CancellationToken ct = default);
}

/// <summary>The bureau must always keep one enabled administrator, or nobody could manage accounts again.</summary>
public sealed record LastAdministratorCannotBeRemoved(UserSummary Target, bool TargetStaysAdministrator, int EnabledAdministrators)
    : IBusinessRule
{
    public bool IsBroken() =>
        Target.IsEnabled && Target.Roles.Contains(Roles.Admin) && !TargetStaysAdministrator && EnabledAdministrators <= 1;

    public string Message => Messages.Get("LastAdministratorCannotBeRemoved");
}

/// <summary>What a password must be (OWASP ASVS 5.0): long enough, no composition rules, not a common one.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
}
