using System.Collections.Concurrent;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;

namespace CivilAffairs.Dashboard.Endpoints;

/// <summary>
/// Files a page has prepared (an import's errors, a bank file, a report, a million-row roster) for one download by the
/// user who made them: a file cannot be sent over the circuit, and a large export must not sit in memory. They hold
/// full ID numbers and accounts, so they live in a folder of this instance only its account can read (0700, files
/// 0600), are deleted once downloaded, after <see cref="Lifetime"/>, and at start-up, and the permission they were made
/// under is checked again at download (a user who lost the role gets nothing).
/// </summary>
public sealed class DownloadFiles : IDisposable
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly ConcurrentDictionary<Guid, (string UserName, string FileName, string Path, Permission Requires, DateTimeOffset StoredAt)> _files = new();
    private readonly IClock _clock;
    private readonly Timer _sweep;

    /// <param name="folder">Configured as <c>Downloads:Folder</c>; by default App_Data/downloads under the content root.</param>
    public DownloadFiles(string folder, IClock clock)
    {
        Folder = Path.GetFullPath(folder);
        _clock = clock;
        // Nothing survives a restart: whatever a previous run left is deleted before this one offers anything.
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Folder);
        else Directory.CreateDirectory(Folder, OwnerOnlyFolder);
        _sweep = new Timer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public string Folder { get; }

    /// <summary>A new, empty file only this account can read, to write a download into; register it with <see cref="Store(string, string, string, Permission)"/>.</summary>
    public string NewFile()
    {
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.xlsx");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using (new FileStream(path, options)) { }
        return path;
    }

    public Guid Store(string userName, string fileName, byte[] content, Permission requires)
    {
        var path = NewFile();
        File.WriteAllBytes(path, content);
        return Store(userName, fileName, path, requires);
    }

    public Guid Store(string userName, string fileName, string path, Permission requires)
    {
        Sweep();
        var id = Guid.NewGuid();
        _files[id] = (userName, fileName, path, requires, _clock.Now);
        return id;
    }

    /// <summary>
    /// The file for its user, once: it leaves the list here and is deleted when the response has been sent. Null when
    /// it is another user's, expired, gone, or the user no longer has the permission it was made under.
    /// </summary>
    public (string FileName, string Path)? Take(Guid id, string? userName, Func<Permission, bool> userHas)
    {
        if (!_files.TryGetValue(id, out var file) || file.UserName != userName) return null;
        if (!_files.TryRemove(id, out _)) return null;
        if (_clock.Now - file.StoredAt > Lifetime || !userHas(file.Requires) || !File.Exists(file.Path))
        {
            Delete(file.Path);
            return null;
        }
        return (file.FileName, file.Path);
    }

    public static void Delete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
    }

    /// <summary>Deletes the files past their lifetime.</summary>
    public void Sweep()
    {
        foreach (var (key, value) in _files)
            if (_clock.Now - value.StoredAt > Lifetime && _files.TryRemove(key, out var old)) Delete(old.Path);
    }

    /// <summary>The address a page links to.</summary>
    public static string Link(Guid id) => $"downloads/{id}";

    public void Dispose() => _sweep.Dispose();
}
