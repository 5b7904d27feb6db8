using System.Net;
using CivilAffairs.Dashboard.Endpoints;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Security;

/// <summary>
/// The probe found full-ID exports world-readable in a shared temp folder, kept across restarts (28,211 ID numbers in
/// one file) and downloadable after the user lost the role. Each of those, replayed.
/// </summary>
public sealed class DownloadFilesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "civil-affairs-tests", $"downloads-{Guid.NewGuid():N}");
    private readonly FixedClock _clock = new(FixedClock.November2026);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes: the bureau's servers and CI run Linux
    public void Files_are_private_to_the_instance_s_account_and_its_folder_too()
    {
        using var files = new DownloadFiles(_folder, _clock);
        var path = files.NewFile();
        File.WriteAllText(path, "110101199003078515");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/') + "/civil-affairs-downloads", path);
    }

    [Fact]
    public void A_restart_deletes_what_the_last_run_left()
    {
        string left;
        using (var before = new DownloadFiles(_folder, _clock))
        {
            left = before.NewFile();
            before.Store("statistician", "花名册.xlsx", left, Permission.ViewRoster);
        }

        using var after = new DownloadFiles(_folder, _clock);
        Assert.False(File.Exists(left));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_file_is_given_once_to_its_user_while_they_hold_the_permission_and_not_after_its_lifetime()
    {
        using var files = new DownloadFiles(_folder, _clock);
        var once = files.Store("caseworker", "名单.xlsx", [1, 2, 3], Permission.ViewRoster);
        Assert.Null(files.Take(once, "leader", _ => true));
        Assert.NotNull(files.Take(once, "caseworker", _ => true));
        Assert.Null(files.Take(once, "caseworker", _ => true));

        var lostRole = files.Store("caseworker", "名单.xlsx", [1, 2, 3], Permission.RevealSensitive);
        Assert.Null(files.Take(lostRole, "caseworker", p => p != Permission.RevealSensitive));

        var late = files.Store("caseworker", "名单.xlsx", [1, 2, 3], Permission.ViewRoster);
        _clock.Now += DownloadFiles.Lifetime + TimeSpan.FromSeconds(1);
        files.Sweep();
        Assert.Null(files.Take(late, "caseworker", _ => true));
        // Refused, expired and lost files are deleted, not only forgotten; the one given out is deleted by the endpoint.
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task The_download_checks_the_permission_again_and_deletes_the_file_after_sending_it()
    {
        await using var host = new DashboardHost();
        using var client = await SignIn.ClientAsync(host, "caseworker");
        var files = host.Services.GetRequiredService<DownloadFiles>();
        Assert.StartsWith(host.DatabaseFile, files.Folder);

        var allowed = files.Store("caseworker", "名单.xlsx", [1, 2, 3], Permission.ViewRoster);
        var path = Directory.GetFiles(files.Folder).Single();
        var response = await client.GetAsync("/" + DownloadFiles.Link(allowed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([1, 2, 3], await response.Content.ReadAsByteArrayAsync());
        Assert.False(File.Exists(path));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/" + DownloadFiles.Link(allowed))).StatusCode);

        // Made under a permission the caseworker's roles do not grant (as after losing a role): nothing.
        var withheld = files.Store("caseworker", "审计日志.xlsx", [4, 5, 6], Permission.ViewAudit);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/" + DownloadFiles.Link(withheld))).StatusCode);
        Assert.Empty(Directory.GetFiles(files.Folder));
    }
}
