using CivilAffairs.Domain.Common;
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

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqliteConnection, contentRoot);
                services.AddDbContextFactory<SqliteDashboardDbContext>(o =>
                    DatabaseOptions.Configure(o, provider, sqlite));
                services.AddSingleton<IDbContextFactory<DashboardDbContext>>(sp =>
                    new UpcastFactory<SqliteDashboardDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteDashboardDbContext>>()));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("ConnectionStrings:Default is required for SQL Server.");
                services.AddDbContextFactory<SqlServerDashboardDbContext>(o =>
                    DatabaseOptions.Configure(o, provider, connectionString));
                services.AddSingleton<IDbContextFactory<DashboardDbContext>>(sp =>
                    new UpcastFactory<SqlServerDashboardDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerDashboardDbContext>>()));
                break;
        }

        services.AddSingleton<IDataSessionFactory, DataSessionFactory>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>A relative SQLite file is placed under the app's content root, not wherever the shell happens to be.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        return builder.ToString();
    }

    private sealed class UpcastFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<DashboardDbContext>
        where T : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
