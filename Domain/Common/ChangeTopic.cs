namespace CivilAffairs.Domain.Common;

/// <summary>
/// What a committed change touched. The database keeps one counter per topic, incremented in the same transaction as
/// the change, so anyone (a payment run, a cockpit on another instance) can tell whether something moved.
/// </summary>
public enum ChangeTopic
{
    Roster = 1,
    Standards = 2,
    TemporaryAssistance = 3,
    Payments = 4,
    /// <summary>动态监测: departments' records imported, warnings raised or resolved (the cockpit counts them; the run does not read them).</summary>
    Monitoring = 5,
}

/// <summary>What the payment run reads: a preview is current while the sum of these topics' counters has not moved.</summary>
public static class PaymentInputs
{
    public static IReadOnlyList<ChangeTopic> Topics { get; } = [ChangeTopic.Roster, ChangeTopic.Standards, ChangeTopic.TemporaryAssistance];
}

/// <summary>A topic's counter value.</summary>
public sealed class ChangeCounter
{
    private ChangeCounter() { }

    public ChangeCounter(ChangeTopic topic) => Topic = topic;

    public ChangeTopic Topic { get; private set; }
    public long Value { get; private set; }
}
