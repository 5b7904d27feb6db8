using ClosedXML.Excel;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Features.TemporaryAssistance;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Reports;

/// <summary>
/// Money shown is rounded half up at the unit shown, the workbook holds what it shows, and a total row of 万元 either
/// equals the rows a reader adds or the sheet states the rounding difference (issue 11, defect 7).
/// </summary>
public sealed class ReportRoundingTests : IAsyncLifetime
{
    private static readonly YearMonth Jan = new(2023, 1);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>
    /// Urban A at 100.01 and B at 100.00 for one person each: 200.01 yuan, an average of 100.005 (100.01 half up, 100.00
    /// half to even) and 0.020001 万元 (0.0200). A temporary case of 0.49 yuan: 0.000049 万元 (0.0000). The total, 200.50
    /// yuan, is 0.02005 万元: 0.0201 half up, one more than the rounded rows add to.
    /// </summary>
    private async Task ArrangeAsync()
    {
        var adjusted = await _db.SendAsync(new AdjustStandards
        {
            JurisdictionCode = RosterBuilder.Bureau, EffectiveFrom = Jan.FirstDay.AddMonths(1), DocumentNumber = "资民发〔2023〕30号", Reason = "测试尾差",
            Items = [new() { VariantCode = ProgrammeCatalogue.UrbanDibaoA, NewAmount = 100.01m, Reason = "测试尾差" }, new() { VariantCode = ProgrammeCatalogue.UrbanDibaoB, NewAmount = 100.00m, Reason = "测试尾差" }],
        }, Roles.StandardsAdmin);
        Assert.True(adjusted.Succeeded, string.Join("；", adjusted.Errors.Select(e => e.Message)));
        var feb = Jan.Next;
        var a = await _roster.RegisterAsync(feb, ProgrammeCatalogue.UrbanDibaoA, Residence.Urban, "东江街道", _roster.Member("甲", Relationship.Head));
        await _roster.RegisterAsync(feb, ProgrammeCatalogue.UrbanDibaoB, Residence.Urban, "东江街道", _roster.Member("乙", Relationship.Head));
        var temporary = await _db.SendAsync(new RecordTemporaryAssistance
        {
            HouseholdId = a, Persons = 1, Month = feb, Amount = 0.49m, Reason = "测试", ApprovalNumber = "临-1", ApprovedBy = "审批组",
        }, Roles.Caseworker);
        Assert.True(temporary.Succeeded, string.Join("；", temporary.Errors.Select(e => e.Message)));
        await _roster.ComputeAsync(feb);
    }

    [Fact]
    public async Task Averages_and_wan_round_half_up_and_the_sheet_states_the_rounding_difference()
    {
        await ArrangeAsync();

        var report = (await _db.SendAsync(new GetMonthlyReport(RosterBuilder.Bureau, Jan.Next), Roles.Statistician)).Value!;

        Assert.True(report.Passed, string.Join("；", report.Failures.Select(f => f.Check)));
        var urban = report.Report.Sheet(MonthlyReportLayout.UrbanDibao);
        Assert.Equal(100.01m, urban.Value(urban.Total, MonthlyReportLayout.AveragePerPerson));
        var summary = report.Report.Sheet(MonthlyReportLayout.Summary);
        Assert.Equal(0.0200m, summary.Value(summary.Rows.Single(r => r.Label == MonthlyReportLayout.UrbanDibao), MonthlyReportLayout.FundsMonthWan));
        Assert.Equal(0.0000m, summary.Value(summary.Rows.Single(r => r.Label == MonthlyReportLayout.Temporary), MonthlyReportLayout.FundsMonthWan));
        Assert.Equal(0.0201m, summary.Value(summary.Total, MonthlyReportLayout.FundsMonthWan));
        Assert.Contains(summary.Notes, n => n.Contains(MonthlyReportLayout.FundsMonthWan) && n.Contains("+0.0001"));
    }

    [Fact]
    public async Task The_workbook_holds_exactly_what_it_shows()
    {
        await ArrangeAsync();
        var file = new MemoryStream();

        var result = await _db.SendAsync(new ExportMonthlyReport(RosterBuilder.Bureau, Jan.Next, null, file), Roles.Statistician);

        Assert.True(result.Succeeded);
        file.Position = 0;
        using var workbook = new XLWorkbook(file);
        var sheet = workbook.Worksheet(MonthlyReportLayout.Summary);
        var wan = sheet.Row(3).CellsUsed().Single(c => c.GetString() == MonthlyReportLayout.FundsMonthWan).Address.ColumnNumber;
        var total = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == MonthlyReportLayout.Total);
        var urban = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == MonthlyReportLayout.UrbanDibao);
        Assert.Equal(0.0201m, total.Cell(wan).GetValue<decimal>());
        Assert.Equal(0.0200m, urban.Cell(wan).GetValue<decimal>());
        Assert.Contains(sheet.CellsUsed(), c => c.GetString().Contains("尾差 +0.0001"));
        var rural = workbook.Worksheet(MonthlyReportLayout.UrbanDibao);
        var average = rural.Row(3).CellsUsed().Single(c => c.GetString() == MonthlyReportLayout.AveragePerPerson).Address.ColumnNumber;
        Assert.Equal(100.01m, rural.RowsUsed().Single(r => r.Cell(1).GetString() == MonthlyReportLayout.Total).Cell(average).GetValue<decimal>());
    }

    [Fact]
    public async Task The_summary_counts_households_and_persons_once_and_person_times_per_programme()
    {
        var head = _roster.Member("王强", Relationship.Head, 1980, grade: DisabilityGrade.One);
        var id = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB, members: [head, _roster.Member("王芳", Relationship.Spouse, 1982, true)]);
        await _roster.EnrollAsync(id, "王强", ProgrammeCatalogue.DisabilityLiving, Jan);
        await _roster.EnrollAsync(id, "王强", ProgrammeCatalogue.DisabilityNursing, Jan);
        var elder = await _roster.RegisterAsync(Jan, null, members: _roster.Member("刘老汉", Relationship.Head, 1945));
        await _roster.EnrollAsync(elder, "刘老汉", ProgrammeCatalogue.ExtremePovertyRuralAtHome, Jan);
        await _roster.ComputeAsync(Jan);

        var summary = (await _db.SendAsync(new GetMonthlyReport(RosterBuilder.Bureau, Jan), Roles.Statistician)).Value!.Report.Sheet(MonthlyReportLayout.Summary);

        // Two households and three persons were assisted; dibao (2), two subsidies (2) and extreme poverty (1) are five person-times.
        Assert.Equal((2m, 3m, 5m), (summary.Value(summary.Total, MonthlyReportLayout.SummaryHouseholds),
            summary.Value(summary.Total, MonthlyReportLayout.SummaryPersons), summary.Value(summary.Total, MonthlyReportLayout.PersonTimes)));
        var disability = summary.Rows.Single(r => r.Label == MonthlyReportLayout.Disability);
        Assert.Equal((1m, 1m, 2m), (summary.Value(disability, MonthlyReportLayout.SummaryHouseholds),
            summary.Value(disability, MonthlyReportLayout.SummaryPersons), summary.Value(disability, MonthlyReportLayout.PersonTimes)));
        Assert.Contains(summary.Notes, n => n.Contains("人次"));
    }
}
