using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilAffairs.Tests.Browser;

/// <summary>更正, 恢复 and 撤销 in a real browser: a mistyped ID number put right after a closed month, a stop undone by a restore, both taken back.</summary>
public sealed class CorrectionBrowserTests
{
    private static readonly YearMonth November = new(2026, 11);

    [SkippableFact]
    public async Task A_caseworker_corrects_an_ID_number_after_a_closed_month_restores_a_stopped_household_and_undoes_both()
    {
        await using var browser = await BrowserSession.StartAsync();
        var household = await HostArrange.RegisterAsync(browser.Host.Services, "更正测试", IdNumber.Compose("431081", new DateOnly(1961, 6, 6), 515).Value, November);
        await HostArrange.ComputeAsync(browser.Host.Services, November, close: true);
        browser.Host.Clock.Now = browser.Host.Clock.Now.AddMinutes(5); // the clerk's work comes after the close
        var page = await SignIn.InBrowserAsync(browser.Context, browser.BaseAddress, "caseworker", returnUrl: $"/roster/households/{household}");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.Locator("[data-testid^=correct-member-]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=correction-save]")).ToBeDisabledAsync(); // nothing is saved before its preview
        await page.Locator("[data-testid=correct-id] input, input[data-testid=correct-id]").First.FillAsync(IdNumber.Compose("431081", new DateOnly(1962, 6, 6), 515).Value);
        await page.Locator("[data-testid=correct-reason] textarea, textarea[data-testid=correct-reason]").First.FillAsync("出生年份录错");
        await page.Locator("[data-testid=correction-preview]").ClickAsync();
        await Expect(page.Locator("[data-testid=correction-changes]")).ToContainTextAsync("身份证号");
        await Expect(page.Locator("[data-testid=correction-settlement-summary]")).ToContainTextAsync("无需补发或追缴");
        await page.Locator("[data-testid=correction-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("更正：更正测试：身份证号");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("（caseworker）"); // who, by name and login

        await page.Locator("[data-testid=action-stop]").ClickAsync();
        await page.Locator("[data-testid=change-reason]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "收入超过保障标准" }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=change-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=household-status]")).ToHaveTextAsync("已停发");

        await page.Locator("[data-testid=action-restore]").ClickAsync();
        await page.Locator("[data-testid=change-note] textarea, textarea[data-testid=change-note]").First.FillAsync("核查有误，误停");
        await page.Locator("[data-testid=change-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=household-status]")).ToHaveTextAsync("在保");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("恢复：农村低保 A类（原因：核查有误，误停）");

        // The restore was itself a mistake: 撤销 takes it back, then the stop before it; the correction before that stands.
        await page.Locator("[data-testid=action-undo]").ClickAsync();
        await Expect(page.Locator("[data-testid=undo-change]")).ToContainTextAsync("恢复");
        await page.Locator("[data-testid=change-note] textarea, textarea[data-testid=change-note]").First.FillAsync("恢复录错了户");
        await page.Locator("[data-testid=change-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=household-status]")).ToHaveTextAsync("已停发");
        await page.Locator("[data-testid=action-undo]").ClickAsync();
        await Expect(page.Locator("[data-testid=undo-change]")).ToContainTextAsync("停发");
        await page.Locator("[data-testid=change-note] textarea, textarea[data-testid=change-note]").First.FillAsync("停发录错了户");
        await page.Locator("[data-testid=change-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=household-status]")).ToHaveTextAsync("在保");
        await Expect(page.Locator("[data-testid=timeline-undone]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=action-undo]")).ToHaveCountAsync(0);
    }
}
