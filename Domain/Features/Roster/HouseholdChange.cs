using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>A dynamic-management change of one household, effective from a month.</summary>
public interface IHouseholdChange
{
    int HouseholdId { get; }
    YearMonth Month { get; }
}

/// <summary>
/// The frame every household change shares: load the household, refuse closed months, apply the change through the
/// aggregate, save it with its audit records in one transaction.
/// </summary>
public static class HouseholdChange
{
    public static async Task<Result> ApplyAsync(IDataSessionFactory data, IHouseholdChange change, string auditReason,
        Func<IDataSession, Household, Task<Result?>> apply, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var household = await session.LoadHouseholdAsync(change.HouseholdId, ct);
        if (household is null) return Result.Failure(nameof(change.HouseholdId), Messages.Get("UnknownHousehold"));
        await session.EnsureMonthOpenAsync(household.JurisdictionId, change.Month, ct);
        if (await apply(session, household) is { Succeeded: false } refused) return refused;
        session.AuditReason = auditReason;
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }
}
