using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Features.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilAffairs.Infrastructure.Persistence.Seeding;

/// <summary>
/// Fills an empty roster of the demo bureau with <see cref="DemoRoster"/> and its payment history
/// (<see cref="DemoPaymentHistory"/>); a roster that has households is left alone.
/// </summary>
public sealed class DemoRosterSeeder(IDbContextFactory<DashboardDbContext> contexts, IRosterBulkWriter writer, DemoPaymentHistory payments,
    ILogger<DemoRosterSeeder> logger) : IDemoRoster
{
    string IDemoRoster.JurisdictionCode => DemoBureau.JurisdictionCode;

    Task<RosterBulkResult?> IDemoRoster.SeedAsync(IProgress<int>? progress, CancellationToken ct) => SeedAsync(progress: progress, ct: ct);

    /// <summary>What happened: the counts written, or null when the roster already had households.</summary>
    /// <param name="withPayments">Also close the demo months (the benchmarks generate the roster alone).</param>
    public async Task<RosterBulkResult?> SeedAsync(int scale = 1, IProgress<int>? progress = null, bool withPayments = true, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var jurisdiction = await db.Areas.SingleAsync(a => a.Code == DemoBureau.JurisdictionCode && a.Level == AreaLevel.Jurisdiction, ct);
        if (await db.Households.AnyAsync(h => h.JurisdictionId == jurisdiction.Id, ct)) return null;

        var written = await writer.WriteAsync(jurisdiction.Id, new DemoRoster(scale).Households(), ReferenceDataSeeder.SeedUser,
            "演示花名册（合成数据）", progress, ct);
        logger.LogInformation("Demo roster written: {Households} households, {Persons} persons", written.Households, written.Persons);
        if (!withPayments) return written;
        var months = await payments.SeedAsync(jurisdiction.Id, ct);
        logger.LogInformation("Demo payment months closed: {Months}", months);
        return written;
    }
}
