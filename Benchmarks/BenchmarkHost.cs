using CivilAffairs.Dashboard;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivilAffairs.Benchmarks;

/// <summary>The app's own composition over a given SQLite file, with an operator account that holds every role.</summary>
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
            // The benchmarks act as a named account through the mediator, as the command line does: bootstrapped on a new database.
            ["Bootstrap:AdminUser"] = OperatorName,
            ["Bootstrap:AdminPassword"] = "Zixing-payments-operator-2026",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // BENCH_SQL=1 prints every SQL command with its duration, to see what a slow query really runs.
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command",
                Environment.GetEnvironmentVariable("BENCH_SQL") == "1" ? LogLevel.Information : LogLevel.Warning));
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "CivilAffairs.Benchmarks" });
        services.AddDashboardCore(configuration, Directory.GetCurrentDirectory());
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await provider.GetRequiredService<AccountBootstrapper>().RunAsync();
        return new BenchmarkHost(provider);
    }

    public const string OperatorName = "benchmark";

    /// <summary>A scope acting as the benchmark's operator account (every role), through the real pipeline.</summary>
    public async Task<AsyncServiceScope> ScopeAsync() =>
        await Operator.ScopeAsync(Services, OperatorName, channel: "基准测试")
        ?? throw new InvalidOperationException($"The database has users but no {OperatorName} account: delete the benchmark's database files.");

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
