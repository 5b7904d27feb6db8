using CivilAffairs.Domain.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Support;

/// <summary>
/// The real dashboard (Program.cs as it runs) on Kestrel at a free loopback port, over its own SQLite file,
/// for browser and HTTP tests.
/// </summary>
public sealed class DashboardHost : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;

    /// <param name="databaseFile">A file shared with another host (a restart, a second instance); left in place on dispose.</param>
    public DashboardHost(string? databaseFile = null)
    {
        _ownsDatabase = databaseFile is null;
        DatabaseFile = databaseFile ?? Path.Combine(Path.GetTempPath(), "civil-affairs-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
    }

    /// <summary>Development by default: it serves static assets from the build output (stack notes) and creates the demo accounts.</summary>
    public string Environment { get; init; } = "Development";

    public string DatabaseFile { get; }
    public FixedClock Clock { get; } = new(FixedClock.November2026);
    public Dictionary<string, string> Settings { get; } = new();

    public string BaseAddress { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabaseFile}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // The tests arrange their own roster; the demo roster is tested on its own.
        builder.UseSetting("Demo:SeedRoster", "false");
        // One-step adjustments, as TestDatabase; the second approval has its own tests.
        builder.UseSetting("Standards:SecondApproval", "false");
        // Each host its own download folder: a host deletes what its folder holds when it starts.
        builder.UseSetting("Downloads:Folder", DatabaseFile + ".downloads");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IClock>(Clock));
    }

    /// <summary>Starts Kestrel and returns the address a browser can open.</summary>
    public string Start()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        return BaseAddress;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_ownsDatabase) return;
        if (Directory.Exists(DatabaseFile + ".downloads")) Directory.Delete(DatabaseFile + ".downloads", recursive: true);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(DatabaseFile + suffix)) File.Delete(DatabaseFile + suffix);
    }
}
