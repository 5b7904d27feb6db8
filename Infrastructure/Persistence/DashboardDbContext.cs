using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CivilAffairs.Infrastructure.Persistence;

/// <summary>
/// The dashboard's database. Each provider has a subclass that exists only to key its own migrations
/// (see docs/decisions/002-migrations-per-provider.md); the model is the same.
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<ProgrammeVariant> ProgrammeVariants => Set<ProgrammeVariant>();
    public DbSet<BenefitStandard> BenefitStandards => Set<BenefitStandard>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<YearMonth>().HaveConversion<YearMonthConverter>();
        builder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
            modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // SQLite cannot generate a row version, so the application renews the token on every update;
        // EF compares the original value in the UPDATE's WHERE clause on both providers.
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version = Guid.NewGuid();
            if (entry.State == EntityState.Added && entry.Entity.Version == Guid.Empty) entry.Entity.Version = Guid.NewGuid();
        }
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private sealed class YearMonthConverter() : ValueConverter<YearMonth, int>(m => m.Key, k => YearMonth.FromKey(k));
}

/// <summary>The SQLite flavour of the context, with its migrations in Migrations/Sqlite.</summary>
public sealed class SqliteDashboardDbContext(DbContextOptions<SqliteDashboardDbContext> options) : DashboardDbContext(options);

/// <summary>The SQL Server flavour of the context, with its migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerDashboardDbContext(DbContextOptions<SqlServerDashboardDbContext> options) : DashboardDbContext(options);
