using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>
/// ASVS 5.0 password checks beyond length: not on the list of common passwords shipped with the app
/// (Identity/common-passwords.txt.gz, over 140,000 entries), not a listed one dressed up with digits and symbols
/// (password12345!), not a run of one character or a keyboard/number sequence, not containing the user name, and
/// outside Development not the demo accounts' password. No composition rules.
/// </summary>
public sealed class CommonPasswordValidator(IHostEnvironment environment) : IPasswordValidator<ApplicationUser>
{
    private static readonly Lazy<HashSet<string>> List = new(Load);
    private static readonly char[] Decoration = "0123456789!@#$%^&*()_+-=.,;:?~`'\"/\\|[]{}<> ".ToCharArray();

    /// <summary>How many passwords the shipped list refuses.</summary>
    public static int ListedCount => List.Value.Count;
    private static readonly string[] Sequences = ["0123456789012345678901234567890", "9876543210987654321098765432109",
        "abcdefghijklmnopqrstuvwxyzabcdefghij", "qwertyuiopasdfghjklzxcvbnmqwertyuiop", "1qaz2wsx3edc4rfv5tgb6yhn7ujm", "zaq12wsxcde34rfvbgt56yhn"];

    public static bool IsCommon(string password)
    {
        var p = password.Trim().ToLowerInvariant();
        if (List.Value.Contains(p)) return true;
        // A listed word with only digits and symbols around it is guessed as early as the word itself.
        var core = p.Trim(Decoration);
        if (core.Length >= 4 && core.Length < p.Length && List.Value.Contains(core)) return true;
        if (p.Distinct().Count() <= 2) return true;
        return Sequences.Any(s => s.Contains(p, StringComparison.Ordinal));
    }

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        var errors = new List<IdentityError>();
        if (string.IsNullOrEmpty(password) || password.Length < PasswordPolicy.MinLength)
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = Messages.Format("PasswordTooShort", PasswordPolicy.MinLength) });
        else if (password.Length > PasswordPolicy.MaxLength)
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = Messages.Format("PasswordTooLong", PasswordPolicy.MaxLength) });
        else if (IsCommon(password) || (!environment.IsDevelopment() && password == AccountBootstrapper.DemoPassword))
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = Messages.Get("PasswordTooCommon") });
        else if (!string.IsNullOrEmpty(user.UserName) && user.UserName.Length >= 3 &&
                 password.Contains(user.UserName, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = Messages.Get("PasswordContainsUserName") });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("common-passwords.txt.gz")
            ?? throw new InvalidOperationException("common-passwords.txt.gz is not embedded.");
        using var unzipped = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(unzipped);
        var set = new HashSet<string>(150_000, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim().ToLowerInvariant());
        return set;
    }
}
