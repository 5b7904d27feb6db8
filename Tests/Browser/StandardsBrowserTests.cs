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

    [SkippableFact]
    public async Task Entered_by_one_administrator_an_adjustment_waits_until_a_second_approves_it()
    {
        await using var browser = await BrowserSession.StartAsync(new Dictionary<string, string> { ["Standards:SecondApproval"] = "true" });
        var (baseAddress, context) = (browser.BaseAddress, browser.Context);
        var ruralA = ProgrammeCatalogue.RuralDibaoA;

        await SignIn.InBrowserAsync(context, baseAddress, "standards", returnUrl: "/standards");
        var page = await Support.Browser.OpenAsync(context, $"{baseAddress}/standards");
        await page.Locator("[data-testid=open-adjustment]").ClickAsync();
        await page.Locator("[data-testid=document-number]").FillAsync("资民发〔2026〕15号");
        await page.Locator($"[data-testid=new-{ruralA}]").FillAsync("430");
        await page.Locator("[data-testid=adjust-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=impact]")).ToContainTextAsync("调标影响");
        await page.Locator("[data-testid=adjust-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=adjust-dialog]")).ToHaveCountAsync(0);
        var pending = page.Locator("[data-testid=pending-proposals]");
        await Expect(pending).ToContainTextAsync("资民发〔2026〕15号");
        await Expect(pending).ToContainTextAsync("380.00 → 430.00");
        await Expect(page.Locator($"[data-testid=upcoming-{ruralA}]")).Not.ToContainTextAsync("430.00");   // not in force yet

        await context.ClearCookiesAsync();
        await SignIn.InBrowserAsync(context, baseAddress, "standards-check", returnUrl: "/standards");
        page = await Support.Browser.OpenAsync(context, $"{baseAddress}/standards");
        await page.Locator("[data-testid=pending-proposals] button").Filter(new() { HasText = "审核通过" }).ClickAsync();
        await Expect(page.Locator("[data-testid=pending-proposals]")).ToHaveCountAsync(0);
        await Expect(page.Locator($"[data-testid=upcoming-{ruralA}]")).ToContainTextAsync("430.00");
    }
}
