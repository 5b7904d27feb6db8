namespace CivilAffairs.Domain.Common;

/// <summary>
/// Tells subscribers which topics changed, whichever instance of the application committed the change: it watches the
/// database's change counters (docs/decisions/008-live-cockpit.md).
/// </summary>
public interface IChangeFeed
{
    event Action<IReadOnlySet<ChangeTopic>>? Changed;
}
