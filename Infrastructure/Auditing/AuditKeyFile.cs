using System.Security.Cryptography;
using CivilAffairs.Domain.Auditing;
using Microsoft.Extensions.Configuration;

namespace CivilAffairs.Infrastructure.Auditing;

/// <summary>
/// The audit key's file (Security:Audit:KeyFile): 32 random bytes, readable by the service account only, made on
/// first use. By default it sits in the service account's own application data, not beside the database, so a copy
/// of the database does not carry it; the bureau points the setting at wherever it keeps secrets.
/// </summary>
public static class AuditKeyFile
{
    public static string PathFrom(IConfiguration configuration) =>
        configuration["Security:Audit:KeyFile"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "CivilAffairs", "audit.key");

    public static AuditKey Load(string path)
    {
        if (!File.Exists(path)) Create(path);
        var text = File.ReadAllText(path).Trim();
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"审计密钥文件 {path} 的内容不是有效的密钥。");
        }
        return new AuditKey(secret);
    }

    private static void Create(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        // Written whole under a temporary name, then moved: a process starting at the same moment reads either no
        // file or the whole key, and only one key wins.
        var temporary = Path.Combine(folder, $".audit-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
