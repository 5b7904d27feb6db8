using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CivilAffairs.Infrastructure.Persistence;

/// <summary>Lets dotnet-ef build the SQLite context without the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDashboardDbContext>
{
    public SqliteDashboardDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteDashboardDbContext>();
        DatabaseOptions.Configure(builder, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new SqliteDashboardDbContext(builder.Options);
    }
}

/// <summary>Lets dotnet-ef build the SQL Server context and script it without a server.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerDashboardDbContext>
{
    public SqlServerDashboardDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqlServerDashboardDbContext>();
        DatabaseOptions.Configure(builder, DatabaseProvider.SqlServer,
            "Server=(design-time);Database=CivilAffairs;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerDashboardDbContext(builder.Options);
    }
}
