using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Auditing;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Infrastructure;

/// <summary>Registers persistence on the configured provider.</summary>
public static class DependencyInjection
{
    public const string DefaultSqliteConnection = "Data Source=data/civil-affairs.db";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration,
        string contentRoot)
    {
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Database:Provider must be Sqlite or SqlServer, not '{providerName}'.");
        var connectionString = configuration.GetConnectionString("Default");

        string? sqliteFile = null;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqliteConnection, contentRoot);
                sqliteFile = new SqliteConnectionStringBuilder(sqlite).DataSource;
                services.AddDbContextFactory<SqliteDashboardDbContext>(o =>
                    DatabaseOptions.Configure(o, provider, sqlite));
                services.AddSingleton<IDbContextFactory<DashboardDbContext>>(sp =>
                    new UpcastFactory<SqliteDashboardDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteDashboardDbContext>>(), sp.GetRequiredService<AuditKey>()));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("ConnectionStrings:Default is required for SQL Server.");
                services.AddDbContextFactory<SqlServerDashboardDbContext>(o =>
                    DatabaseOptions.Configure(o, provider, connectionString));
                services.AddSingleton<IDbContextFactory<DashboardDbContext>>(sp =>
                    new UpcastFactory<SqlServerDashboardDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerDashboardDbContext>>(), sp.GetRequiredService<AuditKey>()));
                break;
        }

        services.AddSingleton(_ => AuditKeyFile.Load(AuditKeyFile.PathFrom(configuration)));
        var checkpoints = configuration["Security:Audit:CheckpointFile"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, contentRoot)
            : sqliteFile is { Length: > 0 } file && file != ":memory:"
                ? file + ".audit-checkpoints"
                : Path.Combine(contentRoot, "App_Data", "audit-checkpoints.log");
        services.AddSingleton<IAuditCheckpoints>(sp => new AuditCheckpointFile(checkpoints, sp.GetRequiredService<AuditKey>(),
            sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AuditCheckpointFile>>()));
        services.AddHostedService<AuditCheckpointWriter>();
        services.AddScoped<IDataSessionFactory, DataSessionFactory>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<Persistence.Seeding.DemoPaymentHistory>();
        services.AddSingleton<Persistence.Seeding.DemoRosterSeeder>();
        services.AddSingleton<Domain.Features.Roster.IDemoRoster>(sp => sp.GetRequiredService<Persistence.Seeding.DemoRosterSeeder>());
        services.AddSingleton<Domain.Features.Roster.IRosterBulkWriter, Persistence.Seeding.RosterBulkWriter>();
        services.AddSingleton<Domain.Payments.IPaymentRun, Payments.PaymentRun>();
        services.AddSingleton<Live.ChangeCounterWatcher>();
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<Live.ChangeCounterWatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<Live.ChangeCounterWatcher>());
        services.AddSingleton<Domain.Payments.IBankDisbursement, Payments.BankDisbursement>();
        services.AddSingleton<Domain.Features.Reports.IMonthlyReportWorkbook, Excel.MonthlyReportWorkbook>();
        services.AddSingleton<Domain.Features.Reports.IWorkSummaryDocument, Word.WorkSummaryDocument>();
        services.AddSingleton<Domain.Features.Reports.IListWorkbook, Excel.ListWorkbook>();
        services.AddSingleton<Domain.Features.Applications.IPostingWorkbook, Excel.PostingWorkbook>();
        services.AddSingleton<Domain.Features.Monitoring.IRecordFile, Monitoring.RecordFile>();
        // Identity's stores take a scoped context; only per-call scopes (sign-in request, UserAccounts) resolve it.
        services.AddScoped<DashboardDbContext>(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.AddIdentityStores(configuration);
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.Configure<Excel.WorkbookLimits>(configuration.GetSection("Import:Limits"));
        services.AddSingleton<Domain.Features.Roster.IRosterWorkbook, Excel.RosterWorkbook>();
        services.AddDataProtection().SetApplicationName("CivilAffairs.Dashboard");
        services.AddOptions<KeyManagementOptions>().Configure<IDbContextFactory<DashboardDbContext>>(
            (options, contexts) => options.XmlRepository = new DatabaseKeyRepository(contexts));
        return services;
    }

    private static void AddIdentityStores(this IServiceCollection services, IConfiguration configuration)
    {
        var lockout = configuration.GetSection("Security:Lockout");
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                // ASVS 5.0: length, not composition; the common-password list is a validator of its own.
                // Identity's own length message is English only; CommonPasswordValidator states the length in Chinese.
                o.Password.RequiredLength = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = lockout.GetValue("MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(lockout.GetValue("Minutes", 15));
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager<AccountSignIn>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<DashboardClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();
        // Identity's default of 100,000 PBKDF2 iterations is below OWASP ASVS 5.0 (210,000 for HMAC-SHA512).
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.AddScoped<IUserAccounts, UserAccounts>();
        services.AddSingleton<IUserDirectory, UserDirectory>();
        services.AddSingleton<AccountSignals>();
        services.AddSingleton<AccountGate>();
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<IPasswordConfirmations, PasswordConfirmations>();
        services.Configure<SignInLifetime>(configuration.GetSection("Security:Session"));
        services.AddSingleton<AccountBootstrapper>();
    }

    /// <summary>A relative SQLite file is placed under the app's content root, not wherever the shell happens to be.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        return builder.ToString();
    }

    private sealed class UpcastFactory<T>(IDbContextFactory<T> inner, AuditKey key) : IDbContextFactory<DashboardDbContext>
        where T : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext()
        {
            var context = inner.CreateDbContext();
            context.AuditKey = key;
            return context;
        }
    }
}
