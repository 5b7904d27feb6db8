using CivilAffairs.Domain.Common;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilAffairs.Infrastructure.Live;

/// <summary>
/// Watches the database's change counters (one tiny row per topic, incremented in the same transaction as every
/// change) and tells subscribers which topics moved. Every instance behind a load balancer runs one, so a change
/// committed on any instance reaches the cockpits on all of them within one poll (docs/decisions/008-live-cockpit.md).
/// </summary>
public sealed class ChangeCounterWatcher(IDbContextFactory<DashboardDbContext> contexts, IConfiguration configuration,
    ILogger<ChangeCounterWatcher> logger) : BackgroundService, IChangeFeed
{
    private Dictionary<ChangeTopic, long>? _seen;

    public event Action<IReadOnlySet<ChangeTopic>>? Changed;

    /// <summary>How often the counters are read; a read is one indexed query of four rows.</summary>
    public TimeSpan Interval => TimeSpan.FromMilliseconds(configuration.GetValue("Live:PollMilliseconds", 250));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // 0 turns live updates off (an instance that serves no cockpit, or a test that takes the database away).
        if (Interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that is briefly unavailable must not stop the watcher; the next tick tries again.
                logger.LogWarning(e, "Reading the change counters failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reads the counters once and raises <see cref="Changed"/> for the topics that moved since the last read.</summary>
    public async Task PollAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = await db.ChangeCounters.AsNoTracking().ToDictionaryAsync(c => c.Topic, c => c.Value, ct);
        var before = _seen;
        _seen = now;
        if (before is null) return;
        var moved = now.Where(c => !before.TryGetValue(c.Key, out var value) || value != c.Value).Select(c => c.Key).ToHashSet();
        if (moved.Count > 0) Changed?.Invoke(moved);
    }
}
