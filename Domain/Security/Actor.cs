namespace CivilAffairs.Domain.Security;

/// <summary>Who the transport (a circuit, a request, the command line) says is calling.</summary>
/// <param name="Channel">Where the call comes from when not the web (命令行): the audit trail names it before the account.</param>
/// <param name="SessionId">The web sign-in the call belongs to; none for the command line and arrangers.</param>
public sealed record Principal(string? UserId, string UserName, string? Channel = null, string? SessionId = null)
{
    public bool IsAuthenticated => UserId is not null;
    public static Principal Anonymous { get; } = new(null, "匿名");
}

/// <summary>The caller as the database knows them now: enabled or not, and their roles.</summary>
/// <param name="Scope">The street/township or community/village the account is limited to; null for the whole jurisdiction.</param>
public sealed record UserStanding(string UserId, string UserName, bool IsEnabled, IReadOnlyList<string> Roles, AreaScope? Scope = null);

/// <summary>Tells who is calling; the dashboard implements it from the circuit or the HTTP request.</summary>
public interface ICurrentUser
{
    Task<Principal> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>Reads a user's current standing; checked on every request, so disabling or a role change applies at once.</summary>
public interface IUserDirectory
{
    Task<UserStanding?> FindAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Every account's name, for showing who did something.</summary>
    Task<StaffNames> NamesAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The verified caller of the request in progress, set by the permission behavior before any handler runs and
/// read by handlers and by the audit trail.
/// </summary>
public sealed class Actor
{
    public const string SystemName = "system";

    public string UserName { get; private set; } = SystemName;
    public string? UserId { get; private set; }
    public IReadOnlyList<string> Roles { get; private set; } = [];
    /// <summary>The area the caller works in; null for the bureau (and the system).</summary>
    public AreaScope? Scope { get; private set; }

    public void Become(UserStanding standing)
    {
        UserId = standing.UserId;
        UserName = standing.UserName;
        Roles = standing.Roles;
        Scope = standing.Scope;
    }

    public bool Can(Permission permission) => Security.Roles.Allows(Roles, permission);
}

/// <summary>Thrown when a request is refused for want of a permission; the message is for the user.</summary>
public sealed class PermissionDeniedException(string message) : Exception(message);
