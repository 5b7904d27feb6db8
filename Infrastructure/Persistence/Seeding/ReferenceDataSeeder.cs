using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Infrastructure.Persistence.Seeding;

/// <summary>
/// Adds what is missing of the programme catalogue, the demo bureau's area tree and its standards.
/// It only ever inserts what is absent, so a restart changes nothing and staff edits are never overwritten.
/// </summary>
public static class ReferenceDataSeeder
{
    public const string SeedUser = "system";

    public static async Task SeedAsync(DashboardDbContext db, CancellationToken ct = default)
    {
        var knownVariants = await db.ProgrammeVariants.Select(v => v.Code).ToListAsync(ct);
        foreach (var variant in ProgrammeCatalogue.All.Where(v => !knownVariants.Contains(v.Code)))
            db.ProgrammeVariants.Add(new ProgrammeVariant(variant.Code, variant.Name, variant.Programme, variant.Tier,
                variant.Residence, variant.CareMode, variant.SortOrder));

        var knownAreas = await db.Areas.ToDictionaryAsync(a => a.Code, ct);
        var jurisdiction = Ensure(db, knownAreas, DemoBureau.JurisdictionCode, DemoBureau.JurisdictionName, AreaLevel.Jurisdiction, null, 0);
        for (var t = 0; t < DemoBureau.Tree.Count; t++)
        {
            var (townshipName, communities) = DemoBureau.Tree[t];
            var townshipCode = $"{DemoBureau.JurisdictionCode}{t + 1:D3}";
            var township = Ensure(db, knownAreas, townshipCode, townshipName, AreaLevel.Township, jurisdiction, t + 1);
            for (var c = 0; c < communities.Length; c++)
                Ensure(db, knownAreas, $"{townshipCode}{c + 1:D3}", communities[c], AreaLevel.Community, township, c + 1);
        }
        await db.SaveChangesAsync(ct);

        var seededVariants = await db.BenefitStandards.Where(s => s.JurisdictionId == jurisdiction.Id)
            .Select(s => s.VariantCode).Distinct().ToListAsync(ct);
        var recordedAt = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (code, amount2022, amount2023) in DemoBureau.Standards.Where(s => !seededVariants.Contains(s.Variant)))
        {
            var schedule = new StandardSchedule(jurisdiction.Id, ProgrammeCatalogue.Find(code)!, []);
            db.BenefitStandards.Add(schedule.Adjust(amount2022, new YearMonth(2022, 1), DemoBureau.PreviousYearDocument,
                "2022 年度标准", recordedAt.AddYears(-1), SeedUser));
            db.BenefitStandards.Add(schedule.Adjust(amount2023, new YearMonth(2023, 1), DemoBureau.ReportYearDocument,
                "2023 年度提标", recordedAt, SeedUser));
        }
        await db.SaveChangesAsync(ct);
    }

    private static Area Ensure(DashboardDbContext db, Dictionary<string, Area> known, string code, string name,
        AreaLevel level, Area? parent, int sortOrder)
    {
        if (known.TryGetValue(code, out var area)) return area;
        area = new Area(code, name, level, parent, sortOrder);
        db.Areas.Add(area);
        known[code] = area;
        return area;
    }
}
