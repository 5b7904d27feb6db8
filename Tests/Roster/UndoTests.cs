using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Roster;

/// <summary>
/// The caseworker's finding: a change made in error in the open month (the wrong household stopped) could only be
/// answered by another change. 撤销 takes back the latest change while nothing has been paid on it.
/// </summary>
public sealed class UndoTests : IAsyncLifetime
{
    private static readonly YearMonth Jan = new(2023, 1), Jun = new(2023, 6), Jul = new(2023, 7), Aug = new(2023, 8);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<HouseholdDetail> DetailAsync(int household) => _db.SendAsync(new GetHousehold(household), Roles.Caseworker)!;

    /// <summary>Time passes between what a clerk does and the close (the test clock stands still otherwise).</summary>
    private void Later() => _db.Clock.Now = _db.Clock.Now.AddMinutes(1);

    private async Task<Result> UndoAsync(int household, string reason = "录错了户")
    {
        var undoable = (await DetailAsync(household)).Undoable;
        return await _db.SendAsync(new UndoHouseholdChange { HouseholdId = household, EventId = undoable?.Id ?? 0, Reason = reason }, Roles.Caseworker);
    }

    private static void Succeeded(Result result) => Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));

    /// <summary>What a change can alter, as the household page shows it.</summary>
    private static object Shape(HouseholdDetail h) => new
    {
        h.Status, h.CommunityId,
        Members = string.Join("|", h.Members.OrderBy(m => m.Id).Select(m => $"{m.Id}:{m.Name}:{m.Status}:{m.Relationship}:{m.LeftMonth}")),
        Enrollments = string.Join("|", h.Enrollments.OrderBy(e => e.Id).Select(e => $"{e.Id}:{e.VariantCode}:{e.FromMonth}:{e.ToMonth}:{e.StopReason}:{e.StopNote}")),
    };

    [Fact]
    public async Task A_household_stopped_in_error_in_the_open_month_is_undone_and_paid_as_before()
    {
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB);
        await _roster.CloseThroughAsync(Jan, Jun);
        Later();
        var before = Shape(await DetailAsync(household));
        Succeeded(await _db.SendAsync(new StopHousehold { HouseholdId = household, Month = Jul, Reason = StopReason.IncomeAboveLine }, Roles.Caseworker));
        var stopped = await DetailAsync(household);
        Assert.Equal(HouseholdStatus.Stopped, stopped.Status);
        Assert.Equal(HouseholdEventKind.Stopped, stopped.Undoable?.Kind);

        Succeeded(await UndoAsync(household, "停错了户，应为隔壁张家"));

        var after = await DetailAsync(household);
        Assert.Equal(before, Shape(after));
        Assert.True(after.Timeline.Single(t => t.Kind == HouseholdEventKind.Stopped).Undone);
        var undo = after.Timeline.Single(t => t.Kind == HouseholdEventKind.Undone);
        Assert.Contains("停错了户，应为隔壁张家", undo.Description);
        Assert.Contains("停发", undo.Description);
        Assert.Null(after.Undoable); // the registration before it is not undone
        await using (var context = _db.NewContext())
        {
            Assert.Contains(await context.AuditRecords.Where(r => r.EntityType == nameof(Enrollment)).Select(r => r.Reason).ToListAsync(),
                r => r == "撤销：停错了户，应为隔壁张家");
            var events = await context.AuditRecords.Where(r => r.EntityType == nameof(HouseholdEvent)).ToListAsync();
            Assert.DoesNotContain(events, r => r.Changes!.Contains(nameof(HouseholdEvent.UndoState)));
            Assert.Contains(events.SelectMany(r => AuditWording.Changes(r.EntityType, r.Changes)), c => c.Field == "撤销时间");
        }

        await _roster.CloseAsync(Jul);
        await using (var context = _db.NewContext())
        {
            var june = await context.PaymentLines.Where(l => l.HouseholdId == household && l.Month == Jun).ToListAsync();
            var july = await context.PaymentLines.Where(l => l.HouseholdId == household && l.Month == Jul).ToListAsync();
            Assert.Equal(june.Sum(l => l.Amount), july.Sum(l => l.Amount));
            Assert.Equal(june.Count, july.Count);
            Assert.All(july, l => Assert.Equal(PaymentReason.Continuing, l.Reason));
        }
    }

    [Fact]
    public async Task Every_kind_of_change_undone_in_reverse_order_gives_back_the_household_as_it_was()
    {
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoC, members:
        [
            _roster.Member("张建国", Relationship.Head),
            _roster.Member("李秀英", Relationship.Spouse, female: true, grade: DisabilityGrade.One),
        ]);
        await _roster.CloseThroughAsync(Jan, Jun);
        Later();
        var registered = Shape(await DetailAsync(household));
        var other = await _roster.CommunityAsync("东江街道");
        var spouse = await _roster.PersonAsync(household, "李秀英");
        var shapes = new List<object> { registered };

        async Task Change(IRequest<Result> change)
        {
            Succeeded(await _db.SendAsync(change, Roles.Caseworker));
            shapes.Add(Shape(await DetailAsync(household)));
        }
        await Change(new ChangeTier { HouseholdId = household, Month = Jul, VariantCode = ProgrammeCatalogue.RuralDibaoA });
        await Change(new EnrollPerson(household, spouse, ProgrammeCatalogue.DisabilityNursing, Jul));
        await Change(new AddMember { HouseholdId = household, Month = Jul, Member = _roster.Member("张小军", Relationship.Child, birthYear: 2001) });
        await Change(new MoveHousehold(household, other, Jul));
        var nursing = (await DetailAsync(household)).Enrollments.Single(e => e.VariantCode == ProgrammeCatalogue.DisabilityNursing).Id;
        await Change(new EndEnrollment(household, nursing, Jul, StopReason.Other, "评残复核"));
        await Change(new RemoveMember(household, spouse, Jul, Died: false));
        await Change(new StopHousehold { HouseholdId = household, Month = Jul, Reason = StopReason.MovedAway });
        await Change(new RestoreHousehold { HouseholdId = household, Month = Jul, Reason = "停发有误" });

        for (var i = shapes.Count - 1; i > 0; i--)
        {
            Succeeded(await UndoAsync(household));
            Assert.Equal(shapes[i - 1], Shape(await DetailAsync(household)));
        }
        var back = await DetailAsync(household);
        Assert.Null(back.Undoable);
        Assert.Equal(8, back.Timeline.Count(t => t.Undone));
        await using var context = _db.NewContext();
        Assert.Equal(0, await context.HouseholdMoves.CountAsync(m => m.HouseholdId == household));
        Assert.Equal(2, await context.Persons.CountAsync(p => p.HouseholdId == household)); // 张小军 never joined
    }

    [Fact]
    public async Task Only_the_latest_change_is_undone_and_one_paid_in_a_closed_month_is_not()
    {
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB);
        await _roster.CloseThroughAsync(Jan, Jun);
        Later();
        Succeeded(await _db.SendAsync(new ChangeTier { HouseholdId = household, Month = Jul, VariantCode = ProgrammeCatalogue.RuralDibaoA }, Roles.Caseworker));
        var tier = (await DetailAsync(household)).Undoable!;
        Succeeded(await _db.SendAsync(new AddMember { HouseholdId = household, Month = Jul, Member = _roster.Member("张小军", Relationship.Child, birthYear: 2001) }, Roles.Caseworker));

        var older = await _db.SendAsync(new UndoHouseholdChange { HouseholdId = household, EventId = tier.Id, Reason = "录错" }, Roles.Caseworker);
        Assert.False(older.Succeeded);
        Assert.Contains("最近一次", older.Errors.Single().Message);
        Assert.Equal("EventId", older.Errors.Single().Field);

        var noReason = await UndoAsync(household, " ");
        Assert.False(noReason.Succeeded);
        Assert.Equal("Reason", noReason.Errors.Single().Field);

        await _roster.CloseAsync(Jul);
        Later();
        var detail = await DetailAsync(household);
        Assert.Null(detail.Undoable);
        Assert.DoesNotContain(detail.Timeline, t => t.CanUndo);
        var paid = await _db.SendAsync(new UndoHouseholdChange { HouseholdId = household, EventId = detail.Timeline[0].Id, Reason = "录错" }, Roles.Caseworker);
        Assert.False(paid.Succeeded);
        Assert.Contains("尚未结算关账", paid.Errors.Single().Message);
    }

    [Fact]
    public async Task A_correction_after_a_change_leaves_the_change_standing()
    {
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB);
        await _roster.CloseThroughAsync(Jan, Jun);
        Later();
        Succeeded(await _db.SendAsync(new ChangeTier { HouseholdId = household, Month = Jul, VariantCode = ProgrammeCatalogue.RuralDibaoA }, Roles.Caseworker));
        var detail = await DetailAsync(household);
        Succeeded(await _db.SendAsync(new CorrectHousehold
        {
            HouseholdId = household, Address = "3 组 14 号", CommunityId = detail.CommunityId, RegisteredMonth = detail.RegisteredMonth, Reason = "门牌号录错",
        }, Roles.Caseworker));

        Assert.Null((await DetailAsync(household)).Undoable);
    }

    [Fact]
    public async Task A_stop_dated_back_into_closed_months_and_undone_before_the_next_close_recovers_nothing()
    {
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB);
        await _roster.CloseThroughAsync(Jan, Jun);
        Later();
        Succeeded(await _db.SendAsync(new StopHousehold { HouseholdId = household, Month = new YearMonth(2023, 4), Reason = StopReason.Died }, Roles.Caseworker));
        await _roster.ComputeAsync(Jul);
        await using (var context = _db.NewContext())
            Assert.True(await context.PaymentLines.AnyAsync(l => l.HouseholdId == household && l.Month == Jul && l.Reason == PaymentReason.Recovery));

        Succeeded(await UndoAsync(household, "死亡登记录错了人"));
        await _roster.CloseAsync(Jul);

        await using (var context = _db.NewContext())
        {
            var july = await context.PaymentLines.Where(l => l.HouseholdId == household && l.Month == Jul).ToListAsync();
            Assert.DoesNotContain(july, l => l.Reason is PaymentReason.Recovery or PaymentReason.BackPay);
            Assert.NotEmpty(july);
            Assert.Equal(0, await context.Recoveries.CountAsync(r => r.HouseholdId == household));
        }
    }

    [Fact]
    public async Task A_second_move_dated_before_the_first_is_refused_rather_than_written_out_of_order()
    {
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB);
        Succeeded(await _db.SendAsync(new MoveHousehold(household, await _roster.CommunityAsync("东江街道"), Aug), Roles.Caseworker));
        var second = await _db.SendAsync(new MoveHousehold(household, await _roster.CommunityAsync("三都镇"), Jul), Roles.Caseworker);

        Assert.False(second.Succeeded);
        Assert.Equal("Month", second.Errors.Single().Field);
    }
}
