using System.Text.RegularExpressions;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Infrastructure.Identity;
using CivilAffairs.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilAffairs.Tests.Browser;

/// <summary>Signing in and out, lockout, role limits and disabling, as staff meet them in the browser.</summary>
public sealed partial class AccountBrowserTests
{
    /// <summary>The one answer to every refused sign-in: unknown name, wrong password, locked or disabled.</summary>
    private const string Refused = "登录名或密码不正确，或该账号暂时不能登录。连续失败多次后账号将暂时锁定；如有疑问请联系系统管理员。";

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginPage();

    [SkippableFact]
    public async Task Sign_in_shows_the_user_and_sign_out_returns_to_the_sign_in_page()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (baseAddress, context) = (browser.BaseAddress, browser.Context);

        var page = context.Pages.FirstOrDefault() ?? await context.NewPageAsync();
        await page.GotoAsync($"{baseAddress}/standards");
        await Expect(page).ToHaveURLAsync(LoginPage());

        await SignIn.InBrowserAsync(context, baseAddress, "standards", returnUrl: "/standards");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToContainTextAsync("演示·标准管理员");
        await Expect(page.Locator($"[data-testid=amount-{ProgrammeCatalogue.RuralDibaoA}]")).ToHaveTextAsync("380.00");

        await page.Locator("[data-testid=sign-out]").ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginPage());
        await page.GotoAsync($"{baseAddress}/standards");
        await Expect(page).ToHaveURLAsync(LoginPage());
    }

    [SkippableFact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (baseAddress, context) = (browser.BaseAddress, browser.Context);

        IPage page = default!;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            page = await SignIn.InBrowserAsync(context, baseAddress, "caseworker", password: $"wrong password {attempt}");
            await Expect(page.Locator("[data-testid=login-error]")).ToHaveTextAsync(Refused);
        }
        page = await SignIn.InBrowserAsync(context, baseAddress, "caseworker", password: "wrong password 5");
        await Expect(page.Locator("[data-testid=login-error]")).ToHaveTextAsync(Refused);

        // Locked: the right password is refused too, with the same words (a locked account is not announced).
        page = await SignIn.InBrowserAsync(context, baseAddress, "caseworker", AccountBootstrapper.DemoPassword);
        await Expect(page.Locator("[data-testid=login-error]")).ToHaveTextAsync(Refused);
        await Expect(page).ToHaveURLAsync(LoginPage());
    }

    [SkippableFact]
    public async Task A_leader_sees_standards_without_the_adjustment_and_is_turned_away_from_administration()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (baseAddress, context) = (browser.BaseAddress, browser.Context);

        var page = await SignIn.InBrowserAsync(context, baseAddress, "leader", returnUrl: "/standards");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator($"[data-testid=amount-{ProgrammeCatalogue.RuralDibaoA}]")).ToHaveTextAsync("380.00");
        await Expect(page.Locator("[data-testid=open-adjustment]")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "用户管理" })).ToHaveCountAsync(0);

        await page.GotoAsync($"{baseAddress}/admin/users");
        await Expect(page.Locator("[data-testid=access-denied]")).ToHaveTextAsync("没有访问权限");
    }

    [SkippableFact]
    public async Task Disabling_a_user_ends_their_open_session_at_once()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (baseAddress, adminContext) = (browser.BaseAddress, browser.Context);
        var staffContext = await browser.SecondProfileAsync();

        var staff = await SignIn.InBrowserAsync(staffContext, baseAddress, "statistician", returnUrl: "/standards");
        await staff.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(staff.Locator($"[data-testid=amount-{ProgrammeCatalogue.RuralDibaoA}]")).ToHaveTextAsync("380.00");

        var admin = await SignIn.InBrowserAsync(adminContext, baseAddress, "admin", returnUrl: "/admin/users");
        await admin.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await admin.Locator("[data-testid=toggle-statistician]").ClickAsync();
        await Expect(admin.Locator("[data-testid=state-statistician]")).ToHaveTextAsync("已停用");

        // Without a reload the statistician's page leaves for the sign-in page.
        await Expect(staff).ToHaveURLAsync(LoginPage());
        var again = await SignIn.InBrowserAsync(staffContext, baseAddress, "statistician");
        await Expect(again.Locator("[data-testid=login-error]")).ToHaveTextAsync(Refused);
    }
}
