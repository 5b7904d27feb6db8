using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>A dynamic-management change of one household, effective from a month.</summary>
public interface IHouseholdChange
{
    int HouseholdId { get; }
    YearMonth Month { get; }
    /// <summary>The clerk records a change planned for a month after the next open one (see <see cref="ChangeMonthNoLaterThanNextOpen"/>).</summary>
    bool Planned => false;
}

/// <summary>
/// A change that may be dated into a closed payment month (stop, tier change, removal, end of a programme): the money
/// already paid stays in the ledger and the next payment run settles the difference as back pay or recovery.
/// </summary>
public interface ICorrectsClosedMonths : IHouseholdChange;

/// <summary>
/// The frame every household change shares: load the household, refuse closed months (or, for a correction, note the
/// retroactive change for the next payment run), apply the change through the aggregate, save it with its audit
/// records in one transaction.
/// </summary>
public static class HouseholdChange
{
    public static async Task<Result> ApplyAsync(IDataSessionFactory data, IClock clock, IHouseholdChange change, string auditReason,
        Func<IDataSession, Household, Task<Result?>> apply, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var household = await session.LoadHouseholdAsync(change.HouseholdId, ct);
        if (household is null) return Result.Failure(nameof(change.HouseholdId), Messages.Get("UnknownHousehold"));
        var lastClosed = await session.LastClosedMonthAsync(household.JurisdictionId, ct);
        if (change is not ICorrectsClosedMonths)
            BusinessRules.Check(new ChangeCannotBeDatedIntoClosedMonth(change.Month, lastClosed), "Month");
        BusinessRules.Check(await session.MonthNoLaterThanNextOpenAsync(household.JurisdictionId, change.Month, change.Planned, clock, ct), "Month");
        if (await apply(session, household) is { Succeeded: false } refused) return refused;
        if (RetroactiveChange.ForHousehold(household.JurisdictionId, household.Id, change.Month, lastClosed, DateTime.UtcNow) is { } retroactive)
            session.Add(retroactive);
        session.AuditReason = auditReason;
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }
}
