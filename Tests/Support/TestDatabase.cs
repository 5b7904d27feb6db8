using CivilAffairs.Dashboard;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Identity;
using CivilAffairs.Infrastructure.Persistence;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilAffairs.Tests.Support;

/// <summary>
/// A real SQLite database file with every migration applied, the reference data seeded and the Development demo
/// accounts (one per role), composed with the same registrations as the app. The first one is built from scratch;
/// the others copy it, since 210,000-iteration password hashing is slow by design.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "civil-affairs-tests");
    private static readonly Lazy<Task<string>> Template = new(BuildTemplateAsync);
    private static readonly Lazy<Task<string>> DemoTemplate = new(BuildDemoTemplateAsync);

    private TestDatabase(string path)
    {
        FilePath = path;
        ConnectionString = $"Data Source={path}";
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        Services = Compose(new ServiceCollection(), testPrincipal: true).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
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
        ["Live:PollMilliseconds"] = "50",
        // The tests of other features adjust standards in one step; the second approval is tested on its own (StandardsProposalTests).
        ["Standards:SecondApproval"] = "false",
    };

    /// <summary>The demo account holding <paramref name="role"/>.</summary>
    public static string UserNameOf(string role) => AccountBootstrapper.DemoAccounts.First(a => a.Role == role).UserName;

    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await Template.Value;
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
        File.Copy(template, path);
        return new TestDatabase(path);
    }

    /// <summary>A copy of a database holding the demo bureau's roster and its closed months (December 2022 to June 2023).</summary>
    public static async Task<TestDatabase> CreateDemoAsync()
    {
        var template = await DemoTemplate.Value;
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
        File.Copy(template, path);
        return new TestDatabase(path);
    }

    private static async Task<string> BuildDemoTemplateAsync()
    {
        var plain = await Template.Value;
        var path = Path.Combine(Folder, $"demo-template-{Guid.NewGuid():N}.db");
        File.Copy(plain, path);
        var db = new TestDatabase(path);
        await db.Services.GetRequiredService<CivilAffairs.Infrastructure.Persistence.Seeding.DemoRosterSeeder>().SeedAsync();
        await using (var context = db.NewContext())
            await context.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        await db.Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        return path;
    }

    private static async Task<string> BuildTemplateAsync()
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"template-{Guid.NewGuid():N}.db");
        var db = new TestDatabase(path);
        await db.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await db.Services.GetRequiredService<AccountBootstrapper>().RunAsync();
        await db.Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        return path;
    }

    /// <summary>Adds the app's core registrations for this database to <paramref name="services"/>.</summary>
    /// <param name="testPrincipal">Use-case tests say who is calling through <see cref="TestPrincipal"/>; bUnit tests through its auth state.</param>
    public IServiceCollection Compose(IServiceCollection services, bool testPrincipal)
    {
        services.AddSingleton(Configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IHostEnvironment>(new TestEnvironment());
        services.AddDashboardCore(Configuration, Path.GetTempPath());
        services.AddSingleton<IClock>(Clock);
        if (testPrincipal)
        {
            services.AddScoped<TestPrincipal>();
            services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestPrincipal>());
        }
        return services;
    }

    /// <summary>Sends a request through the real mediator pipeline in a fresh scope, as the demo user of <paramref name="role"/>.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, string role = Roles.StandardsAdmin)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestPrincipal>().Principal = await PrincipalOfAsync(role);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    public Task<Principal> PrincipalOfAsync(string role) => PrincipalOfUserAsync(UserNameOf(role));

    /// <summary>Sends as a named demo account (e.g. a township's, <c>dongjiang</c>).</summary>
    public async Task<TResponse> SendAsAsync<TResponse>(string userName, IRequest<TResponse> request)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestPrincipal>().Principal = await PrincipalOfUserAsync(userName);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    public async Task<Principal> PrincipalOfUserAsync(string userName)
    {
        await using var context = NewContext();
        var id = await context.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return new Principal(id, userName);
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

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "CivilAffairs.Tests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

/// <summary>Who a use-case test says is calling.</summary>
public sealed class TestPrincipal : ICurrentUser
{
    public Principal Principal { get; set; } = Principal.Anonymous;

    public Task<Principal> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Principal);
}
