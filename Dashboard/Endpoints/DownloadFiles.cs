using System.Collections.Concurrent;

namespace CivilAffairs.Dashboard.Endpoints;

/// <summary>
/// Files a page has prepared (an import's errors, a bank file), kept in memory for half an hour so the page can offer
/// them as a download: a file cannot be sent over the circuit. Only the user who made a file may fetch it.
/// </summary>
public sealed class DownloadFiles
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<Guid, (string UserName, string FileName, byte[] Content, DateTime StoredUtc)> _files = new();

    public Guid Store(string userName, string fileName, byte[] content)
    {
        foreach (var (key, value) in _files)
            if (DateTime.UtcNow - value.StoredUtc > Lifetime) _files.TryRemove(key, out _);
        var id = Guid.NewGuid();
        _files[id] = (userName, fileName, content, DateTime.UtcNow);
        return id;
    }

    public (string FileName, byte[] Content)? Take(Guid id, string? userName) =>
        _files.TryGetValue(id, out var file) && file.UserName == userName && DateTime.UtcNow - file.StoredUtc <= Lifetime
            ? (file.FileName, file.Content) : null;

    /// <summary>The address a page links to.</summary>
    public static string Link(Guid id) => $"downloads/{id}";
}
