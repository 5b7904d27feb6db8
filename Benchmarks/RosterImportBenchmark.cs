using Mediator;
using System.Diagnostics;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Infrastructure.Persistence.Seeding;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CivilAffairs.Benchmarks;

/// <summary>
/// Writes a workbook of about <c>rows</c> persons from the demo generator, then imports it into an empty database
/// through the real use case (every row checked, one transaction), reporting time and the process's peak memory.
/// </summary>
public static class RosterImportBenchmark
{
    public static async Task<int> RunAsync(int rows)
    {
        var workbook = Path.Combine(Path.GetTempPath(), $"civil-affairs-import-{rows}.xlsx");
        var file = Path.Combine(Path.GetTempPath(), $"civil-affairs-import-{Guid.NewGuid():N}.db");
        var written = 0;
        await using (var stream = File.Create(workbook))
            await stream.SaveAsAsync(Rows(rows, n => written = n));
        Console.WriteLine($"workbook: {written:N0} rows, {new FileInfo(workbook).Length / 1024.0 / 1024.0:N1} MB");

        await using var host = await BenchmarkHost.OpenAsync(file);
        GC.Collect();
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        await using var scope = await host.ScopeAsync();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var watch = Stopwatch.StartNew();
        await using var input = File.OpenRead(workbook);
        var stages = Stopwatch.StartNew();
        var report = await sender.Send(new ImportRoster("431081", input, Path.GetFileName(workbook), Progress: new SyncProgress(p => Console.WriteLine($"  {stages.Elapsed.TotalSeconds,6:N1} s  {p.Stage} {p.Done:N0}/{p.Total:N0}"))), default);
        watch.Stop();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"imported {report.HouseholdsWritten:N0} households / {report.PersonsWritten:N0} persons, {report.Errors.Count} errors: " +
                          $"{watch.Elapsed.TotalSeconds:N1} s; peak working set {process.PeakWorkingSet64 / 1024 / 1024:N0} MB (after start-up {baseline / 1024 / 1024:N0} MB)");
        File.Delete(file);
        return report.HasErrors ? 1 : 0;
    }

    private static IEnumerable<Dictionary<string, object?>> Rows(int target, Action<int> count)
    {
        var villages = new[] { ("三都镇", "流华湾村"), ("蓼江镇", "秀流村"), ("兴宁镇", "碑记村") };
        var communities = new[] { ("东江街道", "东江社区"), ("唐洞街道", "唐洞社区") };
        var n = 0;
        var key = 0;
        foreach (var household in new DemoRoster(scale: 3).Households())
        {
            key++;
            var (township, community) = household.Residence == Domain.Programmes.Residence.Rural
                ? villages[key % villages.Length] : communities[key % communities.Length];
            foreach (var member in household.Members)
            {
                yield return new Dictionary<string, object?>
                {
                    [RosterTemplate.HouseholdKey] = $"H{key:D6}", [RosterTemplate.Township] = township, [RosterTemplate.Community] = community,
                    [RosterTemplate.Address] = household.Address, [RosterTemplate.Residence] = household.Residence == Domain.Programmes.Residence.Rural ? "农村" : "城市",
                    [RosterTemplate.Dibao] = household.DibaoVariant is { } v ? Domain.Programmes.ProgrammeCatalogue.Find(v)!.Name : "",
                    [RosterTemplate.Month] = household.From.ToString(), [RosterTemplate.BankAccount] = household.BankAccount,
                    [RosterTemplate.Name] = member.Draft.Name, [RosterTemplate.IdNumber] = member.Draft.IdNumber,
                    [RosterTemplate.Relationship] = RosterTemplate.Relationships.First(r => r.Value == member.Draft.Relationship).Key,
                    [RosterTemplate.DisabilityCategory] = member.Draft.DisabilityCategory is { } c ? RosterTemplate.Categories.First(x => x.Value == c).Key : "",
                    [RosterTemplate.DisabilityGrade] = member.Draft.DisabilityGrade is { } g ? RosterTemplate.Grades.First(x => x.Value == g).Key : "",
                    [RosterTemplate.Programmes] = string.Join("；", member.Programmes.Select(p => Domain.Programmes.ProgrammeCatalogue.Find(p)!.Name)),
                };
                n++;
            }
            if (n >= target) break;
        }
        count(n);
    }
}

/// <summary>Reports progress on the caller's thread, so the stage timings print in order.</summary>
internal sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}
