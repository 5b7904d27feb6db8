using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Roster;

/// <summary>低保边缘家庭 and 知青: statuses counted on the cockpit and in the work summary, never paid.</summary>
public sealed class TrackedGroupsTests : IAsyncLifetime
{
    private static readonly YearMonth November = new(2026, 11);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_near_poverty_household_and_a_sent_down_youth_are_counted_and_not_paid()
    {
        var near = await _roster.RegisterAsync(November, null);                      // no dibao: just above the line
        var dibao = await _roster.RegisterAsync(November, ProgrammeCatalogue.RuralDibaoA);
        Assert.True((await _db.SendAsync(new SetNearPoverty { HouseholdId = near, Month = November }, Roles.Caseworker)).Succeeded);
        var refused = await _db.SendAsync(new SetNearPoverty { HouseholdId = dibao, Month = November }, Roles.Caseworker);
        Assert.Equal("享受低保的家庭不能同时登记为低保边缘家庭。", Assert.Single(refused.Errors).Message);
        var youth = await _roster.PersonAsync(dibao, "张建国");
        Assert.True((await _db.SendAsync(new SetSentDownYouth { HouseholdId = dibao, PersonId = youth, Month = November }, Roles.Caseworker)).Succeeded);

        var counted = await _db.SendAsync(new GetTrackedGroups(RosterBuilder.Bureau, November), Roles.Leader);
        Assert.Equal((1, 2, 1), (counted.NearPovertyHouseholds, counted.NearPovertyPersons, counted.SentDownYouth));
        Assert.Equal(0, (await _db.SendAsync(new GetTrackedGroups(RosterBuilder.Bureau, November.Previous), Roles.Leader)).NearPovertyHouseholds);
        var household = (await _db.SendAsync(new GetHousehold(near), Roles.Caseworker))!;
        Assert.True(household.NearPoverty);
        Assert.Contains(household.Timeline, t => t.Description.StartsWith("纳入低保边缘家庭"));

        Assert.True((await _db.SendAsync(new ComputePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = November }, Roles.Caseworker)).Succeeded);
        var summary = await _db.SendAsync(new GetWorkSummary(RosterBuilder.Bureau, November, November), Roles.Statistician);
        Assert.Contains("另将低保边缘家庭1户2人、知青1人纳入动态监测。", summary.Value!.Paragraphs[0].Text);
        Assert.Contains(summary.Value.Figures, f => f.Key == "低保边缘家庭户数" && f.Value == 1);
        await using var context = _db.NewContext();
        Assert.DoesNotContain(context.PaymentLines, l => l.HouseholdId == near);   // counted, never paid

        Assert.True((await _db.SendAsync(new SetNearPoverty { HouseholdId = near, Include = false, Month = November }, Roles.Caseworker)).Succeeded);
        Assert.Equal(0, (await _db.SendAsync(new GetTrackedGroups(RosterBuilder.Bureau, November), Roles.Leader)).NearPovertyHouseholds);
    }

    [Fact]
    public async Task A_severely_disabled_adult_of_a_near_poverty_household_receives_dibao_alone()
    {
        var household = await _roster.RegisterAsync(November, null, Residence.Rural, "三都镇",
            _roster.Member("父亲", Relationship.Head, 1962), _roster.Member("重残儿子", Relationship.Child, 1994, grade: DisabilityGrade.One));
        var father = await _roster.PersonAsync(household, "父亲");
        var son = await _roster.PersonAsync(household, "重残儿子");

        var early = await _db.SendAsync(new EnrollSinglePerson(household, son, ProgrammeCatalogue.RuralDibaoA, November), Roles.Caseworker);
        Assert.Contains("请先将该户纳入低保边缘家庭", Assert.Single(early.Errors).Message);
        Assert.True((await _db.SendAsync(new SetNearPoverty { HouseholdId = household, Month = November }, Roles.Caseworker)).Succeeded);
        var able = await _db.SendAsync(new EnrollSinglePerson(household, father, ProgrammeCatalogue.RuralDibaoA, November), Roles.Caseworker);
        Assert.Contains("成年的重度残疾人", Assert.Single(able.Errors).Message);

        Assert.True((await _db.SendAsync(new EnrollSinglePerson(household, son, ProgrammeCatalogue.RuralDibaoA, November), Roles.Caseworker)).Succeeded);
        // Receiving dibao alone, he may have the living subsidy that requires a dibao household.
        Assert.True((await _db.SendAsync(new EnrollPerson(household, son, ProgrammeCatalogue.DisabilityLiving, November), Roles.Caseworker)).Succeeded);
        Assert.True((await _db.SendAsync(new ComputePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = November }, Roles.Caseworker)).Succeeded);

        await using var context = _db.NewContext();
        var lines = context.PaymentLines.Where(l => l.HouseholdId == household).ToList();
        Assert.All(lines, l => Assert.Equal(son, l.PersonId));      // only he is paid
        Assert.Contains(lines, l => l.VariantCode == ProgrammeCatalogue.RuralDibaoA);
        Assert.Contains(lines, l => l.VariantCode == ProgrammeCatalogue.DisabilityLiving);
    }

    [Fact]
    public async Task A_seriously_ill_adult_qualifies_for_single_person_dibao_too()
    {
        var household = await _roster.RegisterAsync(November, null, Residence.Rural, "三都镇",
            _roster.Member("母亲", Relationship.Head, 1965, female: true), _roster.Member("尿毒症女儿", Relationship.Child, 1996, female: true));
        var daughter = await _roster.PersonAsync(household, "尿毒症女儿");
        Assert.True((await _db.SendAsync(new SetNearPoverty { HouseholdId = household, Month = November }, Roles.Caseworker)).Succeeded);
        Assert.False((await _db.SendAsync(new EnrollSinglePerson(household, daughter, ProgrammeCatalogue.RuralDibaoA, November), Roles.Caseworker)).Succeeded);

        Assert.True((await _db.SendAsync(new SetSeriouslyIll { HouseholdId = household, PersonId = daughter, Month = November }, Roles.Caseworker)).Succeeded);
        Assert.True((await _db.SendAsync(new EnrollSinglePerson(household, daughter, ProgrammeCatalogue.RuralDibaoA, November), Roles.Caseworker)).Succeeded);
        Assert.True((await _db.SendAsync(new GetHousehold(household), Roles.Caseworker))!.Members.Single(m => m.Id == daughter).SeriouslyIll);
    }
}
