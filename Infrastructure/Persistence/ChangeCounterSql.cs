using CivilAffairs.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CivilAffairs.Infrastructure.Persistence;

/// <summary>Increments the change counters of the topics a transaction touched, inside that transaction.</summary>
public static class ChangeCounterSql
{
    public static async Task BumpAsync(DatabaseFacade database, IReadOnlyCollection<ChangeTopic> topics, CancellationToken ct)
    {
        if (topics.Count == 0) return;
        await database.ExecuteSqlRawAsync(BumpSql(topics), ct);
    }

    public static string BumpSql(IEnumerable<ChangeTopic> topics) =>
        $"UPDATE ChangeCounters SET Value = Value + 1 WHERE Topic IN ({string.Join(", ", topics.Select(t => (int)t))})";

    /// <summary>The sum of the counters of the run's inputs: it moves whenever the roster, a standard or a temporary case changes.</summary>
    public static string InputsSql => $"SELECT SUM(Value) FROM ChangeCounters WHERE Topic IN ({string.Join(", ", PaymentInputs.Topics.Select(t => (int)t))})";
}
