using CivilAffairs.Dashboard;
using CivilAffairs.Domain.Common;
using CivilAffairs.Infrastructure.Persistence;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilAffairs.Tests.Support;

/// <summary>
/// A real SQLite database file with every migration applied and the reference data seeded, composed with the
/// same registrations as the app. Each instance is a new file, deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string path)
    {
        FilePath = path;
        ConnectionString = $"Data Source={path};Pooling=False";
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        Services = Compose(new ServiceCollection()).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public string FilePath { get; }
    public string ConnectionString { get; }
    public IConfiguration Configuration { get; }
    public ServiceProvider Services { get; }
    public FixedClock Clock { get; } = new(FixedClock.November2026);

    public Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:Default"] = ConnectionString,
        ["Database:Provider"] = "Sqlite",
        ["Bureau:JurisdictionCode"] = "431081",
    };

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "civil-affairs-tests");
        Directory.CreateDirectory(folder);
        var db = new TestDatabase(Path.Combine(folder, $"{Guid.NewGuid():N}.db"));
        await db.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return db;
    }

    /// <summary>Adds the app's core registrations for this database to <paramref name="services"/>.</summary>
    public IServiceCollection Compose(IServiceCollection services)
    {
        services.AddSingleton(Configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddDashboardCore(Configuration, Path.GetTempPath());
        services.AddSingleton<IClock>(Clock);
        return services;
    }

    /// <summary>Sends a request through the real mediator pipeline in a fresh scope, as one page would.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    /// <summary>A context for arranging and inspecting data directly, outside the use cases.</summary>
    public DashboardDbContext NewContext() =>
        Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(FilePath + suffix)) File.Delete(FilePath + suffix);
    }
}
