using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CivilAffairs.Tests.Browser;

/// <summary>
/// The newcomer's walk, automated: every page and main dialog, at an office laptop's 1366×768 and at 1920×1080, run
/// through axe-core (WCAG 2.1 AA) — no critical or serious violation — and no error in the browser's console.
/// </summary>
public sealed class AccessibilityBrowserTests
{
    private static readonly string[] Blocking = ["critical", "serious"];

    /// <summary>Each page as the role that uses it; a dialog is opened by the button named after the page.</summary>
    private static readonly (string User, string Path, string? Dialog)[] Pages =
    [
        ("leader", "/", null),
        ("leader", "/screen", null),
        ("caseworker", "/roster", null),
        ("caseworker", "/roster/new", null),
        ("caseworker", "/roster/import", null),
        ("caseworker", "/roster/households/{household}", null),
        ("caseworker", "/roster/households/{household}", "action-stop"),
        ("caseworker", "/roster/households/{household}", "action-correct"),
        ("caseworker", "/payments", null),
        ("caseworker", "/payments/bank", null),
        ("caseworker", "/payments/recoveries", null),
        ("caseworker", "/payments/temporary", null),
        ("standards", "/standards", null),
        ("standards", "/standards", "open-adjustment"),
        ("statistician", "/reports", null),
        ("statistician", "/reports/summary", null),
        ("admin", "/admin", null),
        ("admin", "/admin/audit", null),
        ("admin", "/admin/users", null),
        ("caseworker", "/Account/ChangePassword", null),
        ("binhu", "/applications/new", null),
        ("approver", "/applications", null),
        ("approver", "/postings", null),
        ("caseworker", "/reviews", null),
        ("caseworker", "/warnings", null),
    ];

    /// <summary>An office laptop and a desktop monitor; each page is checked at both without reloading it.</summary>
    private static readonly (int Width, int Height)[] Sizes = [(1366, 768), (1920, 1080)];

    [SkippableFact]
    public async Task Every_page_and_main_dialog_at_both_sizes_has_no_serious_accessibility_violation_and_no_console_error()
    {
        await using var browser = await BrowserSession.StartAsync();
        var household = await HostArrange.RegisterAsync(browser.Host.Services, "无障碍测试", IdNumber.Compose("431081", new DateOnly(1960, 6, 6), 513).Value,
            new YearMonth(2026, 11));
        var problems = new List<string>();

        var anonymous = await browser.SecondProfileAsync();
        var login = anonymous.Pages.FirstOrDefault() ?? await anonymous.NewPageAsync();
        Watch(login, "/Account/Login", problems);
        await login.GotoAsync($"{browser.BaseAddress}/Account/Login");
        await CheckAtBothSizesAsync(login, "/Account/Login", problems);

        foreach (var user in Pages.Select(p => p.User).Distinct())
        {
            var profile = await browser.SecondProfileAsync();
            var page = await SignIn.InBrowserAsync(profile, browser.BaseAddress, user);
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            Watch(page, user, problems);
            foreach (var (_, template, dialog) in Pages.Where(p => p.User == user))
            {
                var path = template.Replace("{household}", household.ToString());
                await page.GotoAsync(browser.BaseAddress + path);
                // The account pages render statically (no circuit); every other page is checked once interactive.
                if (!path.StartsWith("/Account/", StringComparison.Ordinal))
                    await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.Locator("h1").First.WaitForAsync();
                if (dialog is not null)
                {
                    await page.Locator($"[data-testid={dialog}]").ClickAsync();
                    await page.Locator(".mud-dialog").First.WaitForAsync();
                }
                await CheckAtBothSizesAsync(page, dialog is null ? path : $"{path} ({dialog})", problems);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task CheckAtBothSizesAsync(IPage page, string where, List<string> problems)
    {
        foreach (var (width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await CheckAsync(page, $"{where} @{width}×{height}", problems);
        }
    }

    private static void Watch(IPage page, string who, List<string> problems)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (problems) problems.Add($"[console {who}] {message.Text}");
        };
        page.PageError += (_, error) =>
        {
            lock (problems) problems.Add($"[page error {who}] {error}");
        };
    }

    private static async Task CheckAsync(IPage page, string where, List<string> problems)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        lock (problems)
            problems.AddRange(blocking.Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help} — " +
                                                   string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString() + " " + Cut(n.Html)))));
        // A short cell (a name, a status, a month) wrapped onto several lines, or an ID number cut off, is unreadable.
        var wrapped = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('td, .mud-chip-content')]
            .filter(e => e.offsetParent !== null)
            .filter(e => { const t = e.innerText.trim(); if (t.length < 2 || t.length > 8 || t.includes('\n')) return false;
                           const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); const tops = new Set();
                           for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                               if (!n.textContent.trim()) continue;
                               const r = document.createRange(); r.selectNodeContents(n);
                               for (const x of r.getClientRects()) if (x.width > 0) tops.add(Math.round(x.top / 4)); }
                           return tops.size > 1; })
            .map(e => e.innerText.trim()).slice(0, 5)");
        if (wrapped.Length > 0) lock (problems) problems.Add($"{where}: wrapped onto several lines: {string.Join("、", wrapped)}");
        var mains = await page.Locator("main").CountAsync();
        var headings = await page.Locator("h1").CountAsync();
        if (mains != 1 || headings != 1) lock (problems) problems.Add($"{where}: {mains} <main> and {headings} <h1> (one of each expected)");
    }

    private static string Cut(string? html) => html is null ? "" : html.Length <= 120 ? html : html[..120];
}
