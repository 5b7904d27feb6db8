namespace CivilAffairs.Domain.Security;

/// <summary>
/// Who the logins are: every place that shows who did something shows the person's name, with the login beside it
/// (the login is what records keep, because a name can be shared or changed).
/// </summary>
public sealed class StaffNames(IReadOnlyDictionary<string, string> namesByLogin, IReadOnlyDictionary<string, string> loginsById)
{
    public static readonly StaffNames None = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>"张三（caseworker）"; a login of no account (system, a deleted or unknown one) as it is.</summary>
    public string Describe(string? login) =>
        string.IsNullOrEmpty(login) ? "" : Find(login) is { } name && name != login ? $"{name}（{login}）" : login;

    /// <summary>The name alone, for a form's 填报人; the login when the account has no name.</summary>
    public string NameOf(string? login) => string.IsNullOrEmpty(login) ? "" : Find(login) ?? login;

    // A call from another channel records its account as "命令行:login" (logins hold no colon).
    private string? Find(string login)
    {
        var account = login[(login.LastIndexOf(':') + 1)..];
        return namesByLogin.TryGetValue(account, out var name) && name.Length > 0 ? name : null;
    }

    /// <summary>An account's id (as sign-in records name it) described as <see cref="Describe"/> does, or null when no account has it.</summary>
    public string? DescribeId(string? id) => id is not null && loginsById.TryGetValue(id, out var login) ? Describe(login) : null;
}
