using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CivilAffairs.Infrastructure.Persistence;

/// <summary>The database products the dashboard runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Provider-specific options, shared by the app and the design-time factories.</summary>
public static class DatabaseOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider,
        string connectionString)
    {
        _ = provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString,
                o => o.MigrationsHistoryTable("__EFMigrationsHistory").MaxBatchSize(500)),
            // No retrying execution strategy: saves open their own transaction (rows + audit records together).
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        // The roster counts its matches with Take(n).Count(): the order of the rows counted does not matter there.
        builder.ConfigureWarnings(w => w.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
        return builder;
    }
}
