using System.Text.RegularExpressions;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static CivilAffairs.Tests.Support.MudControls;

namespace CivilAffairs.Tests.Browser;

/// <summary>A file from the village's desk to the county's approval and the first payment line, in the browser, four accounts in turn.</summary>
public sealed partial class ApplicationBrowserTests
{
    [GeneratedRegex(@"/applications/\d+$")]
    private static partial Regex ApplicationPage();

    [GeneratedRegex(@"/postings/\d+$")]
    private static partial Regex PostingPage();

    private static async Task<IPage> AsAsync(BrowserSession browser, string userName, string url)
    {
        await browser.Context.ClearCookiesAsync();
        var page = await SignIn.InBrowserAsync(browser.Context, browser.BaseAddress, userName, returnUrl: url);
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    [SkippableFact]
    public async Task A_village_application_is_visited_reviewed_posted_approved_by_the_county_and_paid()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var browser = await BrowserSession.StartAsync(databaseFile: db.FilePath);

        // 受理 at the village's desk: its one community is chosen for it.
        var page = await AsAsync(browser, "binhu", "/applications/new");
        await Type(page, "application-address", "滨湖社区 2 栋 302");
        await Choose(page, "application-residence", "城市");
        await Choose(page, "application-variant", "城市低保 B类");
        await Type(page, "application-documents", "申请书、身份证、户口簿");
        await Type(page, "member0-name", "冯秀梅");
        await Type(page, "member0-id", IdNumber.Compose("431081", new DateOnly(1958, 2, 9), 412).Value);
        await page.Locator("[data-testid=application-check]").ClickAsync();
        await Expect(page.Locator("[data-testid=application-clear]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=application-save]").ClickAsync();
        await Expect(page).ToHaveURLAsync(ApplicationPage());
        var file = page.Url;
        await Expect(page.Locator("[data-testid=application-stage]")).ToHaveTextAsync("已受理");

        // 入户调查 by the township's clerk.
        page = await AsAsync(browser, "dongjiang", new Uri(file).AbsolutePath);
        await Type(page, "visit-visitors", "王丽、陈刚");
        await Type(page, "visit-findings", "独居老人，无子女");
        await Type(page, "visit-verification", "无车辆、无房产");
        await page.Locator("[data-testid=visit-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=application-stage]")).ToHaveTextAsync("已调查核对");
        // The visit's photo kept with the file, on its timeline.
        await page.Locator("[data-testid=application-attachments] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "入户照片.jpg", MimeType = "image/jpeg", Buffer = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46],
        });
        await Expect(page.Locator("[data-testid=application-attachments]")).ToContainTextAsync("入户照片.jpg");
        await Expect(page.Locator("[data-testid=application-timeline]")).ToContainTextAsync("附件：入户照片.jpg");

        // 初审 and 公示 by the township's reviewer.
        page = await AsAsync(browser, "dongjiang-review", new Uri(file).AbsolutePath);
        await Choose(page, "review-tier", "城市低保 A类");
        await page.Locator("[data-testid=review-approve]").ClickAsync();
        await Expect(page.Locator("[data-testid=application-stage]")).ToHaveTextAsync("初审通过待公示");
        await page.GotoAsync($"{browser.BaseAddress}/postings");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Choose(page, "posting-community", "东江街道 · 滨湖社区");
        await page.Locator("[data-testid=posting-publish]").ClickAsync();
        await Expect(page).ToHaveURLAsync(PostingPage());
        await Expect(page.Locator("[data-testid=posting-line]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=posting-line]")).ToContainTextAsync("冯*梅");
        await Expect(page.Locator("[data-testid=posting-sheet]")).Not.ToContainTextAsync("冯秀梅");
        await Expect(page.Locator("[data-testid=posting-telephone]")).ToContainTextAsync("监督电话");

        // 审核确认 by the county once the posting period is over.
        browser.Host.Clock.Now = browser.Host.Clock.Now.AddDays(8);
        page = await AsAsync(browser, "approver", new Uri(file).AbsolutePath);
        await Expect(page.Locator("[data-testid=application-waiting]")).ToContainTextAsync("待审核确认");
        await page.Locator("[data-testid=decide-approve]").ClickAsync();
        await Expect(page.Locator("[data-testid=application-stage]")).ToHaveTextAsync("已批准");
        await page.Locator("[data-testid=application-household]").ClickAsync();
        await Expect(page.Locator("[data-testid=household-dibao]")).ToHaveTextAsync("城市低保 A类");

        // The month's run pays the new household: its first payment line is on its page.
        db.Clock.Now = browser.Host.Clock.Now;
        var run = await db.SendAsync(new ComputePaymentMonth { JurisdictionCode = "431081", Month = YearMonth.Of(db.Clock.Today) }, Roles.Caseworker);
        Assert.True(run.Succeeded, string.Join("；", run.Errors.Select(e => e.Message)));
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=payment-line]")).ToHaveCountAsync(1);
    }
}
