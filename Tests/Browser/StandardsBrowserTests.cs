using CivilAffairs.Domain.Programmes;
using CivilAffairs.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilAffairs.Tests.Browser;

/// <summary>The yearly adjustment as a standards administrator does it, in headless Chromium.</summary>
public sealed class StandardsBrowserTests
{
    [SkippableFact]
    public async Task A_yearly_adjustment_survives_a_reload_and_keeps_the_old_amounts_in_history()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (baseAddress, context) = (browser.BaseAddress, browser.Context);

        await SignIn.InBrowserAsync(context, baseAddress, "standards", returnUrl: "/standards");
        var page = await Support.Browser.OpenAsync(context, $"{baseAddress}/standards");
        var ruralA = ProgrammeCatalogue.RuralDibaoA;
        await Expect(page.Locator($"[data-testid=amount-{ruralA}]")).ToHaveTextAsync("380.00");

        await page.Locator("[data-testid=open-adjustment]").ClickAsync();
        await page.Locator("[data-testid=document-number]").FillAsync("资民发〔2026〕12号");
        await page.Locator($"[data-testid=new-{ruralA}]").FillAsync("420");
        await page.Locator($"[data-testid=new-{ProgrammeCatalogue.UrbanDibaoA}]").FillAsync("600");
        await page.Locator("[data-testid=adjust-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=impact]")).ToContainTextAsync("调标影响");
        await page.Locator("[data-testid=adjust-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=adjust-dialog]")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator($"[data-testid=amount-{ruralA}]")).ToHaveTextAsync("380.00");
        await Expect(page.Locator($"[data-testid=upcoming-{ruralA}]")).ToContainTextAsync("420.00");
        await Expect(page.Locator($"[data-testid=upcoming-{ruralA}]")).ToContainTextAsync("2027-01");

        await page.Locator($"[data-testid=history-{ruralA}]").ClickAsync();
        var amounts = page.Locator("[data-testid=history-amount]");
        await Expect(amounts).ToHaveTextAsync(["420.00", "380.00", "320.00"]);
        await Expect(page.Locator("[data-testid=history-dialog]")).ToContainTextAsync("资民发〔2026〕12号");
    }

    [SkippableFact]
    public async Task A_validation_error_is_shown_in_the_dialog_in_Chinese()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (baseAddress, context) = (browser.BaseAddress, browser.Context);

        await SignIn.InBrowserAsync(context, baseAddress, "standards", returnUrl: "/standards");
        var page = await Support.Browser.OpenAsync(context, $"{baseAddress}/standards");
        await page.Locator("[data-testid=open-adjustment]").ClickAsync();
        await page.Locator($"[data-testid=new-{ProgrammeCatalogue.RuralDibaoA}]").FillAsync("20000");
        await page.Locator("[data-testid=adjust-save]").ClickAsync();

        await Expect(page.Locator("[data-testid=adjust-dialog]")).ToContainTextAsync("标准金额不能超过 10,000.00 元/人·月。");
        await Expect(page.Locator("[data-testid=adjust-dialog]")).ToContainTextAsync("请填写文件号。");
    }
}
