using CivilAffairs.Infrastructure.Persistence;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Mapster;

namespace CivilAffairs.Tests.Persistence;

/// <summary>Both providers' migrations match the model, and start-up migrates and seeds idempotently.</summary>
public class MigrationTests
{
    [Fact]
    public void The_SQLite_migrations_have_no_pending_model_changes()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(context.Database.HasPendingModelChanges(),
            "Run: dotnet ef migrations add <Name> --project Infrastructure --context SqliteDashboardDbContext --output-dir Persistence/Migrations/Sqlite");
    }

    [Fact]
    public void The_SQL_Server_migrations_have_no_pending_model_changes()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(context.Database.HasPendingModelChanges(),
            "Run: dotnet ef migrations add <Name> --project Infrastructure --context SqlServerDashboardDbContext --output-dir Persistence/Migrations/SqlServer");
    }

    [Fact]
    public void Each_provider_has_its_own_migrations_with_the_same_names()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var sqliteMigrations = sqlite.GetService<IMigrationsAssembly>().Migrations.Keys.Select(k => k[15..]).ToList();
        var sqlServerMigrations = sqlServer.GetService<IMigrationsAssembly>().Migrations.Keys.Select(k => k[15..]).ToList();
        Assert.NotEmpty(sqliteMigrations);
        Assert.Equal(sqliteMigrations, sqlServerMigrations);
    }

    [Fact]
    public void The_SQL_Server_script_is_generated_without_a_server()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [BenefitStandards]", script);
        Assert.Contains("decimal(18,2)", script);
    }

    [Fact]
    public void The_standards_query_translates_for_SQL_Server()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var mapping = CivilAffairs.Domain.DependencyInjection.CreateMappingConfig();
        var sql = context.BenefitStandards.Where(s => s.JurisdictionId == 1 && s.VariantCode == "RURAL_DIBAO_A")
            .OrderByDescending(s => s.EffectiveFrom)
            .ProjectToType<StandardVersionDto>(mapping)
            .ToQueryString();
        Assert.Contains("INNER JOIN [ProgrammeVariants]", sql);
        Assert.Contains("ORDER BY [b].[EffectiveFrom] DESC", sql);
    }

    [Fact]
    public async Task Restarting_migrates_nothing_and_seeds_nothing_twice()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var context = db.NewContext())
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        }
        async Task<(int Areas, int Variants, int Standards)> Count()
        {
            await using var context = db.NewContext();
            return (await context.Areas.CountAsync(), await context.ProgrammeVariants.CountAsync(), await context.BenefitStandards.CountAsync());
        }
        var before = await Count();

        await db.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await db.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        Assert.Equal(before, await Count());
        Assert.Equal(16, before.Variants);
        Assert.Equal(30, before.Standards);
        Assert.True(before.Areas > 40);
    }

    [Fact]
    public async Task The_demo_bureau_has_townships_with_communities_under_them()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.NewContext();
        var zixing = await context.Areas.SingleAsync(a => a.Code == "431081");
        var townships = await context.Areas.Where(a => a.ParentId == zixing.Id).ToListAsync();
        Assert.Contains(townships, t => t.Name == "东江街道");
        Assert.Contains(townships, t => t.Name == "三都镇");
        foreach (var township in townships)
            Assert.True(await context.Areas.CountAsync(a => a.ParentId == township.Id) >= 2, township.Name);
    }
}
