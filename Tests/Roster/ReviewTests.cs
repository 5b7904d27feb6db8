using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Cockpit;
using CivilAffairs.Domain.Features.Reviews;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Roster;

/// <summary>
/// 复核: the schedule (yearly for households of elderly or severely disabled members only, half-yearly for the others),
/// its SQL twin held equal to it over three years of days, and a review recorded through the roster's own changes.
/// </summary>
public sealed class ReviewTests : IAsyncLifetime
{
    private static readonly ReviewPolicy Policy = new();
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> RegisterAsync(YearMonth month, params MemberInput[] members) =>
        await _roster.RegisterAsync(month, ProgrammeCatalogue.RuralDibaoA, Residence.Rural, "三都镇", members);

    [Fact]
    public async Task The_query_applies_the_same_schedule_as_the_rule_on_every_day_of_three_years()
    {
        var compositions = new Func<MemberInput[]>[]
        {
            () => [_roster.Member("独居老人", Relationship.Head, 1950)],
            () => [_roster.Member("老人", Relationship.Head, 1948), _roster.Member("重残子女", Relationship.Child, 1990, grade: DisabilityGrade.One)],
            () => [_roster.Member("老人", Relationship.Head, 1949), _roster.Member("子女", Relationship.Child, 1995)],
            () => [_roster.Member("轻残", Relationship.Head, 1980, grade: DisabilityGrade.Three)],
            () => [_roster.Member("将满六十", Relationship.Head, 1966)],   // turns 60 in 2026: stable from then on
            () => [_roster.Member("老人", Relationship.Head, 1947), _roster.Member("重病青年", Relationship.Child, 1992)],   // ill: stable
        };
        var months = new[] { new YearMonth(2025, 1), new YearMonth(2025, 8), new YearMonth(2025, 12), new YearMonth(2026, 2) };
        var reviewed = new DateOnly?[] { null, new DateOnly(2026, 3, 31), new DateOnly(2026, 5, 10), new DateOnly(2026, 8, 31), new DateOnly(2025, 10, 15) };
        var n = 0;
        foreach (var composition in compositions)
            foreach (var month in months)
            {
                var id = await RegisterAsync(month, composition());
                if (reviewed[n++ % reviewed.Length] is { } on && on >= month.FirstDay)
                    Assert.True((await _db.SendAsync(new RecordReview { HouseholdId = id, ReviewedOn = on, Findings = "入户核查，情况属实", Month = new YearMonth(2026, 11) },
                        Roles.Caseworker)).Succeeded);
            }

        await using (var arrange = _db.NewContext())
            foreach (var ill in await arrange.Persons.Where(p => p.Name == "重病青年").ToListAsync())
                Assert.True((await _db.SendAsync(new SetSeriouslyIll { HouseholdId = ill.HouseholdId, PersonId = ill.Id, Month = new YearMonth(2026, 11) },
                    Roles.Caseworker)).Succeeded);
        await using var context = _db.NewContext();
        var households = await context.Households.Include(h => h.Members).AsNoTracking().ToListAsync();
        Assert.Equal(24, households.Count);
        Assert.Equal(4, households.Count(h => h.Members.Any(m => m.SeriouslyIll)));
        foreach (var on in new[] { new DateOnly(2025, 6, 1), new DateOnly(2026, 5, 20), new DateOnly(2026, 11, 15) })
            for (var day = new DateOnly(2025, 1, 1); day <= new DateOnly(2028, 1, 1); day = day.AddDays(1))
            {
                var query = (await context.Households.Where(ReviewSchedule.DueByWhere(day, on, Policy)).Select(h => h.Id).ToListAsync()).Order();
                var rule = households.Where(h => ReviewSchedule.IsDueBy(h.LastReviewedOn, h.RegisteredMonth, ReviewSchedule.IsStable(h, on), Policy, day))
                    .Select(h => h.Id).Order();
                Assert.True(query.SequenceEqual(rule), $"{day} (as of {on}): query [{string.Join(",", query)}] rule [{string.Join(",", rule)}]");
                foreach (var h in households)
                {
                    var due = ReviewSchedule.DueOn(h.LastReviewedOn, h.RegisteredMonth, ReviewSchedule.IsStable(h, on), Policy);
                    Assert.Equal(day >= due, ReviewSchedule.IsDueBy(h.LastReviewedOn, h.RegisteredMonth, ReviewSchedule.IsStable(h, on), Policy, day));
                }
            }
    }

    [Fact]
    public void Stable_households_are_reviewed_yearly_the_others_half_yearly_and_a_month_end_falls_due_the_next_day()
    {
        Assert.Equal(new DateOnly(2024, 3, 1), ReviewSchedule.DueOn(null, new YearMonth(2023, 3), true, Policy));
        Assert.Equal(new DateOnly(2023, 9, 1), ReviewSchedule.DueOn(null, new YearMonth(2023, 3), false, Policy));
        Assert.Equal(new DateOnly(2024, 3, 1), ReviewSchedule.DueOn(new DateOnly(2023, 8, 31), new YearMonth(2023, 1), false, Policy));
        Assert.True(ReviewSchedule.IsSteady(new DateOnly(1963, 11, 15), null, false, new DateOnly(2023, 11, 15)));
        Assert.False(ReviewSchedule.IsSteady(new DateOnly(1963, 11, 16), null, false, new DateOnly(2023, 11, 15)));
        Assert.True(ReviewSchedule.IsSteady(new DateOnly(1990, 1, 1), DisabilityGrade.Two, false, new DateOnly(2023, 11, 15)));
        Assert.False(ReviewSchedule.IsSteady(new DateOnly(1990, 1, 1), DisabilityGrade.Three, false, new DateOnly(2023, 11, 15)));
        Assert.True(ReviewSchedule.IsSteady(new DateOnly(1990, 1, 1), null, true, new DateOnly(2023, 11, 15)));   // 重病
    }

    [Fact]
    public async Task A_review_is_listed_when_due_recorded_on_the_timeline_and_may_change_the_tier_or_stop_the_household()
    {
        var young = await RegisterAsync(new YearMonth(2026, 3), _roster.Member("青年户主", Relationship.Head, 1985));      // due 2026-09-01
        var elderly = await RegisterAsync(new YearMonth(2026, 3), _roster.Member("老年户主", Relationship.Head, 1950));    // due 2027-03-01
        var fresh = await RegisterAsync(new YearMonth(2026, 11), _roster.Member("新户主", Relationship.Head, 1988));      // due 2027-05-01

        var due = await _db.SendAsync(new ListReviewsDue(RosterBuilder.Bureau), Roles.Caseworker);
        var row = Assert.Single(due.Rows);
        Assert.Equal((young, new DateOnly(2026, 9, 1), 75, false), (row.HouseholdId, row.DueOn, row.DaysOverdue, row.Stable));
        Assert.Equal(1, due.Overdue);
        Assert.DoesNotContain(due.Rows, r => r.HouseholdId == elderly || r.HouseholdId == fresh);
        var alert = (await _db.SendAsync(new GetCockpitAlerts(RosterBuilder.Bureau), Roles.Leader)).Single(a => a.Kind == CockpitAlertKind.ReviewsOverdue);
        Assert.Equal(1, alert.Count);

        var future = await _db.SendAsync(new RecordReview { HouseholdId = young, ReviewedOn = new DateOnly(2026, 12, 1), Findings = "x", Month = new YearMonth(2026, 11) }, Roles.Caseworker);
        Assert.Contains("复核日期须在", Assert.Single(future.Errors).Message);
        var tier = await _db.SendAsync(new RecordReview
        {
            HouseholdId = young, ReviewedOn = new DateOnly(2026, 11, 10), Outcome = ReviewOutcome.ChangeTier, VariantCode = ProgrammeCatalogue.RuralDibaoC,
            Month = new YearMonth(2026, 11), Findings = "已在县城务工，收入增加",
        }, Roles.Caseworker);
        Assert.True(tier.Succeeded, string.Join("；", tier.Errors.Select(e => e.Message)));

        var household = (await _db.SendAsync(new GetHousehold(young), Roles.Caseworker))!;
        Assert.Equal(ProgrammeCatalogue.RuralDibaoC, household.OpenDibao!.VariantCode);
        Assert.Contains(household.Timeline, t => t.Description.StartsWith("复核（2026-11-10）：调整类别。已在县城务工"));
        Assert.Empty((await _db.SendAsync(new ListReviewsDue(RosterBuilder.Bureau), Roles.Caseworker)).Rows);

        var stop = await _db.SendAsync(new RecordReview
        {
            HouseholdId = elderly, ReviewedOn = new DateOnly(2026, 11, 12), Outcome = ReviewOutcome.Stop, StopReason = StopReason.IncomeAboveLine,
            Month = new YearMonth(2026, 11), Findings = "子女已赡养，家庭人均收入超过标准",
        }, Roles.Caseworker);
        Assert.True(stop.Succeeded, string.Join("；", stop.Errors.Select(e => e.Message)));
        Assert.Equal(HouseholdStatus.Stopped, (await _db.SendAsync(new GetHousehold(elderly), Roles.Caseworker))!.Status);
    }
}
