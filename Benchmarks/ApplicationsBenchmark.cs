using System.Diagnostics;
using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Features.Applications;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Benchmarks;

/// <summary>
/// Issue 15's targets at a million persons and 10,000 open applications: each township's queue (the first page of its
/// open files, longest waiting first, with the per-township counts) ≤ 100 ms, and the duplicate check at 受理 ≤ 50 ms.
/// The files are taken, visited and first-reviewed through the mediator, as the pages do, spread over every community.
/// </summary>
public static class ApplicationsBenchmark
{
    private const int Files = 10_000;

    public static async Task<int> RunAsync(int scale)
    {
        var file = Path.Combine(Path.GetTempPath(), $"civil-affairs-bench-{scale}.db");
        var fresh = !File.Exists(file);
        await using var host = await BenchmarkHost.OpenAsync(file);
        if (fresh) await RosterSearchBenchmark.GenerateAsync(host, file, scale);

        await using var scope = await host.ScopeAsync();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var areas = await sender.Send(new ListAreas("431081"), default);
        var communities = areas.SelectMany(t => t.Communities).Select(c => c.Id).ToList();
        var existing = await sender.Send(new ListApplications("431081", PageSize: 1), default);
        if (existing.Total < Files)
        {
            var watch = Stopwatch.StartNew();
            var refused = 0;
            var made = existing.Total;
            // Seeded by what is there, so a second run does not draw the numbers of the first (they would all be refused).
            var random = new Random(15 + existing.Total);
            for (var i = existing.Total; made < Files; i++)
            {
                var members = Enumerable.Range(0, 1 + i % 3).Select(m => new MemberInput
                {
                    Name = $"申请人{i}-{m}", Relationship = m == 0 ? Relationship.Head : Relationship.Child, WorkCapacity = WorkCapacity.Full,
                    IdNumber = IdNumber.Compose("431081", new DateOnly(1931 + random.Next(60), 1 + random.Next(12), 1 + random.Next(28)), random.Next(1, 999)).Value,
                }).ToList();
                var received = await sender.Send(new ReceiveApplication
                {
                    CommunityId = communities[i % communities.Count], Address = $"{i % 40} 组 {i % 97} 号", Residence = Residence.Rural,
                    VariantCode = ProgrammeCatalogue.RuralDibaoB, Documents = "申请书、身份证、户口簿", Members = members,
                }, default);
                if (!received.Succeeded) { refused++; continue; }
                made++;
                // A third waits for the visit, a third for the review, a third for its posting.
                if (i % 3 == 0) continue;
                await sender.Send(new InvestigateApplication { ApplicationId = received.Value, VisitedOn = DateOnly.FromDateTime(DateTime.Today),
                    Visitors = "甲、乙", Findings = "属实", Verification = "无车无房" }, default);
                if (i % 3 == 1) continue;
                await sender.Send(new ReviewApplication(received.Value, true), default);
                if (i % 1000 == 0) Console.WriteLine($"  {i:N0} files…");
            }
            Console.WriteLine($"received {made - existing.Total:N0} files ({refused} refused as duplicates of the roster or of each other): {watch.Elapsed.TotalSeconds:N1} s");
            await ExecuteAsync(file, "ANALYZE");
        }

        var list = await sender.Send(new ListApplications("431081", PageSize: 1), default);
        Console.WriteLine($"{list.Total:N0} open files in {list.Queues.Count} townships");
        Console.WriteLine("| measure | median ms | p95 ms |");
        Console.WriteLine("|---|---:|---:|");
        var medians = new List<double>();
        foreach (var queue in list.Queues)
        {
            var (median, p95) = await Timing.MeasureAsync(async () => await sender.Send(new ListApplications("431081", TownshipId: queue.TownshipId), default));
            medians.Add(median);
            Console.WriteLine($"| queue of {queue.Township} ({queue.Open:N0} open) | {median:N1} | {p95:N1} |");
        }
        var (all, allP95) = await Timing.MeasureAsync(async () => await sender.Send(new ListApplications("431081"), default));
        Console.WriteLine($"| the bureau's whole queue | {all:N1} | {allP95:N1} |");

        // Three numbers: one on the roster, one in an open file, one unknown.
        var onRoster = await ScalarAsync(file, "SELECT IdNumber FROM Persons WHERE Id = (SELECT MAX(Id) / 2 FROM Persons)");
        var applying = await ScalarAsync(file, "SELECT IdNumber FROM ApplicationMembers ORDER BY Id DESC LIMIT 1");
        var unknown = IdNumber.Compose("431081", new DateOnly(1999, 9, 9), 999).Value;
        var (check, checkP95) = await Timing.MeasureAsync(async () =>
            await sender.Send(new CheckApplicants(ProgrammeCatalogue.RuralDibaoA, [onRoster, applying, unknown]), default));
        Console.WriteLine($"| duplicate check at 受理, three numbers | {check:N1} | {checkP95:N1} |");
        Console.WriteLine($"worst township queue median: {medians.Max():N1} ms");

        // 复核 over the same roster: the due list and the cockpit's alerts, which count the overdue reviews.
        var (due, dueP95) = await Timing.MeasureAsync(async () => await sender.Send(new Domain.Features.Reviews.ListReviewsDue("431081"), default), warmup: 1, runs: 5);
        var sandu = list.Queues.First(q => q.Township == "三都镇").TownshipId;
        var (dueTownship, dueTownshipP95) = await Timing.MeasureAsync(async () =>
            await sender.Send(new Domain.Features.Reviews.ListReviewsDue("431081", sandu), default), warmup: 1, runs: 5);
        var (alerts, alertsP95) = await Timing.MeasureAsync(async () => await sender.Send(new Domain.Features.Cockpit.GetCockpitAlerts("431081"), default), warmup: 1, runs: 5);
        Console.WriteLine($"| reviews due, whole bureau | {due:N1} | {dueP95:N1} |");
        Console.WriteLine($"| reviews due, 三都镇 | {dueTownship:N1} | {dueTownshipP95:N1} |");
        Console.WriteLine($"| cockpit alerts (with the overdue reviews) | {alerts:N1} | {alertsP95:N1} |");
        return 0;
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
