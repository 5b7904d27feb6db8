using ClosedXML.Excel;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilAffairs.Tests.Browser;

/// <summary>A statistician previews the month's report and downloads the workbook.</summary>
public sealed class ReportsBrowserTests
{
    [SkippableFact]
    public async Task The_statistician_previews_the_report_and_downloads_it()
    {
        await using var browser = await BrowserSession.StartAsync();
        var november = new YearMonth(2026, 11);
        await HostArrange.RegisterAsync(browser.Host.Services, "报表测试", IdNumber.Compose("431081", new DateOnly(1955, 2, 2), 611).Value, november);
        await HostArrange.ComputeAsync(browser.Host.Services, november, close: true);

        var page = await SignIn.InBrowserAsync(browser.Context, browser.BaseAddress, "statistician", returnUrl: "/reports");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-testid=report-checks]")).ToContainTextAsync("自检全部通过");
        await Expect(page.Locator("[data-testid=row-汇总-农村低保]")).ToContainTextAsync("380.00");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=report-download]").ClickAsync());
        Assert.Equal("统计月报_2026-11.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            using var workbook = new XLWorkbook(path);
            Assert.Equal(7, workbook.Worksheets.Count);
            var total = workbook.Worksheet(MonthlyReportLayout.RuralDibao).RowsUsed().Single(r => r.Cell(1).GetString() == "合计");
            Assert.Equal((1m, 1m, 380m), (total.Cell(2).GetValue<decimal>(), total.Cell(3).GetValue<decimal>(), total.Cell(12).GetValue<decimal>()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
