using System.Text;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Monitoring;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Monitoring;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Monitoring;

/// <summary>动态监测: a department's file matched to the roster — a dead recipient raises a red warning, once.</summary>
public sealed class ImportRecordsTests : IAsyncLifetime
{
    private static readonly YearMonth November = new(2026, 11);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;
    private string _recipient = "";

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
        var head = _roster.Member("王老汉", Relationship.Head, 1940);
        _recipient = head.IdNumber;
        await _roster.RegisterAsync(new YearMonth(2026, 9), ProgrammeCatalogue.RuralDibaoA, Residence.Rural, "三都镇", head);
        Assert.True((await _db.SendAsync(new ComputePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = November }, Roles.Caseworker)).Succeeded);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<Result<RecordImportReport>> ImportAsync(byte[] file, string name = "deaths.csv", bool dryRun = false) =>
        _db.SendAsync(new ImportRecords(RosterBuilder.Bureau, "death", name, new MemoryStream(file), dryRun), Roles.Caseworker);

    private string Csv(params string[] rows) => string.Join("\r\n", ["姓名,身份证号,死亡日期", .. rows]);

    [Fact]
    public async Task A_dead_recipient_raises_a_red_warning_once_and_a_stranger_none()
    {
        var stranger = _roster.NewId(1950);
        var file = Encoding.UTF8.GetBytes(Csv($"王老汉,{_recipient},2026-10-12", $"李某,{stranger},2026年10月3日"));

        var first = await ImportAsync(file);
        Assert.True(first.Succeeded, string.Join("；", first.Errors.Select(e => e.Message)));
        Assert.Equal((2, 1, 1, 0, 1, true), (first.Value!.Rows, first.Value.Matched, first.Value.Unmatched, first.Value.AlreadyImported, first.Value.WarningsRaised, first.Value.Written));
        var warnings = await _db.SendAsync(new ListWarnings(RosterBuilder.Bureau), Roles.Caseworker);
        var warning = Assert.Single(warnings.Rows);
        Assert.Equal((WarningSeverity.Red, "2026-10-12 死亡（殡葬记录），2026-11 仍在发放", "三都镇", "王老汉"), (warning.Severity, warning.Text, warning.Township, warning.Person));
        Assert.Equal(1, warnings.Red);
        Assert.True(warning.IsDeath);
        // Leadership's figures: one red warning, and what November pays him is the money at risk.
        var summary = await _db.SendAsync(new GetWarningSummary(RosterBuilder.Bureau), Roles.Leader);
        Assert.Equal((1, 0, November), (summary.Red, summary.Overdue, summary.Month!.Value));
        Assert.True(summary.AtRisk > 0);
        await using (var ledger = _db.NewContext())
            Assert.Equal((await ledger.PaymentLines.Where(l => l.Month == November).ToListAsync()).Sum(l => l.Amount), summary.AtRisk);
        Assert.Equal("三都镇", Assert.Single(summary.Townships).Township);

        var again = await ImportAsync(file);
        Assert.Equal((2, 0, 0), (again.Value!.AlreadyImported, again.Value.Matched, again.Value.WarningsRaised));
        Assert.Single((await _db.SendAsync(new ListWarnings(RosterBuilder.Bureau), Roles.Caseworker)).Rows);
        await using var context = _db.NewContext();
        Assert.Equal(2, await context.RecordImports.CountAsync());   // every import is kept, with its counts
        Assert.Equal(2, (await context.RecordImports.OrderBy(i => i.Id).LastAsync()).AlreadyImported);
    }

    [Fact]
    public async Task A_file_with_a_bad_row_changes_nothing_and_names_the_row()
    {
        var file = Encoding.UTF8.GetBytes(Csv($"王老汉,{_recipient},2026-10-12", "张三,4310811950,2026-10-01", $"赵四,{_roster.NewId(1951)},去年"));
        var result = await ImportAsync(file);

        Assert.False(result.Value!.Written);
        Assert.Equal([3, 4], result.Value.Invalid.Select(e => e.Row));
        Assert.Contains("死亡日期", result.Value.Invalid[1].Message);
        await using var context = _db.NewContext();
        Assert.False(await context.ExternalRecords.AnyAsync());
        Assert.False(await context.Warnings.AnyAsync());
    }

    [Fact]
    public async Task A_GB18030_file_with_Chinese_dates_is_read_and_a_dry_run_writes_nothing()
    {
        var gb = CodePagesGb18030().GetBytes(Csv($"王老汉,{_recipient},2026年10月12日"));
        var dry = await ImportAsync(gb, dryRun: true);
        Assert.Equal((1, 1, false), (dry.Value!.Matched, dry.Value.WarningsRaised, dry.Value.Written));
        await using (var context = _db.NewContext()) Assert.False(await context.Warnings.AnyAsync());

        var real = await ImportAsync(gb);
        Assert.True(real.Value!.Written);
        Assert.Equal("2026-10-12 死亡（殡葬记录），2026-11 仍在发放", Assert.Single((await _db.SendAsync(new ListWarnings(RosterBuilder.Bureau), Roles.Leader)).Rows).Text);
    }

    [Fact]
    public async Task An_unreadable_file_or_an_unknown_source_is_refused_in_Chinese()
    {
        var binary = await ImportAsync([0x00, 0x01, 0x02, 0xFF, 0x00], "deaths.xlsx");
        Assert.Contains("无法读取文件", Assert.Single(binary.Errors).Message);
        var unknown = await _db.SendAsync(new ImportRecords(RosterBuilder.Bureau, "tax", "x.csv", new MemoryStream([1])), Roles.Caseworker);
        Assert.Contains("没有名为“tax”的数据来源", Assert.Single(unknown.Errors).Message);
        var columns = await ImportAsync(Encoding.UTF8.GetBytes("姓名,证件号\r\n王,1"));
        Assert.Contains("文件缺少列：身份证号、死亡日期", Assert.Single(columns.Errors).Message);
    }

    [Fact]
    public async Task Resolving_a_death_recovers_exactly_the_months_paid_after_it()
    {
        Assert.True((await _db.SendAsync(new ClosePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = November }, Roles.Caseworker)).Succeeded);
        Assert.True((await ImportAsync(Encoding.UTF8.GetBytes(Csv($"王老汉,{_recipient},2026-10-12")))).Succeeded);
        var warning = Assert.Single((await _db.SendAsync(new ListWarnings(RosterBuilder.Bureau), Roles.Caseworker)).Rows);

        var bare = await _db.SendAsync(new ResolveWarning(warning.Id, WarningResolution.NoChange), Roles.Caseworker);
        Assert.Equal("请填写原因。", Assert.Single(bare.Errors).Message);
        Assert.True((await _db.SendAsync(new ResolveWarning(warning.Id, WarningResolution.Died), Roles.Caseworker)).Succeeded);
        var twice = await _db.SendAsync(new ResolveWarning(warning.Id, WarningResolution.Died), Roles.Caseworker);
        Assert.Equal("该预警已处理。", Assert.Single(twice.Errors).Message);
        Assert.Empty((await _db.SendAsync(new ListWarnings(RosterBuilder.Bureau), Roles.Caseworker)).Rows);

        // Died in October, paid for November (closed): the December run recovers November, and only November.
        _db.Clock.Now = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.True((await _db.SendAsync(new ComputePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = November.Next }, Roles.Caseworker)).Succeeded);
        await using var context = _db.NewContext();
        var paidNovember = (await context.PaymentLines.Where(l => l.Month == November && l.ForMonth == November).ToListAsync()).Sum(l => l.Amount);
        var december = await context.PaymentLines.Where(l => l.Month == November.Next).ToListAsync();
        var recovery = Assert.Single(december);
        Assert.Equal((November, -paidNovember), (recovery.ForMonth, recovery.Amount));
        Assert.True(paidNovember > 0);
    }

    [Fact]
    public async Task The_command_line_prints_what_it_found_and_exits_1_on_an_unreadable_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"deaths-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, Csv($"王老汉,{_recipient},2026-10-12"), new UTF8Encoding(true));
        var bad = Path.ChangeExtension(path, ".xlsx");
        await File.WriteAllBytesAsync(bad, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);
        try
        {
            var (exit, output) = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "import-records", "--source", "death", "--file", path);
            Assert.True(exit == 0, output);
            Assert.Contains("与在保人员匹配 1 行", output);
            Assert.Contains("生成预警 1 条", output);
            var (failed, message) = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "import-records", "--source", "death", "--file", bad);
            Assert.Equal(1, failed);
            Assert.Contains("无法读取文件", message);
        }
        finally
        {
            File.Delete(path);
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task A_vehicle_raises_a_yellow_warning_and_a_small_pension_none()
    {
        var vehicle = Encoding.UTF8.GetBytes($"姓名,身份证号,登记日期,号牌号码\r\n王老汉,{_recipient},2026-08-01,湘L·12345");
        var cars = await _db.SendAsync(new ImportRecords(RosterBuilder.Bureau, "vehicle", "vehicles.csv", new MemoryStream(vehicle)), Roles.Caseworker);
        Assert.Equal(1, cars.Value!.WarningsRaised);
        var warning = Assert.Single((await _db.SendAsync(new ListWarnings(RosterBuilder.Bureau), Roles.Caseworker)).Rows);
        Assert.Equal((WarningSeverity.Yellow, "公安交管：登记有车辆（2026-08-01）：湘L·12345", false), (warning.Severity, warning.Text, warning.IsDeath));

        var pensions = Encoding.UTF8.GetBytes($"姓名,身份证号,发放日期,月金额\r\n王老汉,{_recipient},2026-10-01,900\r\n王老汉,{_recipient},2026-11-01,2600");
        var paid = await _db.SendAsync(new ImportRecords(RosterBuilder.Bureau, "pension", "pensions.csv", new MemoryStream(pensions)), Roles.Caseworker);
        Assert.Equal((2, 1), (paid.Value!.Matched, paid.Value.WarningsRaised));   // 900 元 cannot lift him over the line; 2,600 元 may
        Assert.Contains((await _db.SendAsync(new ListWarnings(RosterBuilder.Bureau), Roles.Caseworker)).Rows, w => w.Text == "人社：月收入 2,600.00 元（2026-11-01），可能超过保障标准");
    }

    [Theory]
    [InlineData("2023-06-12")]
    [InlineData("2023年6月12日")]
    [InlineData("2023/6/12")]
    [InlineData("20230612")]
    public void Dates_are_read_as_departments_write_them(string text) => Assert.Equal(new DateOnly(2023, 6, 12), RecordDate.Parse(text));

    private static Encoding CodePagesGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
