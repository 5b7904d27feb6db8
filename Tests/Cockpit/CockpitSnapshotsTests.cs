using CivilAffairs.Dashboard.Live;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Cockpit;

namespace CivilAffairs.Tests.Cockpit;

/// <summary>Open cockpits share one read per change, and a change re-reads only the panels its topic feeds.</summary>
public sealed class CockpitSnapshotsTests
{
    private sealed class Feed : IChangeFeed
    {
        public event Action<IReadOnlySet<ChangeTopic>>? Changed;
        public void Raise(params ChangeTopic[] topics) => Changed?.Invoke(topics.ToHashSet());
    }

    [Fact]
    public async Task A_change_reloads_only_what_its_topic_feeds_and_once_for_every_cockpit()
    {
        var feed = new Feed();
        using var snapshots = new CockpitSnapshots(feed);
        var figures = new GetCockpitFigures("431081");
        var standards = new GetCockpitStandards("431081", new YearMonth(2023, 6));
        var alerts = new GetCockpitAlerts("431081");
        var loads = new Dictionary<string, int> { ["figures"] = 0, ["standards"] = 0, ["alerts"] = 0 };
        Task Read() => Task.WhenAll(
            snapshots.GetAsync(null, figures, () => { loads["figures"]++; return Task.FromResult(new object()); }),
            snapshots.GetAsync(null, standards, () => { loads["standards"]++; return Task.FromResult(new object()); }),
            snapshots.GetAsync(null, alerts, () => { loads["alerts"]++; return Task.FromResult(new object()); }));

        // A hundred cockpits open: one read of each panel.
        for (var i = 0; i < 100; i++) await Read();
        Assert.Equal((1, 1, 1), (loads["figures"], loads["standards"], loads["alerts"]));

        // A standard changed: the standards and the alerts are read again, the figures are not.
        feed.Raise(ChangeTopic.Standards);
        for (var i = 0; i < 100; i++) await Read();
        Assert.Equal((1, 2, 2), (loads["figures"], loads["standards"], loads["alerts"]));

        // A roster change feeds only the alerts (the figures come from closed or computed months).
        feed.Raise(ChangeTopic.Roster);
        await Read();
        Assert.Equal((1, 2, 3), (loads["figures"], loads["standards"], loads["alerts"]));

        // A month computed or closed: the figures and the alerts.
        feed.Raise(ChangeTopic.Payments);
        await Read();
        Assert.Equal((2, 2, 4), (loads["figures"], loads["standards"], loads["alerts"]));
    }

    [Fact]
    public async Task A_township_account_never_gets_the_bureau_s_figures_for_the_same_request()
    {
        using var snapshots = new CockpitSnapshots(new Feed());
        var figures = new GetCockpitFigures("431081");
        var bureau = await snapshots.GetAsync(null, figures, () => Task.FromResult<object>("全区"));
        var township = await snapshots.GetAsync(7, figures, () => Task.FromResult<object>("东江街道"));
        var again = await snapshots.GetAsync(7, figures, () => Task.FromResult<object>("不应再读"));

        Assert.Equal(("全区", "东江街道", "东江街道"), (bureau, township, again));
    }
}
