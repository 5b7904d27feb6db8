using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilAffairs.Tests.Browser;

/// <summary>The month's run in the browser: preview it, close it, see it locked; drill from the next preview's 停发 to the household.</summary>
public sealed class PaymentsBrowserTests
{
    [SkippableFact]
    public async Task Preview_a_month_close_it_and_see_it_locked()
    {
        await using var browser = await BrowserSession.StartAsync();
        var household = await HostArrange.RegisterAsync(browser.Host.Services, "发放测试", IdNumber.Compose("431081", new DateOnly(1958, 3, 9), 411).Value, new YearMonth(2026, 11));

        var page = await SignIn.InBrowserAsync(browser.Context, browser.BaseAddress, "caseworker", returnUrl: "/payments");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-testid=next-month]")).ToHaveTextAsync("2026-11");
        await Expect(page.Locator("[data-testid=close]")).ToBeDisabledAsync();

        await page.Locator("[data-testid=compute]").ClickAsync();
        await Expect(page.Locator("[data-testid=state-2026-11]")).ToHaveTextAsync("已计算（预览）");
        await Expect(page.Locator("[data-testid=preview-programmes-total]")).ToContainTextAsync("380.00");
        await Expect(page.Locator("[data-testid=preview-programmes-RuralDibao]")).ToContainTextAsync("1 / 380.00");

        await page.Locator("[data-testid=close]").ClickAsync();
        await page.Locator(".mud-dialog .mud-button-root").Filter(new() { HasText = "关账" }).ClickAsync();
        await Expect(page.Locator("[data-testid=state-2026-11]")).ToHaveTextAsync("已关账");
        await Expect(page.Locator("[data-testid=next-month]")).ToHaveTextAsync("2026-12");

        // Locked: the household's line is final, and a change dated into November is refused or becomes a correction.
        await page.GotoAsync($"{browser.BaseAddress}/roster/households/{household}");
        await Expect(page.Locator("[data-testid=payment-line]")).ToContainTextAsync("新增");
        await Expect(page.Locator("[data-testid=payment-line]")).Not.ToContainTextAsync("预览");

        // December: the household stops; before closing, the preview's 停发 figure opens the household behind it.
        await HostArrange.StopAsync(browser.Host.Services, household, new YearMonth(2026, 12));
        await page.GotoAsync($"{browser.BaseAddress}/payments");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=compute]").ClickAsync();
        await Expect(page.Locator("[data-testid=state-2026-12]")).ToHaveTextAsync("已计算（预览）");
        await page.Locator("[data-testid=preview-programmes-RuralDibao-Stopped]").ClickAsync();
        await Expect(page.Locator("[data-testid=preview-person]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=preview-person]")).ToContainTextAsync("发放测试");
        await Expect(page.Locator("[data-testid=preview-people-summary]")).ToContainTextAsync("380.00");
        await page.Locator("[data-testid=preview-person] a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/roster/households/{household}$"));
        await Expect(page.Locator("[data-testid=household-status]")).ToHaveTextAsync("已停发");
    }
}
