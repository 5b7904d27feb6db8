using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Cockpit;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Features.Standards;

using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Payments;

/// <summary>
/// What an auditor recomputing every line found wrong (issue 11), each reproduced on a migrated database: corrections
/// after a settled retroactive change, children past 18, members paid before birth, a move's month, a late stop.
/// </summary>
public sealed class SettlementDefectTests : IAsyncLifetime
{
    private static readonly YearMonth Jan = new(2023, 1), Feb = new(2023, 2), Mar = new(2023, 3), Apr = new(2023, 4),
        May = new(2023, 5), Jun = new(2023, 6), Jul = new(2023, 7), Aug = new(2023, 8), Sep = new(2023, 9);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<PaymentLine>> LinesAsync(YearMonth month, int? household = null)
    {
        await using var context = _db.NewContext();
        return await context.PaymentLines.AsNoTracking().Where(l => l.Month == month && (household == null || l.HouseholdId == household)).ToListAsync();
    }

    private async Task<int> TownshipAsync(string name)
    {
        await using var context = _db.NewContext();
        return await context.Areas.Where(a => a.Name == name).Select(a => a.Id).SingleAsync();
    }

    private async Task Succeeds<T>(IRequest<T> request) where T : Result
    {
        var result = await _db.SendAsync(request, Roles.Caseworker);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
    }

    private async Task RaiseAsync(string variant, decimal amount, YearMonth from)
    {
        var result = await _db.SendAsync(new AdjustStandards
        {
            JurisdictionCode = RosterBuilder.Bureau, EffectiveFrom = from.FirstDay, DocumentNumber = "资民发〔2023〕20号", Reason = "测试",
            Items = [new() { VariantCode = variant, NewAmount = amount }],
        }, Roles.StandardsAdmin);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
    }

    private MemberInput[] ThreePersons() =>
        [_roster.Member("罗大", Relationship.Head), _roster.Member("罗二", Relationship.Spouse, female: true), _roster.Member("罗三", Relationship.Child, 2001)];

    [Fact]
    public async Task A_standard_raised_after_a_settled_retroactive_tier_change_pays_only_the_difference()
    {
        var changed = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA, members: ThreePersons());
        var other = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB, members: _roster.Member("邓一", Relationship.Head));
        await _roster.CloseThroughAsync(Jan, Jun);
        await Succeeds(new ChangeTier { HouseholdId = changed, Month = Apr, VariantCode = ProgrammeCatalogue.RuralDibaoB });
        await _roster.CloseAsync(Jul);
        Assert.Equal(-3 * 3 * 100m, (await LinesAsync(Jul, changed)).Where(l => l.Reason == PaymentReason.Recovery).Sum(l => l.Amount));

        await RaiseAsync(ProgrammeCatalogue.RuralDibaoB, 300m, Feb);
        await _roster.CloseAsync(Aug);

        var corrections = (await LinesAsync(Aug)).Where(l => l.Reason is PaymentReason.BackPay or PaymentReason.Recovery).ToList();
        // April to July at B for three persons: 20 more each month, nothing else.
        Assert.Equal([(Apr, 60m), (May, 60m), (Jun, 60m), (Jul, 60m)],
            corrections.Where(l => l.HouseholdId == changed).GroupBy(l => l.ForMonth).Select(g => (g.Key, g.Sum(l => l.Amount))).OrderBy(x => x.Key));
        Assert.Equal(6 * 20m, corrections.Where(l => l.HouseholdId == other).Sum(l => l.Amount));
        Assert.All(corrections, l => Assert.Equal(PaymentReason.BackPay, l.Reason));
    }

    [Fact]
    public async Task Raising_the_old_tier_after_a_settled_tier_change_pays_only_the_months_still_in_it()
    {
        var changed = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA, members: ThreePersons());
        var other = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA, members: _roster.Member("邓一", Relationship.Head));
        await _roster.CloseThroughAsync(Jan, Jun);
        await Succeeds(new ChangeTier { HouseholdId = changed, Month = Apr, VariantCode = ProgrammeCatalogue.RuralDibaoB });
        await _roster.CloseAsync(Jul);

        await RaiseAsync(ProgrammeCatalogue.RuralDibaoA, 400m, Feb);
        var outcome = await _roster.CloseAsync(Aug);

        var corrections = (await LinesAsync(Aug)).Where(l => l.Reason is PaymentReason.BackPay or PaymentReason.Recovery).ToList();
        Assert.Equal(0, outcome.Run.RecoveriesFound);
        Assert.Equal([(Feb, 60m), (Mar, 60m)],
            corrections.Where(l => l.HouseholdId == changed).GroupBy(l => l.ForMonth).Select(g => (g.Key, g.Sum(l => l.Amount))).OrderBy(x => x.Key));
        Assert.Equal(6 * 20m, corrections.Where(l => l.HouseholdId == other).Sum(l => l.Amount));
    }

    [Fact]
    public async Task A_childrens_allowance_stops_from_the_month_the_child_is_18_on_its_first_day()
    {
        var id = await _roster.RegisterAsync(Jan, null, members:
        [
            _roster.Member("赵奶奶", Relationship.Head, 1950, true),
            new MemberInput { Name = "赵小宝", IdNumber = IdNumber.Compose("431081", new DateOnly(2005, 8, 15), 211).Value, Relationship = Relationship.Grandchild },
        ]);
        await _roster.EnrollAsync(id, "赵小宝", ProgrammeCatalogue.OrphanScattered, Jan);
        await _roster.CloseThroughAsync(Jan, Jun);
        // Two months ahead, the household page and the cockpit say it will end.
        var before = (await _db.SendAsync(new GetHousehold(id), Roles.Caseworker))!;
        Assert.Equal(Sep, before.Enrollments.Single(e => e.PersonId is not null).EndsAt18);
        var alert = Assert.Single(await _db.SendAsync(new GetCockpitAlerts(RosterBuilder.Bureau), Roles.Leader),
            a => a.Kind == CockpitAlertKind.ChildAllowancesEnding);
        Assert.Equal(1, alert.Count);
        await _roster.CloseThroughAsync(Jul, Aug);
        Assert.Single(await LinesAsync(Aug, id));

        await _roster.ComputeAsync(Sep);

        Assert.Empty(await LinesAsync(Sep, id));
        // Closing August ended the enrolment with the last month the child was under 18, in the household's timeline.
        var after = (await _db.SendAsync(new GetHousehold(id), Roles.Caseworker))!;
        var ended = after.Enrollments.Single(e => e.PersonId is not null);
        Assert.Equal((Aug, StopReason.AgedOut, (YearMonth?)null), (ended.ToMonth!.Value, ended.StopReason!.Value, ended.EndsAt18));
        Assert.Contains(after.Timeline, t => t.Description.Contains("年满18周岁"));
    }

    [Fact]
    public async Task A_member_joins_no_earlier_than_the_month_of_birth()
    {
        var id = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        var baby = new MemberInput { Name = "孙小宝", IdNumber = IdNumber.Compose("431081", new DateOnly(2023, 5, 10), 301).Value, Relationship = Relationship.Child };

        var early = await _db.SendAsync(new AddMember { HouseholdId = id, Month = Feb, Member = baby }, Roles.Caseworker);
        Assert.False(early.Succeeded);
        Assert.Equal("MemberJoinsNoEarlierThanBirthMonth", Assert.Single(early.Errors).Rule);

        var registered = await _db.SendAsync(new RegisterHousehold
        {
            CommunityId = await _roster.CommunityAsync(), Address = "1 组 1 号", Residence = Residence.Rural, VariantCode = ProgrammeCatalogue.RuralDibaoB,
            Month = Mar, Members = [_roster.Member("孙大", Relationship.Head), baby],
        }, Roles.Caseworker);
        Assert.False(registered.Succeeded);

        await Succeeds(new AddMember { HouseholdId = id, Month = May, Member = baby });
    }

    [Fact]
    public async Task Lines_belong_to_the_township_the_household_was_in_for_the_month_they_pay_for()
    {
        await using (var context = _db.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync($"DELETE FROM BenefitStandards WHERE EffectiveFrom = {Jan.Key}");
            await context.Database.ExecuteSqlRawAsync("UPDATE BenefitStandards SET EffectiveTo = NULL");
        }
        var id = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        await _roster.CloseThroughAsync(Jan, Mar);
        var before = await TownshipAsync("三都镇");
        var after = await TownshipAsync("蓼江镇");
        var village = (await _db.SendAsync(new ListAreas(RosterBuilder.Bureau), Roles.Caseworker)).Single(t => t.Name == "蓼江镇").Communities[0].Id;

        // A move planned from May, a raise back to January: April's lines and the back pay stay with the old township.
        await Succeeds(new MoveHousehold(id, village, May));
        await RaiseAsync(ProgrammeCatalogue.RuralDibaoA, 380m, Jan);
        await _roster.CloseAsync(Apr);
        var april = await LinesAsync(Apr, id);
        Assert.Equal(2 * 3, april.Count(l => l.Reason == PaymentReason.BackPay));
        Assert.All(april, l => Assert.Equal(before, l.TownshipId));

        await _roster.ComputeAsync(May);
        Assert.All(await LinesAsync(May, id), l => Assert.Equal(after, l.TownshipId));
    }

    [Fact]
    public async Task A_stop_found_late_is_recorded_whatever_changed_since_and_settles_as_recovery()
    {
        var id = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        await _roster.CloseThroughAsync(Jan, Mar);
        var village = (await _db.SendAsync(new ListAreas(RosterBuilder.Bureau), Roles.Caseworker)).Single(t => t.Name == "蓼江镇").Communities[0].Id;
        await Succeeds(new MoveHousehold(id, village, Apr));

        // The head died in February; the family only reports it in April.
        await Succeeds(new StopHousehold { HouseholdId = id, Month = Feb, Reason = StopReason.Died });
        var outcome = await _roster.ComputeAsync(Apr);

        var lines = await LinesAsync(Apr, id);
        Assert.Equal(-2 * 2 * 380m, lines.Where(l => l.Reason == PaymentReason.Recovery).Sum(l => l.Amount));
        Assert.DoesNotContain(lines, l => l.Reason <= PaymentReason.StandardChange);
        Assert.Equal(2, outcome.Run.RecoveriesFound);
    }

    [Fact]
    public async Task A_wrong_standard_is_corrected_over_its_months_and_closed_months_settle()
    {
        var id = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        await _roster.CloseThroughAsync(Jan, Mar);
        await using var context = _db.NewContext();
        var january = await context.BenefitStandards.AsNoTracking().SingleAsync(s => s.VariantCode == ProgrammeCatalogue.RuralDibaoA && s.EffectiveFrom == Jan);

        var noReason = await _db.SendAsync(new CorrectStandard { VersionId = january.Id, NewAmount = 390m, DocumentNumber = "资民发〔2023〕21号" }, Roles.StandardsAdmin);
        Assert.False(noReason.Succeeded);
        var corrected = await _db.SendAsync(new CorrectStandard
        {
            VersionId = january.Id, NewAmount = 390m, DocumentNumber = "资民发〔2023〕21号", Reason = "录入错误：文件为 390 元",
        }, Roles.StandardsAdmin);
        Assert.True(corrected.Succeeded, string.Join("；", corrected.Errors.Select(e => e.Message)));
        var again = await _db.SendAsync(new CorrectStandard { VersionId = january.Id, NewAmount = 395m, DocumentNumber = "x", Reason = "再次" }, Roles.StandardsAdmin);
        Assert.Equal("CorrectionMustNameAVersionInForce", Assert.Single(again.Errors).Rule);

        // History keeps both; the correction is in force over the same months.
        var history = await _db.SendAsync(new GetStandardHistory(RosterBuilder.Bureau, ProgrammeCatalogue.RuralDibaoA), Roles.StandardsAdmin);
        var both = history.Where(v => v.EffectiveFrom == Jan).ToList();
        Assert.Equal([(1, false, 390m), (0, true, 380m)], both.Select(v => (v.Revision, v.IsSuperseded, v.MonthlyAmount)));
        var inForce = await _db.SendAsync(new GetStandardsInForce(RosterBuilder.Bureau, Feb), Roles.StandardsAdmin);
        Assert.Equal(390m, inForce.Single(s => s.Variant.Code == ProgrammeCatalogue.RuralDibaoA).Current!.MonthlyAmount);

        await _roster.CloseAsync(Apr);
        var april = await LinesAsync(Apr, id);
        Assert.Equal(2 * 3 * 10m, april.Where(l => l.Reason == PaymentReason.BackPay).Sum(l => l.Amount));
        Assert.All(april.Where(l => l.Reason <= PaymentReason.StandardChange), l => Assert.Equal(390m, l.Amount));

        // Corrected down again, below what was paid: January to April are recovered.
        var down = await _db.SendAsync(new CorrectStandard { VersionId = corrected.Value, NewAmount = 385m, DocumentNumber = "资民发〔2023〕22号", Reason = "复核" },
            Roles.StandardsAdmin);
        Assert.True(down.Succeeded, string.Join("；", down.Errors.Select(e => e.Message)));
        var outcome = await _roster.ComputeAsync(May);
        Assert.Equal(2 * 4 * 5m, outcome.Run.Totals.Recovery);
        Assert.Equal(2, outcome.Run.RecoveriesFound);
    }

    /// <summary>A household with a temporary case of 2,067 yuan paid in February, January to March closed.</summary>
    private async Task<(int Household, Result<int> Case)> PaidTemporaryCaseAsync(int persons)
    {
        var id = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        var recorded = await _db.SendAsync(new Domain.Features.TemporaryAssistance.RecordTemporaryAssistance
        {
            HouseholdId = id, Persons = persons, Month = Feb, Amount = 2_067m, Reason = "火灾", ApprovalNumber = $"资临救〔2023〕00{persons}号", ApprovedBy = "审批组",
        }, Roles.Caseworker);
        Assert.True(recorded.Succeeded);
        await _roster.CloseThroughAsync(Jan, Mar);
        return (id, recorded);
    }

    [Fact]
    public async Task Revoked_temporary_assistance_of_a_closed_month_is_recovered_once()
    {
        var (id, recorded) = await PaidTemporaryCaseAsync(2);

        var noReason = await _db.SendAsync(new Domain.Features.TemporaryAssistance.RevokeTemporaryAssistance(recorded.Value, " "), Roles.Caseworker);
        Assert.False(noReason.Succeeded);
        await Succeeds(new Domain.Features.TemporaryAssistance.RevokeTemporaryAssistance(recorded.Value, "虚报火灾损失"));
        var april = await _roster.CloseAsync(Apr);

        var recovery = Assert.Single(await LinesAsync(Apr, id), l => l.Reason == PaymentReason.Recovery);
        Assert.Equal((Feb, -2_067m, recorded.Value), (recovery.ForMonth, recovery.Amount, recovery.TemporaryAssistanceId!.Value));
        Assert.Equal(1, april.Run.RecoveriesFound);
        var may = await _roster.ComputeAsync(May);
        Assert.Equal(0m, may.Run.Totals.Recovery);
    }

    /// <summary>
    /// The invariant is restored from whatever the ledger holds, in both directions: a temporary case found paid short
    /// (say, a ledger restored from a backup taken mid-run) is paid the rest, one paid too much is recovered.
    /// </summary>
    [Theory]
    [InlineData(1_500.00, 567.00)]
    [InlineData(2_567.00, -500.00)]
    public async Task A_temporary_case_of_a_closed_month_settles_to_its_amount_whatever_the_ledger_holds(decimal held, decimal settles)
    {
        var (id, recorded) = await PaidTemporaryCaseAsync(1);
        await using (var context = _db.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync(
                $"UPDATE PaymentLines SET AmountFen = {(long)(held * 100)} WHERE TemporaryAssistanceId = {recorded.Value}");
            context.RetroactiveChanges.Add(RetroactiveChange.ForHousehold(1, id, Feb, Mar, DateTime.UtcNow)!);
            var jurisdiction = await context.Households.Where(h => h.Id == id).Select(h => h.JurisdictionId).SingleAsync();
            context.Entry(context.RetroactiveChanges.Local.Single()).Property(r => r.JurisdictionId).CurrentValue = jurisdiction;
            await context.SaveChangesAsync();
        }

        await _roster.CloseAsync(Apr);

        var correction = Assert.Single(await LinesAsync(Apr, id), l => l.TemporaryAssistanceId == recorded.Value);
        Assert.Equal((Feb, settles, settles > 0 ? PaymentReason.BackPay : PaymentReason.Recovery), (correction.ForMonth, correction.Amount, correction.Reason));
        // The rule agrees everywhere; only February's seal and recorded total tell that its ledger was edited after close.
        var verification = await _db.SendAsync(new Domain.Features.Payments.VerifyLedger(RosterBuilder.Bureau), Roles.Admin);
        Assert.All(verification.Differences, d => Assert.True(d.ForMonth == Feb && d.PersonId is null && d.HouseholdId is null, d.Description));
        Assert.Contains(verification.Differences, d => d.Description.StartsWith($"{Feb} 的台账与关账时的封存不符"));
    }
}
