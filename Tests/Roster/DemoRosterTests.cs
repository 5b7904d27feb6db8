using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Infrastructure.Persistence.Seeding;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Roster;

/// <summary>The demo roster reproduces the source report's head counts and obeys the roster's rules.</summary>
public sealed class DemoRosterTests(DemoRosterTests.Seeded fixture) : IClassFixture<DemoRosterTests.Seeded>
{
    /// <summary>One seeded database for the class: the tests only read it (seeding again must change nothing).</summary>
    public sealed class Seeded : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Database = await TestDatabase.CreateAsync();
            Assert.NotNull(await Database.Services.GetRequiredService<DemoRosterSeeder>().SeedAsync());
        }

        public async Task DisposeAsync() => await Database.DisposeAsync();
    }

    private TestDatabase Db => fixture.Database;

    private static readonly YearMonth ReportMonth = new(2023, 6);

    [Fact]
    public async Task The_head_counts_match_the_report()
    {
        await using var db = Db.NewContext();
        async Task<(int Households, int Persons)> Dibao(Programme programme)
        {
            var households = db.Enrollments.Where(e => e.PersonId == null && e.ToMonth == null && e.Variant!.Programme == programme).Select(e => e.HouseholdId);
            return (await households.CountAsync(), await db.Persons.CountAsync(p => p.Status == PersonStatus.Active && households.Contains(p.HouseholdId)));
        }
        Task<int> PersonsIn(params string[] variants) =>
            db.Enrollments.CountAsync(e => e.PersonId != null && e.ToMonth == null && variants.Contains(e.VariantCode));

        Assert.Equal((9_836, 20_232), await Dibao(Programme.RuralDibao));
        Assert.Equal((2_329, 3_980), await Dibao(Programme.UrbanDibao));
        Assert.Equal(502, await PersonsIn(ProgrammeCatalogue.ExtremePovertyUrbanInstitutional, ProgrammeCatalogue.ExtremePovertyRuralInstitutional));
        Assert.Equal(761, await PersonsIn(ProgrammeCatalogue.ExtremePovertyUrbanAtHome, ProgrammeCatalogue.ExtremePovertyRuralAtHome));
        Assert.Equal(32, await PersonsIn(ProgrammeCatalogue.OrphanInstitutional, ProgrammeCatalogue.OrphanScattered));
        Assert.Equal(66, await PersonsIn(ProgrammeCatalogue.UnattendedChild));
        // 54,768 person-times of the two disability subsidies in six months = 9,128 a month.
        Assert.Equal(54_768, 6 * await PersonsIn(ProgrammeCatalogue.DisabilityLiving, ProgrammeCatalogue.DisabilityNursing));
    }

    [Fact]
    public async Task The_demo_has_December_to_June_closed_and_June_matches_the_report()
    {
        await using var db = Db.NewContext();
        var months = await db.PaymentMonths.AsNoTracking().OrderBy(m => m.Month).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => new YearMonth(2022, 12).AddMonths(i)), months.Select(m => m.Month));
        Assert.All(months, m => Assert.Equal(Domain.Payments.PaymentMonthState.Closed, m.State));

        var june = await db.PaymentSummaries.AsNoTracking().Where(s => s.Month == ReportMonth).ToListAsync();
        var variants = ProgrammeCatalogue.All.ToDictionary(v => v.Code);
        (int, int) Of(Programme programme) => (june.Where(s => variants[s.VariantCode].Programme == programme).Sum(s => s.Households),
            june.Where(s => variants[s.VariantCode].Programme == programme).Sum(s => s.Persons));
        Assert.Equal((9_836, 20_232), Of(Programme.RuralDibao));
        Assert.Equal((2_329, 3_980), Of(Programme.UrbanDibao));
        Assert.Equal(1_263, Of(Programme.ExtremePoverty).Item2);

        // Temporary assistance over the half year: the report's 485 persons and 1,210,000 yuan.
        var temporary = await db.PaymentSummaries.AsNoTracking().Where(s => s.VariantCode == ProgrammeCatalogue.Temporary).ToListAsync();
        Assert.Equal((485, 1_210_000m), (temporary.Sum(s => s.Persons), temporary.Sum(s => s.Amount)));
        // Each month from February some households stop, so cessations show.
        Assert.All(await db.PaymentSummaries.AsNoTracking().Where(s => s.Month >= new YearMonth(2023, 2)).GroupBy(s => s.Month)
            .Select(g => g.Sum(s => s.StoppedHouseholds)).ToListAsync(), stopped => Assert.True(stopped >= 25));
        Assert.Empty(await Db.Services.GetRequiredService<Domain.Payments.IPaymentRun>().CheckSummariesAsync(months[0].JurisdictionId, default));
    }

    [Fact]
    public async Task The_half_years_recoveries_are_the_reports_241067_yuan_from_late_stops_and_a_revoked_case()
    {
        await using var db = Db.NewContext();
        var months = await db.PaymentMonths.AsNoTracking().Where(m => m.Month >= new YearMonth(2023, 1)).ToListAsync();
        Assert.Equal(241_067m, months.Sum(m => m.RecoveryAmount));
        Assert.Equal(0m, months.Sum(m => m.BackPayAmount));
        var recoveries = await db.Recoveries.AsNoTracking().ToListAsync();
        Assert.Equal(241_067m, recoveries.Sum(r => r.Amount));
        var revoked = await db.TemporaryAssistance.AsNoTracking().SingleAsync(t => t.RevokedAtUtc != null);
        Assert.Equal((new YearMonth(2023, 2), 2_087m), (revoked.Month, revoked.Amount));
        // The late stops reach back at most to January: nothing is recovered at December's standards.
        Assert.DoesNotContain(await db.PaymentLines.AsNoTracking().Where(l => l.Reason == Domain.Payments.PaymentReason.Recovery).Select(l => l.ForMonth).ToListAsync(),
            m => m < new YearMonth(2023, 1));
    }

    [Fact]
    public async Task Every_person_and_enrolment_obeys_the_roster_rules()
    {
        await using var db = Db.NewContext();
        var persons = await db.Persons.AsNoTracking().ToListAsync();
        Assert.All(persons, p => Assert.Null(IdNumber.Check(p.IdNumber)));
        Assert.Equal(persons.Count, persons.Select(p => p.IdNumber).Distinct().Count());
        Assert.All(persons, p => Assert.Equal(IdNumber.Parse(p.IdNumber).BirthDate, p.BirthDate));
        // Nobody joins a household, or is paid, before the month of birth.
        Assert.All(persons, p => Assert.True(p.JoinedMonth.LastDay >= p.BirthDate, $"{p.Id} joined {p.JoinedMonth}, born {p.BirthDate}"));
        var birth = persons.ToDictionary(p => p.Id, p => p.BirthDate);
        var paid = await db.PaymentLines.AsNoTracking().Where(l => l.PersonId != null).Select(l => new { l.PersonId, l.ForMonth }).ToListAsync();
        Assert.DoesNotContain(paid, l => birth[l.PersonId!.Value] > l.ForMonth.LastDay);
        Assert.All(await db.Households.Select(h => db.Persons.Count(p => p.HouseholdId == h.Id && p.Relationship == Relationship.Head)).ToListAsync(),
            heads => Assert.Equal(1, heads));

        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.ToMonth == null).ToListAsync();
        var dibaoHouseholds = enrollments.Where(e => e.PersonId is null).Select(e => e.HouseholdId).ToHashSet();
        var byId = persons.ToDictionary(p => p.Id);
        foreach (var e in enrollments.Where(e => e.PersonId is not null))
        {
            var person = byId[e.PersonId!.Value];
            switch (ProgrammeCatalogue.Find(e.VariantCode)!.Programme)
            {
                case Programme.DisabilityNursing: Assert.Contains(person.DisabilityGrade, new DisabilityGrade?[] { DisabilityGrade.One, DisabilityGrade.Two }); break;
                case Programme.DisabilityLiving: Assert.True(person.IsDisabled && dibaoHouseholds.Contains(person.HouseholdId)); break;
                case Programme.ExtremePoverty: Assert.DoesNotContain(person.HouseholdId, dibaoHouseholds); break;
                case Programme.Orphan or Programme.UnattendedChild: Assert.True(person.IsMinorAt(ReportMonth)); break;
            }
        }
    }

    [Fact]
    public async Task The_roster_is_the_same_every_time_and_seeding_twice_adds_nothing()
    {
        Assert.Null(await Db.Services.GetRequiredService<DemoRosterSeeder>().SeedAsync());

        var again = new DemoRoster().Households().SelectMany(h => h.Members).Select(m => m.Draft.IdNumber).Take(500).ToList();
        await using var db = Db.NewContext();
        var stored = await db.Persons.OrderBy(p => p.Id).Select(p => p.IdNumber).Take(500).ToListAsync();
        Assert.Equal(again, stored);
    }

    [Fact]
    public void A_scaled_roster_for_the_benchmarks_multiplies_every_count()
    {
        var households = new DemoRoster(scale: 3).Households().ToList();
        var single = new DemoRoster().Households().ToList();
        Assert.Equal(3 * single.Count, households.Count);
        Assert.Equal(3 * single.Sum(h => h.Members.Count), households.Sum(h => h.Members.Count));
        var ids = households.SelectMany(h => h.Members).Select(m => m.Draft.IdNumber).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids.Take(2_000), id => Assert.Null(IdNumber.Check(id)));
    }

    [Fact]
    public async Task Search_works_over_the_demo_roster()
    {
        var page = await Db.SendAsync(new Domain.Features.Roster.SearchRoster(new Domain.Features.Roster.RosterFilter("431081", Programme: Programme.RuralDibao), PageSize: 50),
            Domain.Security.Roles.Caseworker);
        Assert.Equal((1_000, false), (page.TotalCount, page.TotalIsExact));
        Assert.Equal(50, page.Rows.Count);
        Assert.Equal(20_232, await Db.SendAsync(new Domain.Features.Roster.CountRoster(new Domain.Features.Roster.RosterFilter("431081", Programme: Programme.RuralDibao)),
            Domain.Security.Roles.Caseworker));
    }
}
