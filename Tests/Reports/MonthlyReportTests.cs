using ClosedXML.Excel;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Cockpit;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CivilAffairs.Tests.Reports;

/// <summary>The monthly statistics workbook and the list exports, read back with a workbook reader, over the demo bureau.</summary>
public sealed class MonthlyReportTests : IAsyncLifetime
{
    private static readonly YearMonth June = new(2023, 6);
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateDemoAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(Result<CheckedReport> Result, MemoryStream File)> ExportAsync(int? township = null)
    {
        var file = new MemoryStream();
        var result = await _db.SendAsync(new ExportMonthlyReport("431081", June, township, file), Roles.Statistician);
        file.Position = 0;
        return (result, file);
    }

    private static decimal Number(IXLCell cell) => cell.GetValue<decimal>();

    [Fact]
    public async Task The_June_workbook_has_the_bureau_layout_and_the_report_figures()
    {
        var (result, file) = await ExportAsync();
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));

        using var workbook = new XLWorkbook(file);
        Assert.Equal([MonthlyReportLayout.Summary, "城市低保", "农村低保", "特困供养", "残疾人两项补贴", "困境儿童", "临时救助"],
            workbook.Worksheets.Select(w => w.Name));
        var rural = workbook.Worksheet("农村低保");
        Assert.Equal("资兴市民政局 2023年6月 农村低保统计表", rural.Cell(1, 1).GetString());
        Assert.Contains("单位", rural.Cell(2, 1).GetString());
        Assert.Equal(["街道（乡镇）", "户数", "人数", "其中：女性"], Enumerable.Range(1, 4).Select(c => rural.Cell(3, c).GetString()));
        var total = rural.RowsUsed().Single(r => r.Cell(1).GetString() == "合计");
        Assert.Equal((9_836m, 20_232m), (Number(total.Cell(2)), Number(total.Cell(3))));
        Assert.Equal("#,##0", total.Cell(2).Style.NumberFormat.Format);
        Assert.Equal("#,##0.00", total.Cell(12).Style.NumberFormat.Format);
        Assert.Equal((380m, 280m, 240m), (Number(total.Cell(15)), Number(total.Cell(16)), Number(total.Cell(17))));
        // Every street/township has its row, and the total row is their sum, column by column.
        var rows = rural.RowsUsed().Where(r => r.RowNumber() > 3 && r.RowNumber() < total.RowNumber()).ToList();
        Assert.Equal(14, rows.Count);
        for (var c = 2; c <= 12; c++) Assert.Equal(Number(total.Cell(c)), rows.Sum(r => Number(r.Cell(c))));

        var summary = workbook.Worksheet(MonthlyReportLayout.Summary);
        Assert.Equal("#,##0.0000", summary.Cell(4, 7).Style.NumberFormat.Format);
        Assert.Equal(3, rural.SheetView.SplitRow);
        Assert.Equal(XLPageOrientation.Landscape, rural.PageSetup.PageOrientation);
        // Sixteen columns do not fit A4 at 80 %: the sheet prints on A3 and says so, never shrunk below readable.
        Assert.Equal(XLPaperSize.A3Paper, rural.PageSetup.PaperSize);
        Assert.InRange(rural.PageSetup.Scale, 80, 100);
        Assert.Contains("A3", rural.PageSetup.Header.GetText(XLHFOccurrence.OddPages));
        Assert.Equal(XLPaperSize.A4Paper, workbook.Worksheet("临时救助").PageSetup.PaperSize);
        Assert.Equal(16, rural.Column(1).Width);
        var signatures = rural.RowsUsed().Last().Cell(1).GetString();
        Assert.Contains("单位负责人：", signatures);
        Assert.Contains("审核人：", signatures);
        Assert.Contains("填报人：演示·统计员", signatures);
        Assert.Contains("填报日期：", signatures);

        // Temporary assistance of the half year: the report's 1,210,000 yuan.
        var temporary = workbook.Worksheet("临时救助").RowsUsed().Single(r => r.Cell(1).GetString() == "合计");
        Assert.Equal(1_210_000m, Number(temporary.Cell(6)));
        await using var db = _db.NewContext();
        Assert.True(await db.AuditRecords.AnyAsync(r => r.Action == Domain.Auditing.AuditAction.Export && r.EntityType == nameof(MonthlyReport)));
    }

    [Fact]
    public async Task The_report_and_the_cockpit_show_the_same_numbers_to_the_yuan()
    {
        var report = (await _db.SendAsync(new GetMonthlyReport("431081", June), Roles.Statistician)).Value!;
        var cockpit = await _db.SendAsync(new GetCockpitFigures("431081", June), Roles.Leader);
        Assert.True(report.Passed);
        var summary = report.Report.Sheet(MonthlyReportLayout.Summary);
        var names = new Dictionary<ProgrammeGroup, string>
        {
            [ProgrammeGroup.UrbanDibao] = "城市低保", [ProgrammeGroup.RuralDibao] = "农村低保", [ProgrammeGroup.ExtremePoverty] = "特困供养",
            [ProgrammeGroup.Disability] = "残疾人两项补贴", [ProgrammeGroup.Children] = "困境儿童", [ProgrammeGroup.Temporary] = "临时救助",
        };
        foreach (var card in cockpit.Cards)
        {
            var row = summary.Rows.Single(r => r.Label == names[card.Group]);
            Assert.Equal(card.Persons, summary.Value(row, MonthlyReportLayout.SummaryPersons));
            Assert.Equal(card.PersonTimes, summary.Value(row, MonthlyReportLayout.PersonTimes));
            Assert.Equal(card.Households, summary.Value(row, MonthlyReportLayout.SummaryHouseholds));
            Assert.Equal(card.Funds, summary.Value(row, MonthlyReportLayout.FundsMonth));
            Assert.Equal(card.FundsYearToDate, summary.Value(row, MonthlyReportLayout.FundsYear));
        }
        Assert.Equal(cockpit.Totals.Funds, summary.Value(summary.Total, MonthlyReportLayout.FundsMonth));
        Assert.Equal(cockpit.Totals.FundsYearToDate, summary.Value(summary.Total, MonthlyReportLayout.FundsYear));
        Assert.Equal(cockpit.Totals.Persons, summary.Value(summary.Total, MonthlyReportLayout.SummaryPersons));
        Assert.Equal(cockpit.Totals.Households, summary.Value(summary.Total, MonthlyReportLayout.SummaryHouseholds));
        Assert.Equal(cockpit.Totals.PersonTimes, summary.Value(summary.Total, MonthlyReportLayout.PersonTimes));
    }

    [Fact]
    public async Task A_report_that_fails_its_self_checks_is_not_produced_and_says_which_check()
    {
        // A summary that no longer agrees with what the payment run recorded for the month.
        await using (var db = _db.NewContext())
            await db.Database.ExecuteSqlRawAsync($"UPDATE PaymentSummaries SET AmountFen = AmountFen + 100 WHERE Id = (SELECT MIN(Id) FROM PaymentSummaries WHERE Month = {June.Key})");

        var (result, file) = await ExportAsync();

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("发放台账") && e.Message.Contains("未生成文件"));
        Assert.Equal(0, file.Length);
        var preview = (await _db.SendAsync(new GetMonthlyReport("431081", June), Roles.Statistician)).Value!;
        Assert.False(preview.Passed);

        // And the structural checks, on a report whose total row was altered.
        var good = preview.Report;
        var sheet = good.Sheet("特困供养");
        var brokenTotal = sheet.Total with { Values = sheet.Total.Values.Select((v, i) => i == 1 ? v + 1 : v).ToList() };
        var broken = good with { Sheets = good.Sheets.Select(s => s == sheet ? s with { Total = brokenTotal } : s).ToList() };
        var failures = MonthlyReportChecks.Run(broken, null);
        Assert.Contains(failures, f => f.Sheet == "特困供养" && f.Check.Contains("不等于各行之和"));
        Assert.Contains(failures, f => f.Sheet == "特困供养" && f.Check.Contains("之和"));
    }

    [Fact]
    public async Task The_page_and_the_command_line_write_the_same_workbook()
    {
        var (_, fromPage) = await ExportAsync();
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
        try
        {
            var cli = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Statistician, "export-monthly", "--month", "2023-06", "--out", path);
            Assert.Equal(0, cli.ExitCode);
            Assert.Contains("自检全部通过", cli.Output);
            using var page = new XLWorkbook(fromPage);
            using var command = new XLWorkbook(path);
            foreach (var sheet in page.Worksheets)
            {
                var other = command.Worksheet(sheet.Name);
                // Everything but who prepared it and when (a person on the page's clock, the operator on the command line's).
                static bool Stamp(IXLCell c) => c.GetString().Contains("填报人");
                var cells = sheet.CellsUsed().Where(c => !Stamp(c)).Select(c => (c.Address.ToString(), c.Value.ToString(), c.Style.NumberFormat.Format));
                var others = other.CellsUsed().Where(c => !Stamp(c)).Select(c => (c.Address.ToString(), c.Value.ToString(), c.Style.NumberFormat.Format));
                Assert.Equal(cells, others);
            }
            var bad = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Statistician, "export-monthly", "--month", "2031-01", "--out", path + ".x");
            Assert.NotEqual(0, bad.ExitCode);
            Assert.False(File.Exists(path + ".x"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_roster_export_follows_the_filters_and_masks_numbers_unless_allowed_and_asked()
    {
        var areas = await _db.SendAsync(new ListAreas("431081"), Roles.Caseworker);
        var filter = new RosterFilter("431081", TownshipId: areas.Single(t => t.Name == "三都镇").Id, Programme: Programme.RuralDibao);
        var expected = await _db.SendAsync(new CountRoster(filter), Roles.Caseworker);

        using var masked = new MemoryStream();
        var result = await _db.SendAsync(new ExportRoster(filter, false, masked), Roles.Statistician);
        Assert.True(result.Succeeded);
        masked.Position = 0;
        var rows = masked.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(expected, rows.Count);
        Assert.Equal(expected, result.Value!.Rows);
        Assert.All(rows, r => Assert.Contains("**********", (string)r["身份证号"]!));
        Assert.All(rows, r => Assert.Equal("三都镇", r["街道（乡镇）"]));
        Assert.All(rows, r => Assert.Contains("农村低保", (string)r["救助项目"]!));

        var refused = await _db.SendAsync(new ExportRoster(filter, true, new MemoryStream()), Roles.Statistician);
        Assert.Contains("不能导出完整身份证号", Assert.Single(refused.Errors).Message);

        using var full = new MemoryStream();
        Assert.True((await _db.SendAsync(new ExportRoster(filter, true, full), Roles.Caseworker)).Succeeded);
        full.Position = 0;
        Assert.All(full.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>(), r => Assert.Matches("^[0-9]{17}[0-9X]$", (string)r["身份证号"]!));
        await using var db = _db.NewContext();
        Assert.True(await db.AuditRecords.AnyAsync(r => r.Action == Domain.Auditing.AuditAction.Export && r.Reason!.Contains("含完整身份证号")));
    }

    [Fact]
    public async Task The_payment_list_and_the_audit_log_export_and_only_administrators_export_the_log()
    {
        using var list = new MemoryStream();
        var payments = await _db.SendAsync(new ExportPaymentList("431081", June, false, list), Roles.Statistician);
        await using (var db = _db.NewContext())
            Assert.Equal(await db.PaymentLines.CountAsync(l => l.Month == June), payments.Value!.Rows);
        list.Position = 0;
        var first = list.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().First();
        Assert.Equal("2023-06", first["发放月份"]);

        using var log = new MemoryStream();
        var audit = await _db.SendAsync(new ExportAuditLog(new SearchAudit(), log), Roles.Admin);
        Assert.True(audit.Value!.Rows > 0);
        var refused = await _db.SendAsync(new ExportAuditLog(new SearchAudit(), new MemoryStream()), Roles.Statistician);
        Assert.Equal("PermissionDenied", Assert.Single(refused.Errors).Rule);
    }
}
