using CivilAffairs.Domain.Common;

namespace CivilAffairs.Tests.Support;

/// <summary>A clock that stands still, so "this month" is the same in every run.</summary>
public sealed class FixedClock(DateTimeOffset now) : IClock
{
    public static readonly DateTimeOffset November2026 = new(2026, 11, 15, 10, 0, 0, TimeSpan.FromHours(8));

    public DateTimeOffset Now { get; set; } = now;

    /// <summary>The bureau's day, as <see cref="IClock.Today"/> has it (reachable on the class, for arrangers).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.LocalDateTime);
}
