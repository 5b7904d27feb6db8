using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Cockpit;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using DocumentFormat.OpenXml.Packaging;

namespace CivilAffairs.Tests.Reports;

/// <summary>
/// The half-year summary the bureau writes by hand from these numbers, drafted from the data: every figure the same
/// as the cockpit's and the workbook's for the same period, editable, and written as a Word document.
/// </summary>
public sealed class WorkSummaryTests : IAsyncLifetime
{
    private static readonly YearMonth January = new(2023, 1), June = new(2023, 6);
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateDemoAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<WorkSummary> DraftAsync(YearMonth from, YearMonth to)
    {
        var result = await _db.SendAsync(new GetWorkSummary("431081", from, to), Roles.Statistician);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    private static string DocumentText(Stream docx)
    {
        docx.Position = 0;
        using var document = WordprocessingDocument.Open(docx, false);
        return string.Join("\n", document.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    [Fact]
    public async Task The_first_half_s_figures_are_the_cockpit_s_and_the_workbook_s_to_the_yuan()
    {
        var summary = await DraftAsync(January, June);
        var cockpit = await _db.SendAsync(new GetCockpitFigures("431081", June), Roles.Leader);
        var report = (await _db.SendAsync(new GetMonthlyReport("431081", June), Roles.Statistician)).Value!.Report;

        GroupCard Card(ProgrammeGroup group) => cockpit.Cards.Single(c => c.Group == group);
        Assert.Equal(Card(ProgrammeGroup.RuralDibao).Households, summary.Figure(WorkSummaryDraft.RuralHouseholds));
        Assert.Equal(Card(ProgrammeGroup.RuralDibao).Persons, summary.Figure(WorkSummaryDraft.RuralPersons));
        Assert.Equal(Card(ProgrammeGroup.UrbanDibao).Households, summary.Figure(WorkSummaryDraft.UrbanHouseholds));
        Assert.Equal(Card(ProgrammeGroup.RuralDibao).FundsYearToDate, summary.Figure(WorkSummaryDraft.RuralFunds));
        Assert.Equal(Card(ProgrammeGroup.UrbanDibao).FundsYearToDate, summary.Figure(WorkSummaryDraft.UrbanFunds));
        Assert.Equal(Card(ProgrammeGroup.ExtremePoverty).FundsYearToDate, summary.Figure(WorkSummaryDraft.ExtremeFunds));
        Assert.Equal(Card(ProgrammeGroup.Temporary).FundsYearToDate, summary.Figure(WorkSummaryDraft.TemporaryFunds));
        Assert.Equal(cockpit.Totals.FundsYearToDate, summary.Figure(WorkSummaryDraft.TotalFunds));

        var extreme = report.Sheet(MonthlyReportLayout.ExtremePoverty);
        Assert.Equal(extreme.Value(extreme.Total, MonthlyReportLayout.TotalPersons), summary.Figure(WorkSummaryDraft.ExtremePersons));
        Assert.Equal(extreme.Value(extreme.Total, MonthlyReportLayout.UrbanInstitutional) + extreme.Value(extreme.Total, MonthlyReportLayout.RuralInstitutional),
            summary.Figure(WorkSummaryDraft.ExtremeInstitutional));
        var children = report.Sheet(MonthlyReportLayout.Children);
        Assert.Equal(children.Value(children.Total, MonthlyReportLayout.Unattended), summary.Figure(WorkSummaryDraft.Unattended));
        Assert.Equal(children.Value(children.Total, MonthlyReportLayout.OrphansScattered), summary.Figure(WorkSummaryDraft.OrphansScattered));
        var summarySheet = report.Sheet(MonthlyReportLayout.Summary);
        Assert.Equal(summarySheet.Value(summarySheet.Total, MonthlyReportLayout.FundsYear), summary.Figure(WorkSummaryDraft.TotalFunds));
        Assert.Equal(1_210_000m, summary.Figure(WorkSummaryDraft.TemporaryFunds)); // the seed report's half year

        // The sentence as the bureau writes it, with the figures as the text shows them.
        var rural = Money.FromYuan(summary.Figure(WorkSummaryDraft.RuralFunds)).WanRounded.ToString("N4");
        Assert.Contains($"截至6月底，全市共保障城市低保对象", summary.Text);
        Assert.Contains($"保障农村低保对象9,836户20,232人，发放农村低保资金{rural}万元", summary.Text);
        Assert.Contains("2023年上半年", summary.Title);
        Assert.Contains("农村低保 A类由320元/人·月提高到380元/人·月", summary.Text);
    }

    [Fact]
    public async Task The_document_is_the_draft_or_the_clerk_s_edit_and_the_command_line_writes_the_same()
    {
        using var draft = new MemoryStream();
        var exported = await _db.SendAsync(new ExportWorkSummary("431081", January, June, null, draft), Roles.Statistician);
        Assert.True(exported.Succeeded, string.Join("；", exported.Errors.Select(e => e.Message)));
        var text = DocumentText(draft);
        Assert.Contains(exported.Value!.Title, text);
        foreach (var paragraph in exported.Value.Paragraphs) Assert.Contains(paragraph.Text, text);

        var edited = exported.Value.Text.Replace("做到应保尽保、应退尽退", "坚持应保尽保");
        using var mine = new MemoryStream();
        Assert.True((await _db.SendAsync(new ExportWorkSummary("431081", January, June, edited, mine), Roles.Statistician)).Succeeded);
        Assert.Contains("坚持应保尽保", DocumentText(mine));
        Assert.DoesNotContain("应退尽退", DocumentText(mine));

        var path = Path.Combine(Path.GetTempPath(), $"summary-{Guid.NewGuid():N}.docx");
        try
        {
            var cli = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Statistician, "export-summary", "--from", "2023-01", "--to", "2023-06", "--out", path);
            Assert.True(cli.ExitCode == 0, cli.Output);
            await using (var file = File.OpenRead(path))
            {
                using var copy = new MemoryStream();
                await file.CopyToAsync(copy);
                Assert.Equal(text.Split('\n').SkipLast(1), DocumentText(copy).Split('\n').SkipLast(1)); // all but who drafted it when
            }
            var bad = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Statistician, "export-summary", "--from", "2023-06", "--to", "2023-01", "--out", path + ".x");
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("起始月份不能晚于截止月份", bad.Output);
            Assert.False(File.Exists(path + ".x"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("2023-06", "2023-01", "起始月份不能晚于截止月份")]
    [InlineData("2022-07", "2023-06", "同一年")]
    [InlineData("2023-01", "2023-12", "尚未计算或关账：2023-07")]
    public async Task A_period_that_cannot_be_summarised_is_refused_in_Chinese(string from, string to, string message)
    {
        var result = await _db.SendAsync(new GetWorkSummary("431081", YearMonth.Parse(from), YearMonth.Parse(to)), Roles.Statistician);
        Assert.False(result.Succeeded);
        Assert.Contains(message, string.Join("；", result.Errors.Select(e => e.Message)));
    }
}
