using System.Collections.Concurrent;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Cockpit;

namespace CivilAffairs.Dashboard.Live;

/// <summary>
/// The cockpit's data shared by every open cockpit on this instance: when a change arrives, a hundred cockpits with the
/// same filters cause one query, not a hundred. An entry is dropped when a topic that feeds it changes (it subscribes to
/// the change feed before any cockpit does, so it is always invalidated before they refresh). The first cockpit to ask
/// loads through the mediator, with its user's permission check; the page itself requires the cockpit permission.
/// </summary>
public sealed class CockpitSnapshots : IDisposable
{
    private readonly IChangeFeed _feed;
    private readonly ConcurrentDictionary<Key, Lazy<Task<object>>> _entries = new();
    private long _refreshes;

    public CockpitSnapshots(IChangeFeed feed)
    {
        _feed = feed;
        _feed.Changed += Invalidate;
    }

    /// <summary>Cockpit refreshes on this instance since start (the live benchmark waits on it).</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    public void Refreshed() => Interlocked.Increment(ref _refreshes);

    /// <summary>
    /// The shared answer to <paramref name="request"/> for accounts of <paramref name="areaId"/> (null: the bureau). The
    /// same request means different figures to a township's account, so the area is part of the key.
    /// </summary>
    public async Task<T> GetAsync<T>(int? areaId, object request, Func<Task<T>> load) where T : class
    {
        var key = new Key(areaId, request);
        var entry = _entries.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await load()));
        try
        {
            return (T)await entry.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<Key, Lazy<Task<object>>>(key, entry));
            throw;
        }
    }

    private void Invalidate(IReadOnlySet<ChangeTopic> topics)
    {
        foreach (var key in _entries.Keys)
        {
            var stale = key.Request switch
            {
                GetCockpitFigures => topics.Contains(ChangeTopic.Payments),
                GetCockpitStandards => topics.Contains(ChangeTopic.Standards),
                _ => true,
            };
            if (stale) _entries.TryRemove(key, out _);
        }
    }

    public void Dispose() => _feed.Changed -= Invalidate;

    private sealed record Key(int? AreaId, object Request);
}
