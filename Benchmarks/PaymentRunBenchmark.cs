using Mediator;
using System.Diagnostics;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Infrastructure.Persistence.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Benchmarks;

/// <summary>
/// Computes and closes payment months over the roster benchmark's million persons (a copy of its database), then
/// times the floor: a plain prepared INSERT of as many rows into SQLite, in one transaction, in the same run.
/// </summary>
public static class PaymentRunBenchmark
{
    public static async Task<int> RunAsync(int scale)
    {
        var roster = Path.Combine(Path.GetTempPath(), $"civil-affairs-bench-{scale}.db");
        if (!File.Exists(roster))
        {
            await using var generator = await BenchmarkHost.OpenAsync(roster);
            await generator.Services.GetRequiredService<DemoRosterSeeder>().SeedAsync(scale, withPayments: false);
        }
        var file = Path.Combine(Path.GetTempPath(), $"civil-affairs-bench-pay-{scale}.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        SqliteConnection.ClearAllPools();
        File.Copy(roster, file);

        await using var host = await BenchmarkHost.OpenAsync(file);
        var startup = Process.GetCurrentProcess().PeakWorkingSet64;
        await using var scope = await host.ScopeAsync();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        async Task<(double Seconds, PaymentRunResult Run)> Time(Func<Task<Result<PaymentRunOutcome>>> run)
        {
            var watch = Stopwatch.StartNew();
            var result = await run();
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
            return (watch.Elapsed.TotalSeconds, result.Value!.Run);
        }

        Console.WriteLine($"roster: {file} (copy of the roster benchmark's database, scale {scale})");
        var may = new YearMonth(2023, 5);
        var june = new YearMonth(2023, 6);
        var (c1, r1) = await Time(async () => await sender.Send(new ComputePaymentMonth { JurisdictionCode = "431081", Month = may }, default));
        Console.WriteLine($"compute {may} (first month, every line new): {r1.Totals.Lines:N0} lines, {r1.Totals.Paid:N2} yuan: {c1:N1} s");
        var (k1, _) = await Time(async () => await sender.Send(new ClosePaymentMonth { JurisdictionCode = "431081", Month = may }, default));
        Console.WriteLine($"close {may} (preview current, lock only): {k1:N1} s");

        var steps = Stopwatch.StartNew();
        var (c2, r2) = await Time(async () => await sender.Send(new ComputePaymentMonth
        {
            JurisdictionCode = "431081", Month = june,
            Progress = new Steps(step => Console.WriteLine($"  {steps.Elapsed.TotalSeconds,6:N1} s  {step}")),
        }, default));
        Console.WriteLine($"compute {june} (against last month): {r2.Totals.Lines:N0} lines, {r2.Totals.Paid:N2} yuan: {c2:N1} s");
        var (k2, _) = await Time(async () => await sender.Send(new ClosePaymentMonth { JurisdictionCode = "431081", Month = june }, default));
        Console.WriteLine($"close {june}: {k2:N1} s  →  compute and close one month: {c2 + k2:N1} s");

        var july = new YearMonth(2023, 7);
        var (k3, r3) = await Time(async () => await sender.Send(new ClosePaymentMonth { JurisdictionCode = "431081", Month = july, ComputeFirst = true }, default));
        Console.WriteLine($"close {july} never previewed (close-month verb: computes, then closes in one transaction): {r3.Totals.Lines:N0} lines: {k3:N1} s");
        // On to a year of history, so the last close is measured against a ledger of twelve months.
        var month = july.Next;
        for (var closed = 3; closed < 12; closed++, month = month.Next)
        {
            var (k, r) = await Time(async () => await sender.Send(new ClosePaymentMonth { JurisdictionCode = "431081", Month = month, ComputeFirst = true }, default));
            Console.WriteLine($"close {month} never previewed, {closed} months of ledger before it: {r.Totals.Lines:N0} lines: {k:N1} s");
        }
        var last = month;
        var (c12, r12) = await Time(async () => await sender.Send(new ComputePaymentMonth { JurisdictionCode = "431081", Month = last }, default));
        var (k12, _) = await Time(async () => await sender.Send(new ClosePaymentMonth { JurisdictionCode = "431081", Month = last }, default));
        Console.WriteLine($"compute {last} with twelve months of ledger before it: {r12.Totals.Lines:N0} lines: {c12:N1} s; close: {k12:N1} s  →  {c12 + k12:N1} s");
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"peak working set of the runs {peak / 1024 / 1024:N0} MB (after start-up {startup / 1024 / 1024:N0} MB)");

        var floor = await FloorAsync(file, r2.Totals.Lines);
        Console.WriteLine($"floor: prepared INSERT of {r2.Totals.Lines:N0} rows (same columns, no index) in one transaction: {floor:N1} s");
        Console.WriteLine($"compute and close {june} / floor = {(c2 + k2) / floor:N2}×; compute and close {last} / floor = {(c12 + k12) / floor:N2}×");

        // The independent check over everything closed: the same work the model-based test does after each close.
        var verify = Stopwatch.StartNew();
        var ledger = await sender.Send(new VerifyLedger("431081"));
        Console.WriteLine($"verify-ledger over {ledger.MonthsChecked} closed months ({ledger.LinesChecked:N0} regular lines): {verify.Elapsed.TotalSeconds:N1} s, " +
                          (ledger.Agrees ? "agrees" : $"{ledger.Differences.Count:N0} differences, first: {ledger.Differences[0].Description}"));
        Console.WriteLine($"peak working set including verify-ledger {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
        return 0;
    }

    private sealed class Steps(Action<PaymentRunStep> report) : IProgress<PaymentRunProgress>
    {
        public void Report(PaymentRunProgress value) => report(value.Step);
    }

    /// <summary>The fastest SQLite can write the month's rows here: one prepared single-row INSERT, reused, one transaction.</summary>
    private static async Task<double> FloorAsync(string file, int rows)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "DROP TABLE IF EXISTS FloorLines; CREATE TABLE FloorLines (Id INTEGER PRIMARY KEY, JurisdictionId INTEGER, Month INTEGER, " +
                                 "ForMonth INTEGER, HouseholdId INTEGER, PersonId INTEGER, EnrollmentId INTEGER, VariantCode TEXT, Programme INTEGER, " +
                                 "TownshipId INTEGER, AmountFen INTEGER, PreviousAmountFen INTEGER, StandardId INTEGER, Reason INTEGER, Flags INTEGER, PersonCount INTEGER)";
            await create.ExecuteNonQueryAsync();
        }
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction;
        var columns = new[] { "JurisdictionId", "Month", "ForMonth", "HouseholdId", "PersonId", "EnrollmentId", "VariantCode", "Programme", "TownshipId",
            "AmountFen", "PreviousAmountFen", "StandardId", "Reason", "Flags", "PersonCount" };
        insert.CommandText = $"INSERT INTO FloorLines ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        var parameters = columns.Select(c => insert.Parameters.Add(new SqliteParameter("$" + c, 0))).ToArray();
        insert.Prepare();
        for (var i = 0; i < rows; i++)
        {
            parameters[0].Value = 1; parameters[1].Value = 202306; parameters[2].Value = 202306; parameters[3].Value = i / 2;
            parameters[4].Value = i; parameters[5].Value = i; parameters[6].Value = "RURAL_DIBAO_A"; parameters[7].Value = 2;
            parameters[8].Value = 3; parameters[9].Value = 38_000; parameters[10].Value = 38_000; parameters[11].Value = 5;
            parameters[12].Value = 2; parameters[13].Value = 0; parameters[14].Value = 1;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return watch.Elapsed.TotalSeconds;
    }
}
