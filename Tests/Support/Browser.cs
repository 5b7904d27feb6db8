using Microsoft.Playwright;

namespace CivilAffairs.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright. On CI (the CI variable set) a missing browser fails the run;
/// on a developer machine without Chromium the browser tests are skipped with this message.
/// </summary>
public static class Browser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool MustRun => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static void SkipUnlessAvailable()
    {
        if (File.Exists(ExecutablePath)) return;
        if (MustRun) throw new InvalidOperationException($"CI is set but {ExecutablePath} is missing: install Debian's chromium.");
        Skip.If(true, $"Chromium not found at {ExecutablePath}: install it (apt-get install -y chromium) to run the browser tests.");
    }

    public static async Task<(IPlaywright Playwright, IBrowserContext Context)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        // Two cores run the whole suite at once: a page may take longer than Playwright's 5 s default to answer.
        Assertions.SetDefaultExpectTimeout(20_000);
        var profile = Directory.CreateTempSubdirectory("civil-affairs-chromium-");
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Locale = "zh-CN",
            ViewportSize = new() { Width = 1400, Height = 1000 },
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        context.SetDefaultTimeout(30_000);
        return (playwright, context);
    }

    /// <summary>Opens a page and waits until Blazor is interactive: clicks during prerendering are lost.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = context.Pages.FirstOrDefault() ?? await context.NewPageAsync();
        await page.GotoAsync(url);
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }
}

/// <summary>A running dashboard and a browser profile pointed at it, disposed together.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private IPlaywright _playwright = default!;

    public DashboardHost Host { get; private set; } = default!;
    public IBrowserContext Context { get; private set; } = default!;
    public string BaseAddress { get; private set; } = "";

    /// <summary>Skips without Chromium (outside CI), starts the app on a free port and opens a browser profile.</summary>
    /// <param name="databaseFile">A database arranged beforehand (e.g. a copy of the demo's); by default a new empty one.</param>
    public static async Task<BrowserSession> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? databaseFile = null)
    {
        Browser.SkipUnlessAvailable();
        var session = new BrowserSession { Host = new DashboardHost(databaseFile) };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) session.Host.Settings[key] = value;
        session.BaseAddress = session.Host.Start();
        (session._playwright, session.Context) = await Browser.LaunchAsync();
        return session;
    }

    /// <summary>A second, separate browser profile (another user at another desk).</summary>
    public async Task<IBrowserContext> SecondProfileAsync()
    {
        var (playwright, context) = await Browser.LaunchAsync();
        _others.Add((playwright, context));
        return context;
    }

    private readonly List<(IPlaywright, IBrowserContext)> _others = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var (playwright, context) in _others)
        {
            await context.DisposeAsync();
            playwright.Dispose();
        }
        await Context.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
    }
}
