using System.Collections.Concurrent;

namespace CivilAffairs.Dashboard.Endpoints;

/// <summary>
/// Files a page has prepared (an import's errors, a bank file, a report, a million-row roster), kept on disk for half an
/// hour so the page can offer them as a download: a file cannot be sent over the circuit, and a large export must not
/// sit in memory. Only the user who made a file may fetch it.
/// </summary>
public sealed class DownloadFiles
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "civil-affairs-downloads");
    private readonly ConcurrentDictionary<Guid, (string UserName, string FileName, string Path, DateTime StoredUtc)> _files = new();

    /// <summary>A new file to write a download into; register it with <see cref="Store(string, string, string)"/> once written.</summary>
    public static string NewFile()
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{Guid.NewGuid():N}.xlsx");
    }

    public Guid Store(string userName, string fileName, byte[] content)
    {
        var path = NewFile();
        File.WriteAllBytes(path, content);
        return Store(userName, fileName, path);
    }

    public Guid Store(string userName, string fileName, string path)
    {
        foreach (var (key, value) in _files)
            if (DateTime.UtcNow - value.StoredUtc > Lifetime && _files.TryRemove(key, out var old)) File.Delete(old.Path);
        var id = Guid.NewGuid();
        _files[id] = (userName, fileName, path, DateTime.UtcNow);
        return id;
    }

    public (string FileName, string Path)? Take(Guid id, string? userName) =>
        _files.TryGetValue(id, out var file) && file.UserName == userName && DateTime.UtcNow - file.StoredUtc <= Lifetime && File.Exists(file.Path)
            ? (file.FileName, file.Path) : null;

    /// <summary>The address a page links to.</summary>
    public static string Link(Guid id) => $"downloads/{id}";
}
