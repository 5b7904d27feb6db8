using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Security;
using Microsoft.Extensions.Options;
using CivilAffairs.Infrastructure.Persistence;
using CivilAffairs.Infrastructure.Persistence.Seeding;

namespace CivilAffairs.Dashboard;

/// <summary>
/// The command-line verbs (`dotnet run --project Dashboard -- verify-audit`): same configuration and database as
/// the web app, no web server. Exit code 0 on success, non-zero with a message otherwise.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["verify-audit", "seed-demo", "roster-template", "import-roster", "close-month", "verify-summaries", "export-monthly"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            return args[0] switch
            {
                "verify-audit" => await VerifyAuditAsync(app.Services),
                "seed-demo" => await SeedDemoAsync(app.Services),
                "roster-template" => await RosterTemplateAsync(app.Services, args),
                "import-roster" => await ImportRosterAsync(app.Services, args),
                "close-month" => await CloseMonthAsync(app.Services, args),
                "verify-summaries" => await VerifySummariesAsync(app.Services),
                "export-monthly" => await ExportMonthlyAsync(app.Services, args),
                _ => Fail($"未知命令：{args[0]}"),
            };
        }
        catch (Exception e)
        {
            return Fail($"命令执行失败：{e.Message}");
        }
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await VerifyAuditChainHandler.VerifyAsync(scope.ServiceProvider.GetRequiredService<IDataSessionFactory>(), default);
        if (result.IsIntact)
        {
            Console.WriteLine($"审计链完整：共校验 {result.RecordsChecked} 条记录；末条 #{result.LastSequence}，哈希 {result.LastHash}。");
            Console.WriteLine("请将末条编号和哈希另行记录（如纸质台账），以便日后发现末尾记录被删除。");
            return 0;
        }
        return Fail($"审计链在第 {result.BrokenAtSequence} 条处断开：{result.Problem}（此前 {result.RecordsChecked} 条完好）。");
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider services)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var written = await services.GetRequiredService<DemoRosterSeeder>().SeedAsync(
            progress: new Progress<int>(n => Console.WriteLine($"已写入 {n:N0} 户…")));
        Console.WriteLine(written is null
            ? "花名册已有数据，未写入演示数据。"
            : $"演示花名册已写入：{written.Households:N0} 户，{written.Persons:N0} 人，{written.Enrollments:N0} 条救助记录。");
        return 0;
    }

    private static async Task<int> RosterTemplateAsync(IServiceProvider services, string[] args)
    {
        if (Option(args, "--out") is not { } path) return Fail("用法：roster-template --out template.xlsx");
        await using (var file = File.Create(path))
            await services.GetRequiredService<IRosterWorkbook>().WriteTemplateAsync(file);
        Console.WriteLine($"模板已写入 {Path.GetFullPath(path)}（表头和一户示例）。");
        return 0;
    }

    private static async Task<int> ImportRosterAsync(IServiceProvider services, string[] args)
    {
        if (Option(args, "--file") is not { } path) return Fail("用法：import-roster --file roster.xlsx [--dry-run] [--valid-only]");
        if (!File.Exists(path)) return Fail($"文件不存在：{path}");
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using var scope = OperatorScope(services);
        var handler = ActivatorUtilities.CreateInstance<ImportRosterHandler>(scope.ServiceProvider);
        await using var file = File.OpenRead(path);
        var bureau = services.GetRequiredService<IOptions<BureauOptions>>().Value;
        var report = await handler.Handle(new ImportRoster(bureau.JurisdictionCode, file, Path.GetFileName(path),
            args.Contains("--valid-only") ? ImportMode.ValidOnly : ImportMode.AllOrNothing, args.Contains("--dry-run"),
            new Progress<ImportProgress>(p => Console.WriteLine($"{p.Stage} {p.Done:N0}" + (p.Total > 0 ? $"/{p.Total:N0}" : "")))), default);

        foreach (var error in report.Errors) Console.Error.WriteLine($"第 {error.RowNumber} 行【{error.Column}】{error.Message}");
        Console.WriteLine($"共 {report.Rows:N0} 行、{report.Households:N0} 户；错误 {report.Errors.Count:N0} 处；" +
                          $"写入 {report.HouseholdsWritten:N0} 户 {report.PersonsWritten:N0} 人；已导入过而跳过 {report.HouseholdsSkipped:N0} 户。" +
                          (report.Written ? "" : "（未写入任何数据）"));
        return report.HasErrors ? 1 : 0;
    }

    private static async Task<int> CloseMonthAsync(IServiceProvider services, string[] args)
    {
        if (Option(args, "--month") is not { } text || !YearMonth.TryParse(text, out var month))
            return Fail("用法：close-month --month 2023-06");
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var scope = OperatorScope(services);
        var bureau = services.GetRequiredService<IOptions<BureauOptions>>().Value;
        var handler = ActivatorUtilities.CreateInstance<ClosePaymentMonthHandler>(scope.ServiceProvider);
        Result<PaymentRunOutcome> result;
        try
        {
            result = await handler.Handle(new ClosePaymentMonth
            {
                JurisdictionCode = bureau.JurisdictionCode, Month = month, ComputeFirst = true,
                Progress = new SynchronousProgress<PaymentRunProgress>(p => Console.WriteLine($"{p.Percent,3}% {StepName(p.Step)}")),
            }, default);
        }
        catch (BusinessRuleViolationException e)
        {
            return Fail(e.Message);
        }
        catch (ConcurrencyConflictException e)
        {
            return Fail(e.Message);
        }
        if (!result.Succeeded) return Fail(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        var (run, already, by) = result.Value!;
        if (already)
        {
            Console.WriteLine($"{month} 已于此前由 {by} 关账，未做任何改动。");
            return 0;
        }
        Console.WriteLine($"{month} 已关账：{run.Totals.Lines:N0} 条台账，发放 {run.Totals.Paid:N2} 元（其中补发 {run.Totals.BackPay:N2} 元），" +
                          $"发现追缴 {run.Totals.Recovery:N2} 元（{run.RecoveriesFound} 笔）。" + (run.Recomputed ? "" : "（沿用预览结果）"));
        return 0;
    }

    private static async Task<int> VerifySummariesAsync(IServiceProvider services)
    {
        await using var scope = OperatorScope(services);
        var bureau = services.GetRequiredService<IOptions<BureauOptions>>().Value;
        var problems = await ActivatorUtilities.CreateInstance<VerifySummariesHandler>(scope.ServiceProvider)
            .Handle(new VerifySummaries(bureau.JurisdictionCode), default);
        if (problems.Count == 0)
        {
            Console.WriteLine("月度汇总与发放台账一致。");
            return 0;
        }
        foreach (var problem in problems) Console.Error.WriteLine(problem);
        return Fail($"汇总与台账不一致：{problems.Count} 处。");
    }

    private static async Task<int> ExportMonthlyAsync(IServiceProvider services, string[] args)
    {
        if (Option(args, "--month") is not { } text || !YearMonth.TryParse(text, out var month) || Option(args, "--out") is not { } path)
            return Fail("用法：export-monthly --month 2023-06 --out report.xlsx");
        await using var scope = OperatorScope(services);
        var bureau = services.GetRequiredService<IOptions<BureauOptions>>().Value;
        var handler = ActivatorUtilities.CreateInstance<ExportMonthlyReportHandler>(scope.ServiceProvider);
        // Written beside the target and moved into place only when complete: a failed check leaves no file behind.
        var partial = path + ".partial";
        Result<CheckedReport> result;
        await using (var file = File.Create(partial))
            result = await handler.Handle(new ExportMonthlyReport(bureau.JurisdictionCode, month, null, file), default);
        if (!result.Succeeded)
        {
            File.Delete(partial);
            return Fail(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        }
        File.Move(partial, path, overwrite: true);
        var summary = result.Value!.Report.Sheet(MonthlyReportLayout.Summary);
        Console.WriteLine($"统计月报 {month} 已写入 {Path.GetFullPath(path)}：{result.Value.Report.Sheets.Count} 张表，" +
                          $"本月资金 {summary.Value(summary.Total, MonthlyReportLayout.FundsMonth):N2} 元，自检全部通过。");
        return 0;
    }

    private static string StepName(PaymentRunStep step) => step switch
    {
        PaymentRunStep.Preparing => "准备",
        PaymentRunStep.RegularPayments => "计算当月应发",
        PaymentRunStep.Corrections => "核对已关账月份（补发/追缴）",
        PaymentRunStep.TemporaryAssistance => "临时救助",
        PaymentRunStep.Summaries => "更新月度汇总",
        PaymentRunStep.Locking => "关账锁定",
        _ => "完成",
    };

    /// <summary>
    /// The command line is run by an operator on the server, outside the web accounts: it acts with every role and is
    /// audited under the operating-system user's name.
    /// </summary>
    private static AsyncServiceScope OperatorScope(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Become(new UserStanding("command-line", $"命令行:{Environment.UserName}", true, Roles.All));
        return scope;
    }

    /// <summary>Reports on the caller's thread, so console lines come out in order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
