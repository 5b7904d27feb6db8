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
/// Recoveries reproduce the report's 追缴 of 241,067 yuan: some of the leavers' stops (deaths, income found above the
/// line) are recorded months after the month they take effect, and one temporary case obtained by a false declaration
/// is revoked after it was paid (docs/decisions/010).
/// </summary>
public sealed class DemoPaymentHistory(IDbContextFactory<DashboardDbContext> contexts, IPaymentRun run)
{
    public static readonly YearMonth First = new(2022, 12), Last = new(2023, 6);
    public const int TemporaryPersons = 485;
    public const decimal TemporaryFunds = 1_210_000m;
    private const int LeaversPerMonth = 25;
    public const decimal Recovered = 241_067m;
    /// <summary>The temporary case revoked in May (paid in February); its amount makes the recoveries' odd yuan.</summary>
    public const int RevokedCase = 90;
    public const decimal RevokedAmount = 2_087m;
    private static readonly YearMonth RevokedIn = new(2023, 5);
    private const int LeaverMembers = 3;

    public async Task<int> SeedAsync(int jurisdictionId, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
            if (await db.PaymentMonths.AnyAsync(m => m.JurisdictionId == jurisdictionId, ct)) return 0;

        var random = new Random(2023);
        var leavers = await RegisterLeaversAsync(jurisdictionId, random, ct);
        var late = LateStops(leavers.Count);
        var months = 0;
        for (var month = First; month <= Last; month = month.Next)
        {
            if (month.Year == Last.Year) await MonthOfChangesAsync(jurisdictionId, month, leavers, late, random, ct);
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
            var surname = "王李张刘陈杨"[i % 6];
            var head = new PersonDraft($"{surname}{"守业德胜"[random.Next(4)]}{"平安福"[random.Next(3)]}",
                IdNumber.Compose("431002", birth, 100 + i % 400 * 2 + 1).Value, Relationship.Head);
            var spouse = new PersonDraft($"{"赵孙周吴"[i % 4]}{"秀桂玉"[random.Next(3)]}{"兰英"[random.Next(2)]}",
                IdNumber.Compose("431002", birth.AddDays(200), 100 + i % 400 * 2).Value, Relationship.Spouse);
            var child = new PersonDraft($"{surname}{"小"}{"明华军"[random.Next(3)]}",
                IdNumber.Compose("431002", new DateOnly(2008 + i % 10, 1 + i % 12, 1 + i % 28), 500 + i % 200 * 2 + 1).Value, Relationship.Child);
            households.Add(Household.Register(jurisdictionId, villages[i % villages.Count], $"{1 + i % 9} 组 {10 + i} 号", Residence.Rural,
                Account("621799555" + (100_000_000 + i)), [head, spouse, child], variants[i % 3], new YearMonth(2021, 1 + i % 12), DateTime.UtcNow,
                ReferenceDataSeeder.SeedUser));
        }
        db.Households.AddRange(households);
        db.AuditReason = "演示数据：年内停发的低保户";
        await db.SaveChangesAsync(ct);
        return new Queue<int>(households.Select(h => h.Id));
    }

    /// <summary>
    /// How many months late each leaver's stop is recorded (0 = on time), so the late stops' recoveries and the revoked
    /// case add up to <see cref="Recovered"/> exactly. Leaver i stops in month 2 + i / 25 of the report year at tier
    /// A, B or C (i % 3): 3 persons at 380, 280 or 240 yuan a month, dated back at most to January. An exact change
    /// problem, solved once by dynamic programming; the demo test checks the outcome against the ledger.
    /// </summary>
    public static int[] LateStops(int leavers)
    {
        var monthly = new[] { 380m, 280m, 240m }.Select(a => (int)(a * LeaverMembers)).ToArray();
        var target = (int)(Recovered - RevokedAmount);
        int MaxLate(int i) => 1 + i / LeaversPerMonth;
        var reachable = new int[leavers + 1][];
        reachable[0] = [.. Enumerable.Repeat(-1, target + 1)];
        reachable[0][0] = 0;
        for (var i = 0; i < leavers; i++)
        {
            reachable[i + 1] = [.. Enumerable.Repeat(-1, target + 1)];
            for (var t = 0; t <= target; t++)
                if (reachable[i][t] >= 0)
                    for (var k = 0; k <= MaxLate(i) && t + k * monthly[i % 3] <= target; k++)
                        if (reachable[i + 1][t + k * monthly[i % 3]] < 0) reachable[i + 1][t + k * monthly[i % 3]] = k;
        }
        if (reachable[leavers][target] < 0) throw new InvalidOperationException("The demo's late stops cannot make the report's recoveries.");
        var late = new int[leavers];
        for (int i = leavers - 1, t = target; i >= 0; i--)
        {
            late[i] = reachable[i + 1][t];
            t -= late[i] * monthly[i % 3];
        }
        return late;
    }

    private static int PersonsIn(int monthIndex) => TemporaryPersons / 6 + (monthIndex < TemporaryPersons % 6 ? 1 : 0);

    /// <summary>1,500 to 3,500 yuan in turn (2,500 on average), the revoked case its own amount; the last case makes the half-year total exact.</summary>
    public static decimal TemporaryAmount(int n) =>
        n == RevokedCase ? RevokedAmount
        : n < TemporaryPersons - 1 ? 1_500m + n % 5 * 500m
        : TemporaryFunds - Enumerable.Range(0, TemporaryPersons - 1).Sum(TemporaryAmount);

    private async Task MonthOfChangesAsync(int jurisdictionId, YearMonth month, Queue<int> leavers, int[] late, Random random, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditActor = ReferenceDataSeeder.SeedUser;
        var now = DateTime.UtcNow;
        if (month.Month >= 2)
            for (var i = 0; i < LeaversPerMonth && leavers.Count > 0; i++)
            {
                var leaver = late.Length - leavers.Count;
                var id = leavers.Dequeue();
                var household = await db.Households.Include(h => h.Enrollments).Include(h => h.Events).SingleAsync(h => h.Id == id, ct);
                // A stop found late takes effect from the month it should have: the run recovers what was paid since.
                var effective = month.AddMonths(-late[leaver]);
                household.Stop(effective, i % 3 == 0 ? StopReason.Died : StopReason.IncomeAboveLine, null, now, ReferenceDataSeeder.SeedUser);
                if (RetroactiveChange.ForHousehold(jurisdictionId, id, effective, month.Previous, now) is { } retroactive) db.RetroactiveChanges.Add(retroactive);
            }
        if (month == RevokedIn)
        {
            var number = $"资临救〔2023〕{RevokedCase + 1:D3}号";
            var revoked = await db.TemporaryAssistance.SingleAsync(t => t.JurisdictionId == jurisdictionId && t.ApprovalNumber == number, ct);
            revoked.Revoke("经核查虚报火灾损失，撤销救助并追缴", now, ReferenceDataSeeder.SeedUser);
            if (RetroactiveChange.ForHousehold(jurisdictionId, revoked.HouseholdId, revoked.Month, month.Previous, now) is { } retroactive)
                db.RetroactiveChanges.Add(retroactive);
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

    private static string Account(string body) => body + BankAccountNumber.CheckDigitFor(body);
}
