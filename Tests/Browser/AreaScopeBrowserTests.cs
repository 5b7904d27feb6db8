using System.Text.RegularExpressions;
using CivilAffairs.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilAffairs.Tests.Browser;

/// <summary>Two township offices at two desks: each sees its own households only, and not the other's by address.</summary>
public sealed partial class AreaScopeBrowserTests
{
    [GeneratedRegex(@"/roster/households/\d+$")]
    private static partial Regex HouseholdPage();

    private static async Task<IPage> RosterAsAsync(IBrowserContext context, string baseAddress, string userName)
    {
        var page = await SignIn.InBrowserAsync(context, baseAddress, userName, returnUrl: "/roster");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-testid=roster-area]").First).ToBeVisibleAsync();
        return page;
    }

    [SkippableFact]
    public async Task Each_township_sees_its_own_households_and_gets_no_access_to_the_other_s()
    {
        await using var db = await TestDatabase.CreateDemoAsync();
        await using var browser = await BrowserSession.StartAsync(databaseFile: db.FilePath);
        var dongjiang = await RosterAsAsync(browser.Context, browser.BaseAddress, "dongjiang");
        var tangdong = await RosterAsAsync(await browser.SecondProfileAsync(), browser.BaseAddress, "tangdong");

        foreach (var (page, township) in new[] { (dongjiang, "东江街道"), (tangdong, "唐洞街道") })
        {
            var areas = await page.Locator("[data-testid=roster-area]").AllInnerTextsAsync();
            Assert.NotEmpty(areas);
            Assert.All(areas, a => Assert.StartsWith(township, a));
        }

        await tangdong.Locator("[data-testid=roster-name]").First.ClickAsync();
        await Expect(tangdong).ToHaveURLAsync(HouseholdPage());
        var theirs = tangdong.Url;
        await Expect(tangdong.Locator("[data-testid=member-row]").First).ToBeVisibleAsync();

        await dongjiang.GotoAsync(theirs);
        await Expect(dongjiang.Locator("h1")).ToContainTextAsync("无权访问");
        await Expect(dongjiang.Locator("[data-testid=member-row]")).ToHaveCountAsync(0);
    }
}
