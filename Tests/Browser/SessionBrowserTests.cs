using System.Text.RegularExpressions;
using CivilAffairs.Domain.Common;
using CivilAffairs.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilAffairs.Tests.Browser;

/// <summary>
/// The probe's idle tab: an open page left alone past the idle limit ends its session and shows nothing more, and a
/// full ID number asks for the password again when the last one was given too long ago.
/// </summary>
public sealed partial class SessionBrowserTests
{
    private static readonly string Number = Domain.Roster.IdNumber.Compose("431081", new DateOnly(1965, 2, 3), 123).Value;

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginPage();

    [SkippableFact]
    public async Task A_tab_left_alone_past_the_idle_limit_is_signed_out_and_the_id_number_is_gone()
    {
        await using var browser = await BrowserSession.StartAsync(new Dictionary<string, string>
        {
            ["Security:Session:IdleMinutes"] = "1",
            ["Security:Session:CheckSeconds"] = "1",
        });
        var household = await HostArrange.RegisterAsync(browser.Host.Services, "王秀英", Number, new YearMonth(2026, 11));
        var page = await SignIn.InBrowserAsync(browser.Context, browser.BaseAddress, "caseworker", returnUrl: $"/roster/households/{household}");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=reveal]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=id-number]").First).ToHaveTextAsync(Number);

        // Half the limit with a click in it: still signed in, and the click counts as use.
        browser.Host.Clock.Now = browser.Host.Clock.Now.AddSeconds(50);
        await page.Locator("[data-testid=signed-in-as]").ClickAsync();
        await Expect(page.Locator("[data-testid=id-number]").First).ToHaveTextAsync(Number);

        // Then nothing for longer than the limit: the page's own check ends the session and leaves for the sign-in page.
        browser.Host.Clock.Now = browser.Host.Clock.Now.AddSeconds(70);
        await Expect(page).ToHaveURLAsync(LoginPage());
        await Expect(page.GetByText(Number)).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task A_full_id_number_asks_for_the_password_again_when_it_was_given_long_ago()
    {
        await using var browser = await BrowserSession.StartAsync();
        var household = await HostArrange.RegisterAsync(browser.Host.Services, "王秀英", Number, new YearMonth(2026, 11));
        var page = await SignIn.InBrowserAsync(browser.Context, browser.BaseAddress, "caseworker", returnUrl: $"/roster/households/{household}");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Twenty minutes on, used all along (within the idle limit) but the password is older than fifteen minutes.
        browser.Host.Clock.Now = browser.Host.Clock.Now.AddMinutes(20);
        await page.Locator("[data-testid=reveal]").First.ClickAsync();
        var dialog = page.Locator("[data-testid=confirm-password-dialog]");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=id-number]").First).Not.ToHaveTextAsync(Number);

        await page.Locator("[data-testid=confirm-password]").FillAsync("not my password");
        await page.Locator("[data-testid=confirm-password-ok]").ClickAsync();
        await Expect(dialog).ToContainTextAsync("密码不正确");

        await page.Locator("[data-testid=confirm-password]").FillAsync(Infrastructure.Identity.AccountBootstrapper.DemoPassword);
        await page.Locator("[data-testid=confirm-password-ok]").ClickAsync();
        await Expect(page.Locator("[data-testid=id-number]").First).ToHaveTextAsync(Number);
    }
}
