using Mediator;
using System.Diagnostics;
using CivilAffairs.Dashboard.Components.Pages.Cockpit;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Cockpit;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Live;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CivilAffairs.Benchmarks;

/// <summary>
/// The cockpit at a million persons and twelve closed months: its data for one month beside the naive GROUP BY over
/// the ledger, the time from a committed change to the re-render of 100 open cockpits, and the memory of each.
/// </summary>
public static class CockpitBenchmark
{
    // Every township office and the meeting room (issue 14); BENCH_CIRCUITS overrides it for a quicker look.
    private static readonly int Circuits = int.TryParse(Environment.GetEnvironmentVariable("BENCH_CIRCUITS"), out var n) ? n : 1_000;

    public static async Task<int> RunAsync(int scale)
    {
        // The payments benchmark leaves thirteen closed months behind it; run it first.
        var file = Path.Combine(Path.GetTempPath(), $"civil-affairs-bench-pay-{scale}.db");
        if (!File.Exists(file)) await PaymentRunBenchmark.RunAsync(scale);
        await using (var host = await BenchmarkHost.OpenAsync(file))
            await CloseTwelveMonthsAsync(host);

        await using var bench = await BenchmarkHost.OpenAsync(file);
        await using var scope = await bench.ScopeAsync();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var latest = (await sender.Send(new GetCockpitFigures("431081"), default)).Month!.Value;
        long lines;
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM PaymentLines";
            lines = (long)(await count.ExecuteScalarAsync())!;
        }
        Console.WriteLine($"ledger: {lines:N0} lines, 12 closed months to {latest}");

        var (median, p95) = await Timing.MeasureAsync(async () =>
        {
            await sender.Send(new GetCockpitFigures("431081", latest), default);
            await sender.Send(new GetCockpitStandards("431081", latest), default);
            await sender.Send(new GetCockpitAlerts("431081"), default);
        });
        Console.WriteLine($"cockpit data for {latest} (figures, standards, alerts) from the summaries: median {median:N1} ms, p95 {p95:N1} ms");
        var (figuresMedian, _) = await Timing.MeasureAsync(() => sender.Send(new GetCockpitFigures("431081", latest), default).AsTask());
        var (standardsMedian, _) = await Timing.MeasureAsync(() => sender.Send(new GetCockpitStandards("431081", latest), default).AsTask());
        var (alertsMedian, _) = await Timing.MeasureAsync(() => sender.Send(new GetCockpitAlerts("431081"), default).AsTask());
        Console.WriteLine($"  of which figures {figuresMedian:N1} ms, standards {standardsMedian:N1} ms, alerts {alertsMedian:N1} ms (medians)");
        var (townMedian, _) = await Timing.MeasureAsync(() => sender.Send(new GetCockpitFigures("431081", latest, null, 2), default).AsTask());
        Console.WriteLine($"  filtered to one township: median {townMedian:N1} ms");
        // The data alone, without the naive comparison and the 1,000 circuits.
        if (Environment.GetEnvironmentVariable("BENCH_ONLY") == "data") return 0;

        if (Environment.GetEnvironmentVariable("BENCH_ONLY") == "live")
        {
            await LiveAsync(bench, file);
            return 0;
        }
        var (naive, naiveP95) = await Timing.MeasureAsync(() => NaiveAsync(file, latest), warmup: 1, runs: 5);
        Console.WriteLine($"the same figures by a plain GROUP BY over the ledger (the naive way): median {naive:N0} ms, p95 {naiveP95:N0} ms");

        await LiveAsync(bench, file);
        return 0;
    }

    /// <summary>Closes months after the last closed one until twelve are closed.</summary>
    private static async Task CloseTwelveMonthsAsync(BenchmarkHost host)
    {
        await using var scope = await host.ScopeAsync();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var months = await sender.Send(new ListPaymentMonths("431081"), default);
        var closed = months.Months.Count(m => m.State == PaymentMonthState.Closed);
        for (var month = months.NextMonth; closed < 12; month = month.Next, closed++)
        {
            var watch = Stopwatch.StartNew();
            var result = await sender.Send(new ClosePaymentMonth { JurisdictionCode = "431081", Month = month, ComputeFirst = true }, default);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
            Console.WriteLine($"  closed {month}: {watch.Elapsed.TotalSeconds:N1} s");
        }
    }

    /// <summary>What the cockpit would cost without summaries: the month, last month and the year so far grouped from the lines.</summary>
    private static async Task NaiveAsync(string file, YearMonth month)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var from = Math.Min(month.AddMonths(-11).Key, new YearMonth(month.Year, 1).Key);
        command.CommandText = $"""
            SELECT Month, TownshipId, VariantCode, COUNT(DISTINCT HouseholdId), SUM(PersonCount), SUM(AmountFen)
            FROM PaymentLines WHERE JurisdictionId = 1 AND Month BETWEEN {from} AND {month.Key} AND Reason <> {(int)PaymentReason.Recovery}
            GROUP BY Month, TownshipId, VariantCode
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }

    /// <summary>
    /// 100 cockpits, each a circuit as the server holds one: its own service scope and renderer (Blazor's HtmlRenderer,
    /// which keeps the components and their render trees like a circuit does, without a browser) over one root service
    /// provider and one change feed. A change is committed and the time until all 100 have re-rendered is taken.
    /// </summary>
    private static async Task LiveAsync(BenchmarkHost bench, string file)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={file}", ["Database:Provider"] = "Sqlite", ["Bureau:JurisdictionCode"] = "431081",
        }).Build();
        // The cockpits go through the real pipeline, which reads the caller's standing from the database: a real leader,
        // created as an administrator would create one (through the mediator, as the operator account).
        string leader;
        await using (var scope = await bench.ScopeAsync())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var existing = (await sender.Send(new ListUsers(), default)).FirstOrDefault(u => u.UserName == "bench-leader")?.Id;
            if (existing is null)
            {
                var created = await sender.Send(new CreateUser
                {
                    UserName = "bench-leader", DisplayName = "基准测试领导", Unit = "民政局", Password = "Zixing-cockpit-benchmark-2026", Roles = [Roles.Leader],
                }, default);
                existing = created.Succeeded ? created.Value! : throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Message)));
            }
            leader = existing;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        Dashboard.DependencyInjection.AddDashboardCore(services, configuration, Directory.GetCurrentDirectory());
        services.AddSingleton<ICurrentUser>(new BenchmarkUser(leader));
        services.AddMudServices();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<IJSRuntime, NoJavaScript>();
        services.AddScoped<NavigationManager, BenchmarkNavigation>();
        var permissions = Roles.PermissionsOf([Roles.Leader]);
        services.AddAuthorizationCore(o =>
        {
            foreach (var permission in Enum.GetValues<Permission>())
                o.AddPolicy(permission.ToString(), p => p.RequireAssertion(_ => permissions.Contains(permission)));
        });
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, LeaderState>();
        await using var root = services.BuildServiceProvider();
        var feed = root.GetRequiredService<ChangeCounterWatcher>();
        var snapshots = root.GetRequiredService<Dashboard.Live.CockpitSnapshots>();
        await feed.StartAsync(default);

        async Task<(AsyncServiceScope Scope, HtmlRenderer Renderer)> OpenCircuitAsync()
        {
            var scope = root.CreateAsyncScope();
            var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
            await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var page = await renderer.RenderComponentAsync<CockpitPage>();
                await page.QuiescenceTask;
                if (!page.ToHtmlString().Contains("card-RuralDibao-heads")) throw new InvalidOperationException("The cockpit showed no figures.");
            });
            return (scope, renderer);
        }

        // One circuit first, so the measurement is of circuits, not of start-up (model building, first queries).
        var warm = await OpenCircuitAsync();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var circuits = new List<(AsyncServiceScope Scope, HtmlRenderer Renderer)>();
        for (var i = 0; i < Circuits; i++) circuits.Add(await OpenCircuitAsync());
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"{Circuits} open cockpits: {(after - before) / Circuits / 1024.0:N0} KB of managed memory each (scope, renderer, components, render trees, data)");

        var refreshed = snapshots.Refreshes;
        var watch = Stopwatch.StartNew();
        await using (var scope = await bench.ScopeAsync())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var year = (await sender.Send(new GetCockpitFigures("431081"), default)).Month!.Value.Year;
            await sender.Send(new SetAnnualBudget("431081", year, 1_000_000_000m + Random.Shared.Next(1, 1000) * 100m), default);
        }
        var committed = watch.Elapsed.TotalMilliseconds;
        while (snapshots.Refreshes < refreshed + Circuits + 1)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("The cockpits did not all refresh within a minute.");
            await Task.Delay(5);
        }
        Console.WriteLine($"commit to re-render in all {Circuits} cockpits: {watch.Elapsed.TotalMilliseconds:N0} ms (the commit itself {committed:N0} ms; the feed polls every {feed.Interval.TotalMilliseconds:N0} ms)");
        await feed.StopAsync(default);
        foreach (var (scope, renderer) in circuits.Append(warm))
        {
            await renderer.DisposeAsync();
            await scope.DisposeAsync();
        }
    }

    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    }

    private sealed class BenchmarkNavigation : NavigationManager
    {
        public BenchmarkNavigation() => Initialize("http://localhost/", "http://localhost/");
    }

    private sealed class LeaderState : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench-leader")], "benchmark"))));
    }

    private sealed class BenchmarkUser(string userId) : ICurrentUser
    {
        public Task<Principal> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(new Principal(userId, "bench-leader"));
    }
}
