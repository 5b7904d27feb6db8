using Mediator;
using System.Diagnostics;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Benchmarks;

/// <summary>
/// The monthly statistics workbook and the roster export at a million persons (the payments benchmark's database):
/// the report reads the summaries; the export streams every person into a workbook on disk.
/// </summary>
public static class ReportsBenchmark
{
    public static async Task<int> RunAsync(int scale)
    {
        var file = Path.Combine(Path.GetTempPath(), $"civil-affairs-bench-pay-{scale}.db");
        if (!File.Exists(file)) await PaymentRunBenchmark.RunAsync(scale);
        await using var host = await BenchmarkHost.OpenAsync(file);
        var startup = Process.GetCurrentProcess().PeakWorkingSet64;
        await using var scope = await host.ScopeAsync();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var month = (await sender.Send(new ListPaymentMonths("431081"), default)).LastClosed!.Value;
        var length = 0L;
        var (median, p95) = await Timing.MeasureAsync(async () =>
        {
            using var output = new MemoryStream();
            var result = await sender.Send(new ExportMonthlyReport("431081", month, null, output), default);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
            length = output.Length;
        }, warmup: 2, runs: 15);
        Console.WriteLine($"monthly report {month} (summaries → checks → ClosedXML workbook, {length / 1024:N0} KB): median {median:N0} ms, p95 {p95:N0} ms");

        var path = Path.Combine(Path.GetTempPath(), "civil-affairs-bench-roster-export.xlsx");
        var watch = Stopwatch.StartNew();
        int rows;
        await using (var output = File.Create(path))
        {
            var result = await sender.Send(new ExportRoster(new RosterFilter("431081"), false, output), default);
            rows = result.Value!.Rows;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"roster export: {rows:N0} persons, {new FileInfo(path).Length / 1024 / 1024:N0} MB workbook: {seconds:N1} s; " +
                          $"peak working set of the process {peak / 1024 / 1024:N0} MB (after start-up {startup / 1024 / 1024:N0} MB)");
        File.Delete(path);

        // The writer alone, same rows' shape, no database: what MiniExcel costs for a million rows here.
        watch.Restart();
        await using (var output = File.Create(path))
            scope.ServiceProvider.GetRequiredService<IListWorkbook>().Write(output, "花名册", ListExportHandlers.RosterColumns,
                Enumerable.Range(0, rows).Select(i => (IReadOnlyList<object?>)[i / 2, "三都镇", "流华湾村", "3 组 12 号", "王建国", "户主", "男", "1962-04-08",
                    "4310**********1234", "", "农村低保 A类", "在保"]));
        Console.WriteLine($"  the writer alone ({rows:N0} rows of the same shape, no database): {watch.Elapsed.TotalSeconds:N1} s");
        File.Delete(path);

        // After the export, so its peak working set is its own.
        // Every other form of the month (the 季报 of the last quarter end), and the work summary of the year to date.
        foreach (var form in ReportForms.All.Where(f => f != ReportForm.Monthly))
        {
            var at = form == ReportForm.Quarterly ? month.AddMonths(-(month.Month % 3)) : month;
            var (formMedian, formP95) = await Timing.MeasureAsync(async () =>
            {
                using var output = new MemoryStream();
                var result = await sender.Send(new ExportMonthlyReport("431081", at, null, output, form), default);
                if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
                length = output.Length;
            }, warmup: 1, runs: 9);
            Console.WriteLine($"{ReportForms.Title(form)} {at} ({length / 1024:N0} KB): median {formMedian:N0} ms, p95 {formP95:N0} ms");
        }
        var january = new Domain.Common.YearMonth(month.Year, 1);
        var (summaryMedian, summaryP95) = await Timing.MeasureAsync(async () =>
        {
            using var output = new MemoryStream();
            var result = await sender.Send(new ExportWorkSummary("431081", january, month, null, output), default);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
            length = output.Length;
        }, warmup: 1, runs: 9);
        Console.WriteLine($"work summary {january}—{month} (.docx, {length / 1024:N0} KB): median {summaryMedian:N0} ms, p95 {summaryP95:N0} ms");
        return 0;
    }
}
