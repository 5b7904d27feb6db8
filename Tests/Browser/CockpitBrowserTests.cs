using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilAffairs.Tests.Browser;

/// <summary>The cockpit updates by itself, without a reload: from another user's page, and from another instance of the app.</summary>
public sealed class CockpitBrowserTests
{
    private static readonly YearMonth November = new(2026, 11), December = new(2026, 12);

    /// <summary>November closed, December previewed: a change to the roster now makes December's preview outdated.</summary>
    private static async Task<int> ArrangeAsync(IServiceProvider services)
    {
        var household = await HostArrange.RegisterAsync(services, "驾驶舱测试", IdNumber.Compose("431081", new DateOnly(1960, 6, 6), 511).Value, November);
        await HostArrange.ComputeAsync(services, November, close: true);
        await HostArrange.ComputeAsync(services, December, close: false);
        return household;
    }

    private static async Task<IPage> OpenCockpitAsync(IBrowserContext context, string baseAddress)
    {
        var cockpit = await SignIn.InBrowserAsync(context, baseAddress, "leader", returnUrl: "/");
        await cockpit.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(cockpit.Locator("[data-testid=card-RuralDibao-heads]")).ToContainTextAsync("1 户 / 1 人");
        await Expect(cockpit.Locator("[data-testid=no-alerts]")).ToBeVisibleAsync();
        return cockpit;
    }

    [SkippableFact]
    public async Task A_caseworker_stops_a_household_and_the_open_cockpit_shows_it_without_a_reload()
    {
        await using var browser = await BrowserSession.StartAsync();
        var household = await ArrangeAsync(browser.Host.Services);
        var cockpit = await OpenCockpitAsync(browser.Context, browser.BaseAddress);
        await cockpit.EvaluateAsync("window.__notReloaded = true");

        var caseworker = await SignIn.InBrowserAsync(await browser.SecondProfileAsync(), browser.BaseAddress, "caseworker", returnUrl: $"/roster/households/{household}");
        await caseworker.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await caseworker.Locator("[data-testid=action-stop]").ClickAsync();
        await caseworker.Locator("[data-testid=change-reason]").ClickAsync();
        await caseworker.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "死亡" }).First.ClickAsync();
        await Expect(caseworker.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await caseworker.Locator("[data-testid=change-save]").ClickAsync();
        await Expect(caseworker.Locator("[data-testid=household-status]")).ToHaveTextAsync("已停发");

        await Expect(cockpit.Locator("[data-testid=alert-PreviewOutdated]")).ToContainTextAsync("2026-12");
        Assert.True(await cockpit.EvaluateAsync<bool>("window.__notReloaded === true"));
    }

    [SkippableFact]
    public async Task A_change_committed_on_another_instance_reaches_the_cockpit()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var other = new DashboardHost(browser.Host.DatabaseFile);
        other.Start();
        var household = await ArrangeAsync(browser.Host.Services);
        var cockpit = await OpenCockpitAsync(browser.Context, browser.BaseAddress);
        await cockpit.EvaluateAsync("window.__notReloaded = true");

        // Committed through the other instance: this one learns of it only from the database's change counters.
        await HostArrange.StopAsync(other.Services, household, December);

        await Expect(cockpit.Locator("[data-testid=alert-PreviewOutdated]")).ToContainTextAsync("2026-12");
        Assert.True(await cockpit.EvaluateAsync<bool>("window.__notReloaded === true"));
    }

    [SkippableFact]
    public async Task The_meeting_room_screen_fits_1920_by_1080_reads_from_afar_and_follows_the_month_s_state_live()
    {
        await using var browser = await BrowserSession.StartAsync();
        await ArrangeAsync(browser.Host.Services);
        var screen = await SignIn.InBrowserAsync(browser.Context, browser.BaseAddress, "leader", returnUrl: "/screen?month=2026-12");
        await screen.SetViewportSizeAsync(1920, 1080);
        await screen.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(screen.Locator("[data-testid=screen-month]")).ToHaveTextAsync("2026-12（预览）");
        await screen.EvaluateAsync("window.__notReloaded = true");

        // One screen: nothing to scroll, in either direction.
        var overflow = await screen.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight]");
        Assert.True(overflow.All(o => o <= 0), $"scrolls by {overflow[0]}×{overflow[1]} px");
        // Key figures at 48 px or more, every other text at 16 px or more.
        var figures = await screen.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.screen-figure, .screen-card-figure')].map(e => parseFloat(getComputedStyle(e).fontSize))");
        Assert.NotEmpty(figures);
        Assert.All(figures, size => Assert.True(size >= 48, $"{size}px"));
        var smallest = await screen.EvaluateAsync<double>(@"() => Math.min(...[...document.querySelectorAll('[data-testid=screen] *')]
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())).map(e => parseFloat(getComputedStyle(e).fontSize)))");
        Assert.True(smallest >= 16, $"{smallest}px");
        // Township names never overlap one another.
        var overlaps = await screen.EvaluateAsync<int>(@"() => { const r = [...document.querySelectorAll('[data-testid=screen-township]')].map(e => e.getBoundingClientRect());
            let n = 0; for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++)
              if (r[i].left < r[j].right && r[j].left < r[i].right && r[i].top < r[j].bottom && r[j].top < r[i].bottom) n++; return n; }");
        Assert.Equal(0, overlaps);
        Assert.True(await screen.Locator("[data-testid=screen-township]").CountAsync() >= 10);

        await screen.Locator("[data-testid=screen-theme]").ClickAsync();
        await Expect(screen.Locator("[data-testid=screen]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("screen-light"));

        // Another user closes December: the label drops （预览） by itself.
        await HostArrange.ComputeAsync(browser.Host.Services, December, close: true);
        await Expect(screen.Locator("[data-testid=screen-month]")).ToHaveTextAsync("2026-12");
        Assert.True(await screen.EvaluateAsync<bool>("window.__notReloaded === true"));
    }
}
