using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Security;

/// <summary>
/// A request that may show full ID numbers. Over the web it needs the password given in this session recently
/// (Security:Session:ConfirmPasswordMinutes): a page left open, or a borrowed desk, cannot reveal them by a click.
/// </summary>
public interface IRevealsSensitiveData
{
    bool RevealsFullIdNumbers { get; }
}

/// <summary>The caller's session: did it give its password recently, and giving it now.</summary>
public interface IPasswordConfirmations
{
    Task<bool> IsRecentAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Checks the password (a wrong one counts toward the lockout) and, when right, notes it on the session.</summary>
    Task<PasswordCheck> ConfirmAsync(string userId, string sessionId, string password, CancellationToken cancellationToken = default);
}

/// <summary>What giving the password again came to.</summary>
public enum PasswordCheck { Confirmed, Wrong, LockedOut }

/// <summary>Thrown (for requests that answer with data, not a result) when the password must be given again first.</summary>
public sealed class PasswordConfirmationRequiredException() : Exception(Messages.Get("PasswordConfirmationRequired"))
{
    /// <summary>The rule of a result's error that only asks for the password again.</summary>
    public const string Rule = "PasswordConfirmationRequired";
}
