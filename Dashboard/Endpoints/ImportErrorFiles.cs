using System.Collections.Concurrent;

namespace CivilAffairs.Dashboard.Endpoints;

/// <summary>
/// Error workbooks of recent imports, kept in memory for half an hour so the page can offer them as a download
/// (a file cannot be sent over the circuit). Only the user who imported may fetch theirs.
/// </summary>
public sealed class ImportErrorFiles
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<Guid, (string UserName, byte[] Content, DateTime StoredUtc)> _files = new();

    public Guid Store(string userName, byte[] content)
    {
        foreach (var (key, value) in _files)
            if (DateTime.UtcNow - value.StoredUtc > Lifetime) _files.TryRemove(key, out _);
        var id = Guid.NewGuid();
        _files[id] = (userName, content, DateTime.UtcNow);
        return id;
    }

    public byte[]? Take(Guid id, string? userName) =>
        _files.TryGetValue(id, out var file) && file.UserName == userName && DateTime.UtcNow - file.StoredUtc <= Lifetime ? file.Content : null;
}
