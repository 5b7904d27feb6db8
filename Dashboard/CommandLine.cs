using System.CommandLine;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Identity;
using CivilAffairs.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Dashboard;

/// <summary>
/// The command-line verbs (`dotnet run --project Dashboard -- close-month --month 2023-06 --user caseworker`): the same
/// configuration and database as the web app, no web server. Every verb sends its request through the mediator as a
/// named account (<c>--user</c>, else <c>CommandLine:User</c>), so validation, permissions and the audit trail
/// ("命令行:account") apply exactly as on the pages. Exit codes: see <see cref="ExitCode"/>.
/// </summary>
public static class CommandLine
{
    /// <summary>What a verb's exit status means, as the README documents it.</summary>
    public enum ExitCode
    {
        Success = 0,
        /// <summary>The verb ran and found a problem or refused the input: a check failed, a rule or validator said no.</summary>
        Refused = 1,
        /// <summary>The command line itself was wrong: an unknown verb or option, a missing or malformed value, a missing file.</summary>
        Usage = 2,
        /// <summary>No operator account was named, or it is unknown, disabled or lacks the verb's permission.</summary>
        Operator = 3,
        /// <summary>Anything else (the database unreachable, a disk full): the message says what.</summary>
        Failure = 4,
    }

    private static readonly string[] Verbs =
        ["verify-audit", "verify-ledger", "verify-summaries", "seed-demo", "roster-template", "import-roster", "close-month", "export-monthly", "export-summary", "add-user", "import-records"];

    public static bool IsVerb(string[] args) => args.Length > 0 && (Verbs.Contains(args[0]) || args[0] is "--help" or "-h" or "-?" or "--version");

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var root = Build(app);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine("用 --help 查看用法。");
            return (int)ExitCode.Usage;
        }
        try
        {
            return await parse.InvokeAsync();
        }
        catch (PermissionDeniedException e)
        {
            return Fail(ExitCode.Operator, e.Message);
        }
        catch (BusinessRuleViolationException e)
        {
            return Fail(ExitCode.Refused, e.Message);
        }
        catch (ConcurrencyConflictException e)
        {
            return Fail(ExitCode.Refused, e.Message);
        }
        catch (CivilAffairs.Infrastructure.Excel.WorkbookLimitException e)
        {
            return Fail(ExitCode.Refused, e.Message);
        }
        catch (Exception e)
        {
            return Fail(ExitCode.Failure, $"命令执行失败：{e.Message}");
        }
    }

    private static RootCommand Build(WebApplication app)
    {
        // Every verb but add-user names its operator with --user; add-user's --user is the account it creates, so there
        // the operator is --operator.
        var user = new Option<string?>("--user") { Description = "以哪个账户执行（须已启用并具备该命令所需权限）；缺省取配置 CommandLine:User" };
        var month = new Option<string>("--month") { Description = "月份，如 2023-06", Required = true };
        var output = new Option<string>("--out") { Description = "写入的文件", Required = true };
        var file = new Option<string>("--file") { Description = "文件：花名册工作簿（.xlsx），或部门数据（.xlsx / .csv）", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查，不写入" };
        var validOnly = new Option<bool>("--valid-only") { Description = "跳过有错误的户，导入其余各户（默认有错则一户不写）" };

        var root = new RootCommand("民政救助资金管理系统 命令行。各命令用 --user 指明以哪个账户执行（add-user 用 --operator）。退出码：0 成功；1 检查未通过或被业务规则拒绝；2 用法错误；3 账户不存在、已停用或无权限；4 其他故障。");

        Command Verb(string name, string description, Func<ParseResult, ISender, BureauOptions, CancellationToken, Task<int>> run, params Option[] options)
        {
            var command = new Command(name, description);
            command.Options.Add(user);
            foreach (var option in options) command.Options.Add(option);
            command.SetAction((parse, ct) => AsOperatorAsync(app, parse.GetValue(user), (sender, bureau) => run(parse, sender, bureau, ct)));
            root.Subcommands.Add(command);
            return command;
        }

        Verb("verify-audit", "校验审计链是否完整（需查看审计权限）", async (_, sender, _, ct) => VerifiedAudit(await sender.Send(new VerifyAuditChain(), ct)));
        Verb("verify-ledger", "用 C# 规则重算每个已关账月份并与发放台账逐项核对（需查看审计权限）", async (_, sender, bureau, ct) =>
            VerifiedLedger(await sender.Send(new VerifyLedger(bureau.JurisdictionCode), ct)));
        Verb("verify-summaries", "核对月度汇总与发放台账（需查看发放权限）", async (_, sender, bureau, ct) =>
            VerifiedSummaries(await sender.Send(new VerifySummaries(bureau.JurisdictionCode), ct)));
        Verb("seed-demo", "向空库写入演示花名册及其已关账月份（需用户管理权限）", async (_, sender, bureau, ct) =>
            Seeded(await sender.Send(new SeedDemoRoster(bureau.JurisdictionCode, new Progress<int>(n => Console.WriteLine($"已写入 {n:N0} 户…"))), ct)));
        Verb("roster-template", "写出花名册导入模板（需编辑花名册权限）", (parse, sender, bureau, ct) => TemplateAsync(sender, bureau, parse.GetValue(output)!, ct), output);
        Verb("import-roster", "导入花名册工作簿（需编辑花名册权限）", (parse, sender, bureau, ct) =>
            ImportAsync(sender, bureau, parse.GetValue(file)!, parse.GetValue(dryRun), parse.GetValue(validOnly), ct), file, dryRun, validOnly);
        var source = new Option<string>("--source") { Description = "数据来源（配置 Monitoring:Sources），如 death（殡葬记录）", Required = true };
        Verb("import-records", "导入部门数据（殡葬、公安、人社…）比对在保人员并生成预警（需编辑花名册权限）", (parse, sender, bureau, ct) =>
            ImportRecordsAsync(sender, bureau, parse.GetValue(source)!, parse.GetValue(file)!, parse.GetValue(dryRun), ct), source, file, dryRun);
        Verb("close-month", "计算并关账一个发放月份（需发放权限）", (parse, sender, bureau, ct) =>
            CloseMonthAsync(sender, bureau, parse.GetValue(month)!, ct), month);
        var form = new Option<string?>("--form")
        {
            Description = "报表：" + string.Join("、", ReportForms.All.Select(f => $"{ReportForms.CommandName(f)}（{ReportForms.Title(f)}）")) + "；缺省 monthly",
        };
        var all = new Option<bool>("--all") { Description = "导出当月全部报表（季末月含季报），打包为一个 zip（--out 写 .zip）" };
        Verb("export-monthly", "导出统计报表 Excel（需导出报表权限）", (parse, sender, bureau, ct) =>
            parse.GetValue(all)
                ? ExportAllAsync(sender, bureau, parse.GetValue(month)!, parse.GetValue(output)!, ct)
                : ExportMonthlyAsync(sender, bureau, parse.GetValue(month)!, parse.GetValue(form), parse.GetValue(output)!, ct), month, form, all, output);
        var from = new Option<string>("--from") { Description = "起始月份，如 2023-01", Required = true };
        var to = new Option<string>("--to") { Description = "截止月份，如 2023-06", Required = true };
        Verb("export-summary", "导出工作总结（数据部分）Word 文档（需导出报表权限）", (parse, sender, bureau, ct) =>
            ExportSummaryAsync(sender, bureau, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(output)!, ct), from, to, output);
        AddUserVerb(app, root);
        return root;
    }

    /// <summary>
    /// <c>add-user --user NAME --name 姓名 --roles ROLE[,ROLE] --area 区划 --operator admin</c>, the initial password on
    /// standard input (never on the command line, where the shell history and the process list would keep it).
    /// </summary>
    private static void AddUserVerb(WebApplication app, RootCommand root)
    {
        var newUser = new Option<string>("--user") { Description = "新账户的登录名", Required = true };
        var name = new Option<string>("--name") { Description = "姓名", Required = true };
        var roles = new Option<string>("--roles") { Description = "角色，逗号分隔：" + string.Join("、", Roles.All.Select(r => $"{r}（{Messages.Get($"RoleName.{r}")}）")), Required = true };
        var area = new Option<string?>("--area") { Description = "所属街道/乡镇或社区/村（名称或 12 位区划代码）；缺省为民政局（全辖区）" };
        var unit = new Option<string?>("--unit") { Description = "单位；缺省按区划写“××民政办”或“民政局”" };
        var operatorOption = new Option<string?>("--operator") { Description = "以哪个账户执行（须有用户管理权限）；缺省取配置 CommandLine:User" };
        var command = new Command("add-user", "新建账户，初始密码从标准输入读取（需用户管理权限）") { newUser, name, roles, area, unit, operatorOption };
        command.SetAction((parse, ct) => AsOperatorAsync(app, parse.GetValue(operatorOption), (sender, _) =>
            AddUserAsync(sender, parse.GetValue(newUser)!, parse.GetValue(name)!, parse.GetValue(roles)!, parse.GetValue(area), parse.GetValue(unit), ct)));
        root.Subcommands.Add(command);
    }

    private static async Task<int> AddUserAsync(ISender sender, string userName, string displayName, string roleText, string? area, string? unit,
        CancellationToken ct)
    {
        var roles = new List<string>();
        foreach (var given in roleText.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var role = Roles.All.FirstOrDefault(r => string.Equals(r, given, StringComparison.OrdinalIgnoreCase) || Messages.Get($"RoleName.{r}") == given);
            if (role is null) return Fail(ExitCode.Refused, Messages.Format("UnknownRole", given) + $"（可选：{string.Join("、", Roles.All)}）");
            roles.Add(role);
        }
        var password = ReadPassword();
        if (string.IsNullOrEmpty(password)) return Fail(ExitCode.Refused, "没有从标准输入读到初始密码（例：echo '密码' | … add-user …）。");
        var result = await sender.Send(new Domain.Features.Users.CreateUser
        {
            UserName = userName, DisplayName = displayName, Roles = roles, Area = area ?? "", Password = password,
            Unit = string.IsNullOrWhiteSpace(unit) ? (string.IsNullOrWhiteSpace(area) ? AccountBootstrapper.BureauUnit : $"{area.Trim()}民政办") : unit,
        }, ct);
        if (Refusal(result) is { } refused) return refused;
        Console.WriteLine($"账户 {userName}（{displayName}）已创建：{string.Join("、", roles.Select(r => Messages.Get($"RoleName.{r}")))}" +
                          (string.IsNullOrWhiteSpace(area) ? "，全辖区。" : $"，限于 {area.Trim()}。"));
        return 0;
    }

    /// <summary>One line of standard input; typed at a terminal, without echo.</summary>
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        Console.Error.Write("初始密码：");
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }

    private static async Task<int> ExportSummaryAsync(ISender sender, BureauOptions bureau, string fromText, string toText, string path, CancellationToken ct)
    {
        if (!YearMonth.TryParse(fromText, out var from)) return Fail(ExitCode.Usage, $"月份格式不对：{fromText}（应如 2023-01）");
        if (!YearMonth.TryParse(toText, out var to)) return Fail(ExitCode.Usage, $"月份格式不对：{toText}（应如 2023-06）");
        Result<WorkSummary>? result = null;
        await WriteCompletelyAsync(path, async stream =>
        {
            result = await sender.Send(new ExportWorkSummary(bureau.JurisdictionCode, from, to, null, stream), ct);
            return result.Succeeded;
        });
        if (Refusal(result!) is { } refused) return refused;
        Console.WriteLine($"{result!.Value!.Title} 已写入 {Path.GetFullPath(path)}：{result.Value.Paragraphs.Count} 段。");
        return 0;
    }

    /// <summary>Runs a verb in a scope acting as the named account, after the database is brought up to date.</summary>
    private static async Task<int> AsOperatorAsync(WebApplication app, string? userOption, Func<ISender, BureauOptions, Task<int>> run)
    {
        var userName = string.IsNullOrWhiteSpace(userOption) ? app.Configuration["CommandLine:User"] : userOption;
        if (string.IsNullOrWhiteSpace(userName))
            return Fail(ExitCode.Operator, "请用 --user 指明以哪个账户执行（或在配置中设置 CommandLine:User）：命令行与网页一样检查权限并记入审计。");
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await app.Services.GetRequiredService<AccountBootstrapper>().RunAsync();
        await using var scope = await Operator.ScopeAsync(app.Services, userName);
        if (scope is null) return Fail(ExitCode.Operator, $"账户不存在：{userName}");
        return await run(scope.Value.ServiceProvider.GetRequiredService<ISender>(), app.Services.GetRequiredService<IOptions<BureauOptions>>().Value);
    }

    private static int VerifiedAudit(AuditVerification result)
    {
        if (!result.IsIntact)
            return Fail(ExitCode.Refused, result.BrokenAtSequence is { } at
                ? $"审计链在第 {at} 条处断开：{result.Problem}（此前 {result.RecordsChecked} 条完好）。"
                : $"审计链无法校验：{result.Problem}。");
        Console.WriteLine($"审计链完整：共校验 {result.RecordsChecked} 条记录（密钥签名）、{result.CheckpointsChecked} 个库外检查点；末条 #{result.LastSequence}，哈希 {result.LastHash}。");
        Console.WriteLine("已写入新的检查点（库外文件，并记入日志）。");
        return 0;
    }

    private static int VerifiedLedger(LedgerVerification result)
    {
        var pending = result.PendingHouseholds > 0 ? $"另有 {result.PendingHouseholds:N0} 户有追溯变更待下次发放结算，未纳入比对。" : "";
        if (result.Unsealed is { Count: > 0 } unsealed)
            pending += $"{unsealed.Count} 个月份关账于封存功能之前，无封存可比（{unsealed[0]}–{unsealed[^1]}）。";
        if (result.Agrees)
        {
            Console.WriteLine($"发放台账与规则一致：核对 {result.MonthsChecked} 个已关账月份（{result.MonthsSealed} 个与关账封存一致）、{result.LinesChecked:N0} 条正常发放记录。{pending}");
            return 0;
        }
        foreach (var difference in result.Differences.Take(200)) Console.Error.WriteLine(difference.Description);
        return Fail(ExitCode.Refused, $"发放台账与规则不一致：{result.Differences.Count:N0} 处（核对 {result.MonthsChecked} 个月）。{pending}");
    }

    private static int VerifiedSummaries(IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            Console.WriteLine("月度汇总与发放台账一致。");
            return 0;
        }
        foreach (var problem in problems) Console.Error.WriteLine(problem);
        return Fail(ExitCode.Refused, $"汇总与台账不一致：{problems.Count} 处。");
    }

    private static int Seeded(Result<RosterBulkResult?> result)
    {
        if (Refusal(result) is { } refused) return refused;
        Console.WriteLine(result.Value is not { } written
            ? "花名册已有数据，未写入演示数据。"
            : $"演示花名册已写入：{written.Households:N0} 户，{written.Persons:N0} 人，{written.Enrollments:N0} 条救助记录。");
        return 0;
    }

    private static async Task<int> TemplateAsync(ISender sender, BureauOptions bureau, string path, CancellationToken ct)
    {
        await WriteCompletelyAsync(path, async stream =>
        {
            await sender.Send(new WriteRosterTemplate(bureau.JurisdictionCode, stream), ct);
            return true;
        });
        Console.WriteLine($"模板已写入 {Path.GetFullPath(path)}（表头和一户示例）。");
        return 0;
    }

    private static async Task<int> ImportAsync(ISender sender, BureauOptions bureau, string path, bool dryRun, bool validOnly, CancellationToken ct)
    {
        if (!File.Exists(path)) return Fail(ExitCode.Usage, $"文件不存在：{path}");
        await using var file = File.OpenRead(path);
        var report = await sender.Send(new ImportRoster(bureau.JurisdictionCode, file, Path.GetFileName(path),
            validOnly ? ImportMode.ValidOnly : ImportMode.AllOrNothing, dryRun,
            new Progress<ImportProgress>(p => Console.WriteLine($"{p.Stage} {p.Done:N0}" + (p.Total > 0 ? $"/{p.Total:N0}" : "")))), ct);
        foreach (var error in report.Errors) Console.Error.WriteLine($"第 {error.RowNumber} 行【{error.Column}】{error.Message}");
        Console.WriteLine($"共 {report.Rows:N0} 行、{report.Households:N0} 户；错误 {report.Errors.Count:N0} 处；" +
                          $"写入 {report.HouseholdsWritten:N0} 户 {report.PersonsWritten:N0} 人；已导入过而跳过 {report.HouseholdsSkipped:N0} 户。" +
                          (report.Written ? "" : "（未写入任何数据）"));
        return report.HasErrors ? (int)ExitCode.Refused : 0;
    }

    private static async Task<int> ImportRecordsAsync(ISender sender, BureauOptions bureau, string source, string path, bool dryRun, CancellationToken ct)
    {
        if (!File.Exists(path)) return Fail(ExitCode.Refused, $"文件不存在：{path}");
        await using var file = File.OpenRead(path);
        var result = await sender.Send(new CivilAffairs.Domain.Features.Monitoring.ImportRecords(bureau.JurisdictionCode, source, Path.GetFileName(path), file, dryRun), ct);
        if (Refusal(result) is { } refused) return refused;
        var report = result.Value!;
        foreach (var error in report.Invalid) Console.Error.WriteLine($"第 {error.Row} 行：{error.Message}");
        Console.WriteLine($"读取 {report.Rows:N0} 行：与在保人员匹配 {report.Matched:N0} 行，未匹配 {report.Unmatched:N0} 行，无效 {report.Invalid.Count:N0} 行，" +
                          $"已导入过 {report.AlreadyImported:N0} 行；生成预警 {report.WarningsRaised:N0} 条。" +
                          (report.Written ? "" : dryRun ? "（试运行，未写入）" : "（有无效行，未写入任何数据）"));
        return report.Invalid.Count > 0 ? (int)ExitCode.Refused : 0;
    }

    private static async Task<int> CloseMonthAsync(ISender sender, BureauOptions bureau, string text, CancellationToken ct)
    {
        if (!YearMonth.TryParse(text, out var month)) return Fail(ExitCode.Usage, $"月份格式不对：{text}（应如 2023-06）");
        var result = await sender.Send(new ClosePaymentMonth
        {
            JurisdictionCode = bureau.JurisdictionCode, Month = month, ComputeFirst = true,
            Progress = new SynchronousProgress<PaymentRunProgress>(p => Console.WriteLine($"{p.Percent,3}% {StepName(p.Step)}")),
        }, ct);
        if (Refusal(result) is { } refused) return refused;
        var (run, already, by) = result.Value!;
        if (already)
        {
            var at = run.AlreadyClosedAtUtc is { } utc ? $"{DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime():yyyy-MM-dd HH:mm:ss} " : "";
            Console.WriteLine($"{month} 此前已于 {at}由 {by} 关账（本次未做任何改动）：{run.Totals.Lines:N0} 条台账，发放 {run.Totals.Paid:N2} 元。");
            return 0;
        }
        Console.WriteLine($"{month} 已关账：{run.Totals.Lines:N0} 条台账，发放 {run.Totals.Paid:N2} 元（其中补发 {run.Totals.BackPay:N2} 元），" +
                          $"发现追缴 {run.Totals.Recovery:N2} 元（{run.RecoveriesFound} 笔）。" + (run.Recomputed ? "" : "（沿用预览结果）"));
        return 0;
    }

    private static async Task<int> ExportMonthlyAsync(ISender sender, BureauOptions bureau, string text, string? formName, string path, CancellationToken ct)
    {
        if (!YearMonth.TryParse(text, out var month)) return Fail(ExitCode.Usage, $"月份格式不对：{text}（应如 2023-06）");
        if ((formName is null ? ReportForm.Monthly : ReportForms.Parse(formName)) is not { } form)
            return Fail(ExitCode.Usage, $"没有这张报表：{formName}（可选：{string.Join("、", ReportForms.All.Select(ReportForms.CommandName))}）");
        Result<CheckedReport>? result = null;
        await WriteCompletelyAsync(path, async stream =>
        {
            result = await sender.Send(new ExportMonthlyReport(bureau.JurisdictionCode, month, null, stream, form), ct);
            return result.Succeeded;
        });
        if (Refusal(result!) is { } refused) return refused;
        var report = result!.Value!.Report;
        var funds = form == ReportForm.Monthly
            ? $"，本月资金 {report.Sheet(MonthlyReportLayout.Summary).Value(report.Sheet(MonthlyReportLayout.Summary).Total, MonthlyReportLayout.FundsMonth):N2} 元"
            : "";
        Console.WriteLine($"{ReportForms.Title(form)} {month} 已写入 {Path.GetFullPath(path)}：{report.Sheets.Count + report.Lists.Count} 张表{funds}，自检全部通过。");
        return 0;
    }

    /// <summary>Every form of the month in one zip, each checked; one refusal and no zip is written.</summary>
    private static async Task<int> ExportAllAsync(ISender sender, BureauOptions bureau, string text, string path, CancellationToken ct)
    {
        if (!YearMonth.TryParse(text, out var month)) return Fail(ExitCode.Usage, $"月份格式不对：{text}（应如 2023-06）");
        var files = new List<(string Name, byte[] Content)>();
        foreach (var form in ReportForms.All.Where(f => f != ReportForm.Quarterly || QuarterlyForm.IsQuarterEnd(month)))
        {
            using var buffer = new MemoryStream();
            var result = await sender.Send(new ExportMonthlyReport(bureau.JurisdictionCode, month, null, buffer, form), ct);
            if (Refusal(result) is { } refused) return refused;
            files.Add((ReportForms.FileName(form, month, null), buffer.ToArray()));
        }
        await WriteCompletelyAsync(path, async stream =>
        {
            using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, content) in files)
            {
                await using var entry = zip.CreateEntry(name).Open();
                await entry.WriteAsync(content, ct);
            }
            return true;
        });
        Console.WriteLine($"{month} 的 {files.Count} 张报表已打包写入 {Path.GetFullPath(path)}：{string.Join("、", files.Select(f => f.Name))}，自检全部通过。");
        return 0;
    }

    /// <summary>Writes beside the target and moves into place only when complete: a refusal or failure leaves no file behind.</summary>
    private static async Task WriteCompletelyAsync(string path, Func<Stream, Task<bool>> write)
    {
        var partial = path + ".partial";
        bool complete;
        try
        {
            await using (var stream = File.Create(partial)) complete = await write(stream);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        if (complete) File.Move(partial, path, overwrite: true);
        else File.Delete(partial);
    }

    /// <summary>The exit status of a refused result (3 when it was the permission door), or null when it succeeded.</summary>
    private static int? Refusal(Result result)
    {
        if (result.Succeeded) return null;
        var code = result.Errors.Any(e => e.Rule == "PermissionDenied") ? ExitCode.Operator : ExitCode.Refused;
        return Fail(code, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
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

    /// <summary>Reports on the caller's thread, so console lines come out in order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static int Fail(ExitCode code, string message)
    {
        Console.Error.WriteLine(message);
        return (int)code;
    }
}
