using Mediator;
using System.Diagnostics;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Infrastructure.Persistence.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Benchmarks;

/// <summary>
/// Generates a roster of <c>scale</c> × the demo roster (36 ≈ 1,000,000 persons in 578,000 households) and times the
/// roster page's queries: the count and the first page of 25, with the filters staff use.
/// </summary>
public static class RosterSearchBenchmark
{
    public static async Task<int> RunAsync(int scale, string? file)
    {
        file ??= Path.Combine(Path.GetTempPath(), $"civil-affairs-bench-{scale}.db");
        var fresh = !File.Exists(file);
        await using var host = await BenchmarkHost.OpenAsync(file);
        if (fresh) await GenerateAsync(host, file, scale);

        await using var scope = await host.ScopeAsync();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var areas = await sender.Send(new ListAreas("431081"), default);
        var township = areas.First(t => t.Name == "三都镇").Id;
        var someone = (await sender.Send(new SearchRoster(new RosterFilter("431081"), PageSize: 1, Page: 12_345), default)).Rows[0];
        string fullId;
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT IdNumber FROM Persons WHERE Id = {someone.PersonId}";
            fullId = (string)(await command.ExecuteScalarAsync())!;
        }

        var filters = new (string Name, RosterFilter Filter, RosterSort Sort, int Page)[]
        {
            ("no filter", new("431081"), RosterSort.Household, 0),
            ("township 三都镇", new("431081", TownshipId: township), RosterSort.Household, 0),
            ("programme 农村低保", new("431081", Programme: Programme.RuralDibao), RosterSort.Household, 0),
            ("tier 农村低保 A类 + township", new("431081", VariantCode: ProgrammeCatalogue.RuralDibaoA, TownshipId: township), RosterSort.Household, 0),
            ("name prefix 王", new("431081", Name: "王"), RosterSort.Household, 0),
            ("name prefix 王建国", new("431081", Name: "王建国"), RosterSort.Household, 0),
            ("ID last 4 digits", new("431081", IdNumber: fullId[^4..]), RosterSort.Household, 0),
            ("ID all 18", new("431081", IdNumber: fullId), RosterSort.Household, 0),
            ("no filter, sorted by name, page 100", new("431081"), RosterSort.Name, 100),
            ("no filter, sorted by age, page 100", new("431081"), RosterSort.Age, 100),
        };
        Console.WriteLine("| filter | matches | first page median ms | p95 ms | exact count median ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, filter, sort, page) in filters.Where(f => Environment.GetEnvironmentVariable("BENCH_ONLY") is not { } only || f.Name == only))
        {
            var matches = 0;
            var (median, p95) = await Timing.MeasureAsync(async () => await sender.Send(new SearchRoster(filter, sort, Page: page), default));
            var (countMedian, _) = await Timing.MeasureAsync(async () => matches = await sender.Send(new CountRoster(filter), default), warmup: 1, runs: 5);
            Console.WriteLine($"| {name} | {matches:N0} | {median:N1} | {p95:N1} | {countMedian:N0} |");
        }
        return 0;
    }

    /// <summary>The roster of <paramref name="scale"/> × the demo, without payments, then ANALYZE (the applications benchmark uses the same file).</summary>
    public static async Task GenerateAsync(BenchmarkHost host, string file, int scale)
    {
        var watch = Stopwatch.StartNew();
        var written = await host.Services.GetRequiredService<DemoRosterSeeder>().SeedAsync(scale,
            new Progress<int>(n => { if (n % 100_000 == 0) Console.WriteLine($"  {n:N0} households…"); }), withPayments: false);
        Console.WriteLine($"generated {written!.Persons:N0} persons in {written.Households:N0} households, {written.Enrollments:N0} enrolments: {watch.Elapsed.TotalSeconds:N1} s");
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }
}
