using CivilAffairs.Infrastructure.Persistence.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilAffairs.Infrastructure.Persistence;

/// <summary>Brings the database to the current migration and adds missing reference data, at start-up.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<DashboardDbContext> contexts, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            EnsureSqliteFolder(db.Database.GetConnectionString());
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) logger.LogInformation("Applying {MigrationCount} migrations", pending.Count);
        await db.Database.MigrateAsync(ct);

        if (db.Database.IsSqlite())
        {
            // WAL lets the cockpit read while a caseworker writes, and several processes share the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await ReferenceDataSeeder.SeedAsync(db, ct);
        logger.LogInformation("Database ready");
    }

    private static void EnsureSqliteFolder(string? connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
