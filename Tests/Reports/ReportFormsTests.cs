using System.IO.Compression;
using ClosedXML.Excel;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Reports;

/// <summary>
/// The forms the bureau files upward, beside the 统计月报, over the demo bureau's June 2023: the two dibao forms, the
/// quarterly lines, the change lists. Each is read back and held against the monthly report's own figures.
/// </summary>
public sealed class ReportFormsTests : IAsyncLifetime
{
    private static readonly YearMonth March = new(2023, 3), May = new(2023, 5), June = new(2023, 6);
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateDemoAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<CheckedReport> FormAsync(ReportForm form, YearMonth? month = null, int? township = null)
    {
        var result = await _db.SendAsync(new GetMonthlyReport("431081", month ?? June, township, form), Roles.Statistician);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
        Assert.True(result.Value!.Passed, string.Join("；", result.Value.Failures.Select(f => $"{f.Sheet}/{f.Row}: {f.Check}")));
        return result.Value;
    }

    private async Task<XLWorkbook> WorkbookAsync(ReportForm form, bool fullIdNumbers = false, string role = Roles.Statistician)
    {
        var file = new MemoryStream();
        var result = await _db.SendAsync(new ExportMonthlyReport("431081", June, null, file, form, fullIdNumbers), role);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
        file.Position = 0;
        return new XLWorkbook(file);
    }

    private static void PrintsReadably(IXLWorksheet sheet)
    {
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Contains(sheet.PageSetup.PaperSize, new[] { XLPaperSize.A4Paper, XLPaperSize.A3Paper });
        Assert.InRange(sheet.PageSetup.Scale, 80, 100);
        var signatures = sheet.RowsUsed().Last().Cell(1).GetString();
        Assert.Contains("单位负责人", signatures);
        Assert.Contains("审核人", signatures);
        Assert.Contains("填报人：演示·统计员", signatures);
    }

    [Theory]
    [InlineData(ReportForm.UrbanDibao, "城市低保")]
    [InlineData(ReportForm.RuralDibao, "农村低保")]
    public async Task The_dibao_form_agrees_with_the_monthly_report_township_by_township_in_its_own_units(ReportForm form, string monthlySheet)
    {
        var monthly = (await FormAsync(ReportForm.Monthly)).Report.Sheet(monthlySheet);
        var sheet = (await FormAsync(form)).Report.Sheets.Single();

        Assert.Equal([DibaoForm.Households, DibaoForm.PersonsMonth, DibaoForm.PersonsCumulative, DibaoForm.Elderly, DibaoForm.Adults, DibaoForm.Minors,
            DibaoForm.FundsMonthWan, DibaoForm.FundsCumulative, DibaoForm.AverageMonth, DibaoForm.AverageCumulative, DibaoForm.Standard],
            sheet.Columns.Select(c => c.Header));
        foreach (var row in sheet.Rows.Append(sheet.Total))
        {
            var same = row == sheet.Total ? monthly.Total : monthly.Rows.Single(r => r.Label == row.Label);
            Assert.Equal(monthly.Value(same, MonthlyReportLayout.Households), sheet.Value(row, DibaoForm.Households));
            Assert.Equal(monthly.Value(same, MonthlyReportLayout.Persons), sheet.Value(row, DibaoForm.PersonsMonth));
            Assert.Equal(monthly.Value(same, MonthlyReportLayout.Elderly), sheet.Value(row, DibaoForm.Elderly));
            Assert.Equal(monthly.Value(same, MonthlyReportLayout.Minors), sheet.Value(row, DibaoForm.Minors));
            Assert.Equal(Money.FromYuan(monthly.Value(same, MonthlyReportLayout.FundsMonth)).WanRounded, sheet.Value(row, DibaoForm.FundsMonthWan));
            Assert.Equal(monthly.Value(same, MonthlyReportLayout.FundsYear), sheet.Value(row, DibaoForm.FundsCumulative));
            Assert.Equal(monthly.Value(same, MonthlyReportLayout.AveragePerPerson), sheet.Value(row, DibaoForm.AverageMonth));
            Assert.Equal(monthly.Value(same, MonthlyReportLayout.StandardA), sheet.Value(row, DibaoForm.Standard));
            Assert.True(sheet.Value(row, DibaoForm.PersonsCumulative) >= sheet.Value(row, DibaoForm.PersonsMonth));
        }

        using var workbook = await WorkbookAsync(form);
        var ws = workbook.Worksheets.Single();
        Assert.Equal(["街道（乡镇）", DibaoForm.Households, DibaoForm.PersonsMonth], Enumerable.Range(1, 3).Select(c => ws.Cell(3, c).GetString()));
        var total = ws.RowsUsed().Single(r => r.Cell(1).GetString() == "合计");
        Assert.Equal("#,##0.0000", total.Cell(8).Style.NumberFormat.Format); // 当月资金支出（万元）
        Assert.Equal("#,##0.00", total.Cell(9).Style.NumberFormat.Format);   // 累计资金支出（元）
        Assert.Equal(sheet.Value(sheet.Total, DibaoForm.FundsCumulative), total.Cell(9).GetValue<decimal>());
        PrintsReadably(ws);
    }

    [Fact]
    public async Task The_dibao_form_of_one_township_has_a_row_per_village_adding_up_to_the_township()
    {
        var township = (await _db.SendAsync(new ListAreas("431081"), Roles.Caseworker)).Single(t => t.Name == "三都镇");
        var county = (await FormAsync(ReportForm.RuralDibao)).Report.Sheets.Single();
        var one = (await FormAsync(ReportForm.RuralDibao, township: township.Id)).Report.Sheets.Single();

        Assert.Equal("社区（村）", one.RowHeader);
        Assert.Equal(township.Communities.Select(c => c.Name).Order(), one.Rows.Select(r => r.Label).Order());
        var row = county.Rows.Single(r => r.Label == "三都镇");
        Assert.Equal(row.Values, one.Total.Values);
        foreach (var header in new[] { DibaoForm.Households, DibaoForm.PersonsMonth, DibaoForm.PersonsCumulative, DibaoForm.FundsCumulative })
            Assert.Equal(one.Value(one.Total, header), one.Rows.Sum(r => one.Value(r, header)));
    }

    [Fact]
    public async Task The_quarterly_lines_are_the_quarter_end_s_figures_beside_the_previous_quarter_s()
    {
        var june = (await FormAsync(ReportForm.Monthly)).Report;
        var march = (await FormAsync(ReportForm.Monthly, March)).Report;
        var quarterly = (await FormAsync(ReportForm.Quarterly)).Report.Lists.Single();

        decimal Cell(string indicator, int column) => ((ReportCell)quarterly.Rows.Single(r => (string)r[0]! == indicator)[column]!).Value;
        var urban = june.Sheet("城市低保");
        Assert.Equal(urban.Value(urban.Total, MonthlyReportLayout.Persons), Cell("城市最低生活保障人数", 3));
        Assert.Equal(march.Sheet("城市低保").Value(march.Sheet("城市低保").Total, MonthlyReportLayout.Persons), Cell("城市最低生活保障人数", 4));
        var summary = june.Sheet(MonthlyReportLayout.Summary);
        Assert.Equal(summary.Value(summary.Rows.Single(r => r.Label == "城市低保"), MonthlyReportLayout.FundsYearWan), Cell("城市最低生活保障累计支出", 3));
        var rural = june.Sheet("农村低保");
        Assert.Equal(rural.Value(rural.Total, MonthlyReportLayout.Households), Cell("农村最低生活保障户数", 3));
        var disability = june.Sheet("残疾人两项补贴");
        Assert.Equal(disability.Value(disability.Total, MonthlyReportLayout.NursingPersons), Cell("重度残疾人护理补贴人数", 3));
        Assert.Equal(QuarterlyForm.IndicatorNames, quarterly.Rows.Select(r => (string)r[0]!));
        Assert.Contains(quarterly.Heading, h => h.Contains("JBZH0001表"));
        Assert.Contains(quarterly.Heading, h => h.Contains("民政部"));
        Assert.Contains(quarterly.Heading, h => h.Contains("431081000000"));

        var notQuarterEnd = await _db.SendAsync(new GetMonthlyReport("431081", May, null, ReportForm.Quarterly), Roles.Statistician);
        Assert.False(notQuarterEnd.Succeeded);
        Assert.Contains("季末", notQuarterEnd.Errors.Single().Message);

        using var workbook = await WorkbookAsync(ReportForm.Quarterly);
        var ws = workbook.Worksheets.Single();
        Assert.Contains(ws.CellsUsed(), c => c.GetString() == "表    号：JBZH0001表");
        Assert.Contains(ws.CellsUsed(), c => c.GetString() == QuarterlyForm.Change);
        PrintsReadably(ws);
    }

    [Fact]
    public async Task The_change_lists_hold_what_the_report_counts_and_mask_numbers_unless_allowed_and_asked()
    {
        var report = (await FormAsync(ReportForm.Changes)).Report;
        var monthly = (await FormAsync(ReportForm.Monthly)).Report;

        Assert.Equal(["新增明细", "停发明细", "增发减发明细", "补发明细", "追缴明细", "临时救助明细"], report.Lists.Select(l => l.Name));
        var rural = monthly.Sheet("农村低保");
        var urban = monthly.Sheet("城市低保");
        var stopped = report.Lists.Single(l => l.Name == "停发明细");
        Assert.True(stopped.Rows.Count - 1 >= rural.Value(rural.Total, MonthlyReportLayout.StoppedPersons) + urban.Value(urban.Total, MonthlyReportLayout.StoppedPersons));
        Assert.All(stopped.Rows.SkipLast(1), r => Assert.False(string.IsNullOrEmpty((string?)r[^1]))); // every stop says why
        var people = report.Lists.SelectMany(l => l.Rows.SkipLast(1)).Where(r => r[5] is string { Length: > 0 }).ToList();
        Assert.NotEmpty(people);
        Assert.All(people, r => Assert.Contains("*", (string)r[5]!));

        var refused = await _db.SendAsync(new ExportMonthlyReport("431081", June, null, new MemoryStream(), ReportForm.Changes, FullIdNumbers: true),
            Roles.Statistician);
        Assert.False(refused.Succeeded);

        using var workbook = await WorkbookAsync(ReportForm.Changes);
        Assert.Equal(report.Lists.Select(l => l.Name), workbook.Worksheets.Select(w => w.Name));
        foreach (var ws in workbook.Worksheets)
        {
            Assert.Equal("序号", ws.Cell(2, 1).GetString());
            Assert.Equal("合计", ws.RowsUsed().Single(r => r.Cell(1).GetString() == "合计").Cell(1).GetString());
            PrintsReadably(ws);
        }
    }

    [Fact]
    public async Task Every_programme_that_paid_households_shows_its_households()
    {
        var summary = (await FormAsync(ReportForm.Monthly)).Report.Sheet(MonthlyReportLayout.Summary);
        var report = (await FormAsync(ReportForm.Monthly)).Report;
        foreach (var row in summary.Rows.Where(r => summary.Value(r, MonthlyReportLayout.SummaryPersons) > 0))
        {
            Assert.True(summary.Value(row, MonthlyReportLayout.SummaryHouseholds) > 0, row.Label);
            // The programme's own sheet counts them too, the same number.
            var sheet = report.Sheet(row.Label);
            Assert.Equal(summary.Value(row, MonthlyReportLayout.SummaryHouseholds), sheet.Value(sheet.Total, MonthlyReportLayout.Households));
        }
    }

    [Fact]
    public async Task The_command_line_writes_one_form_or_the_month_s_set_as_a_zip()
    {
        var folder = Directory.CreateTempSubdirectory("forms-").FullName;
        try
        {
            var one = Path.Combine(folder, "urban.xlsx");
            var cli = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Statistician, "export-monthly", "--month", "2023-06", "--form", "urban-dibao", "--out", one);
            Assert.True(cli.ExitCode == 0, cli.Output);
            using (var workbook = new XLWorkbook(one)) Assert.Equal("城市低保对象综合统计表", workbook.Worksheets.Single().Name);

            var unknown = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Statistician, "export-monthly", "--month", "2023-06", "--form", "weekly", "--out", one + ".x");
            Assert.NotEqual(0, unknown.ExitCode);
            Assert.Contains("没有这张报表", unknown.Output);
            Assert.False(File.Exists(one + ".x"));

            var zip = Path.Combine(folder, "all.zip");
            var all = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Statistician, "export-monthly", "--month", "2023-06", "--all", "--out", zip);
            Assert.True(all.ExitCode == 0, all.Output);
            using var archive = ZipFile.OpenRead(zip);
            Assert.Equal(ReportForms.All.Select(f => ReportForms.FileName(f, June, null)).Order(), archive.Entries.Select(e => e.FullName).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
