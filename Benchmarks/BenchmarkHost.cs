using CivilAffairs.Dashboard;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivilAffairs.Benchmarks;

/// <summary>The app's own composition over a given SQLite file, with a caller who holds every role.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    private BenchmarkHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public static async Task<BenchmarkHost> OpenAsync(string file)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={file}",
            ["Database:Provider"] = "Sqlite",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // BENCH_SQL=1 prints every SQL command with its duration, to see what a slow query really runs.
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command",
                Environment.GetEnvironmentVariable("BENCH_SQL") == "1" ? LogLevel.Information : LogLevel.Warning));
        services.AddDashboardCore(configuration, Directory.GetCurrentDirectory());
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return new BenchmarkHost(provider);
    }

    /// <summary>A scope whose actor may do everything, as the command line acts.</summary>
    public AsyncServiceScope Scope()
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Become(new UserStanding("benchmark", "benchmark", true, Roles.All));
        return scope;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
