using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Infrastructure.Persistence.Seeding;

/// <summary>
/// The demo bureau's payment history: December of the previous year (the baseline "last month") to June of the report
/// year closed, so half-year totals exist when the dashboard first starts. Each month some households registered for the
/// purpose leave (so additions and cessations show), and temporary assistance adds up to the report's half-year figure
/// (485 persons, 1,210,000 yuan); the roster of the report's head counts is untouched, so June matches the report.
/// </summary>
public sealed class DemoPaymentHistory(IDbContextFactory<DashboardDbContext> contexts, IPaymentRun run)
{
    public static readonly YearMonth First = new(2022, 12), Last = new(2023, 6);
    public const int TemporaryPersons = 485;
    public const decimal TemporaryFunds = 1_210_000m;
    private const int LeaversPerMonth = 25;

    public async Task<int> SeedAsync(int jurisdictionId, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
            if (await db.PaymentMonths.AnyAsync(m => m.JurisdictionId == jurisdictionId, ct)) return 0;

        var random = new Random(2023);
        var leavers = await RegisterLeaversAsync(jurisdictionId, random, ct);
        var months = 0;
        for (var month = First; month <= Last; month = month.Next)
        {
            if (month.Year == Last.Year) await MonthOfChangesAsync(jurisdictionId, month, leavers, random, ct);
            await run.RunAsync(new PaymentRunOrder(jurisdictionId, month, Close: true, null, ReferenceDataSeeder.SeedUser), null, ct);
            months++;
        }
        return months;
    }

    /// <summary>Rural dibao households on the roster since 2021 that stop, a few each month from February to June.</summary>
    private async Task<Queue<int>> RegisterLeaversAsync(int jurisdictionId, Random random, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditActor = ReferenceDataSeeder.SeedUser;
        var villages = await db.Areas.Where(a => a.Level == AreaLevel.Community && a.Parent!.ParentId == jurisdictionId && a.Name.EndsWith("村"))
            .OrderBy(a => a.Id).ToListAsync(ct);
        var variants = new[] { ProgrammeCatalogue.RuralDibaoA, ProgrammeCatalogue.RuralDibaoB, ProgrammeCatalogue.RuralDibaoC }
            .Select(c => ProgrammeCatalogue.Find(c)!).ToArray();
        var households = new List<Household>();
        for (var i = 0; i < LeaversPerMonth * 5; i++)
        {
            var birth = new DateOnly(1955 + random.Next(40), 1 + random.Next(12), 1 + random.Next(28));
            var head = new PersonDraft($"{"王李张刘陈杨"[i % 6]}{"守业德胜"[random.Next(4)]}{"平安福"[random.Next(3)]}",
                IdNumber.Compose("431002", birth, 100 + i % 400 * 2 + 1).Value, Relationship.Head);
            households.Add(Household.Register(jurisdictionId, villages[i % villages.Count], $"{1 + i % 9} 组 {10 + i} 号", Residence.Rural,
                "621799555" + (1_000_000_000 + i), [head], variants[i % 3], new YearMonth(2021, 1 + i % 12), DateTime.UtcNow, ReferenceDataSeeder.SeedUser));
        }
        db.Households.AddRange(households);
        db.AuditReason = "演示数据：年内停发的低保户";
        await db.SaveChangesAsync(ct);
        return new Queue<int>(households.Select(h => h.Id));
    }

    private static int PersonsIn(int monthIndex) => TemporaryPersons / 6 + (monthIndex < TemporaryPersons % 6 ? 1 : 0);

    /// <summary>1,500 to 3,500 yuan in turn (2,500 on average); the last case makes the half-year total exact.</summary>
    public static decimal TemporaryAmount(int n) =>
        n < TemporaryPersons - 1 ? 1_500m + n % 5 * 500m : TemporaryFunds - Enumerable.Range(0, TemporaryPersons - 1).Sum(i => 1_500m + i % 5 * 500m);

    private async Task MonthOfChangesAsync(int jurisdictionId, YearMonth month, Queue<int> leavers, Random random, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditActor = ReferenceDataSeeder.SeedUser;
        if (month.Month >= 2)
            for (var i = 0; i < LeaversPerMonth && leavers.Count > 0; i++)
            {
                var id = leavers.Dequeue();
                var household = await db.Households.Include(h => h.Enrollments).Include(h => h.Events).SingleAsync(h => h.Id == id, ct);
                household.Stop(month, i % 3 == 0 ? StopReason.Died : StopReason.IncomeAboveLine, null, DateTime.UtcNow, ReferenceDataSeeder.SeedUser);
            }

        // Temporary assistance: the half year's 485 persons and 1,210,000 yuan, spread over six months, exactly.
        var index = month.Month - 1;
        var first = Enumerable.Range(0, index).Sum(PersonsIn);
        var people = await db.Persons.Where(p => p.Status == PersonStatus.Active && p.Household!.JurisdictionId == jurisdictionId)
            .OrderBy(p => p.Id).Skip(random.Next(1000) + index * 2000).Take(PersonsIn(index)).Select(p => new { p.Id, p.HouseholdId }).ToListAsync(ct);
        for (var i = 0; i < people.Count; i++)
        {
            var n = first + i;
            db.TemporaryAssistance.Add(TemporaryAssistance.Record(jurisdictionId, people[i].HouseholdId, people[i].Id, 1, month, TemporaryAmount(n),
                (n % 4) switch { 0 => "因病支出型困难", 1 => "遭遇火灾", 2 => "意外事故", _ => "突发重大困难" }, $"资临救〔2023〕{n + 1:D3}号",
                "临时救助审批小组", month.Previous, DateTime.UtcNow, ReferenceDataSeeder.SeedUser));
        }
        db.AuditReason = $"演示数据：{month} 动态管理与临时救助";
        await db.SaveChangesAsync(ct);
    }
}
