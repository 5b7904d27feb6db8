using System.Text.Json;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Roster;

/// <summary>
/// The newcomer's finding: there was no edit at all. 更正 puts right what was entered wrong, audited field by field,
/// and when it changes what closed months were due, shows the settlement before saving and the next run pays it.
/// </summary>
public sealed class CorrectionTests : IAsyncLifetime
{
    private static readonly YearMonth Jan = new(2023, 1), Feb = new(2023, 2), Mar = new(2023, 3), Apr = new(2023, 4), Jun = new(2023, 6), Jul = new(2023, 7);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static string Id(DateOnly birth, int sequence) => IdNumber.Compose("431081", birth, sequence).Value;

    private async Task<MemberDetail> MemberAsync(int household, string name) =>
        (await _db.SendAsync(new GetHousehold(household), Roles.Caseworker))!.Members.Single(m => m.Name == name);

    private static MemberInput InputOf(MemberDetail m, string idNumber) => new()
    {
        Name = m.Name, IdNumber = idNumber, Relationship = m.Relationship, DisabilityCategory = m.DisabilityCategory,
        DisabilityGrade = m.DisabilityGrade, WorkCapacity = m.WorkCapacity,
    };

    [Fact]
    public async Task A_mistyped_ID_number_that_made_a_child_18_too_soon_is_corrected_and_the_missed_months_are_paid_in_the_next_run()
    {
        var household = await _roster.RegisterAsync(Jan, null, members:
        [
            new MemberInput { Name = "张建国", IdNumber = Id(new DateOnly(1962, 4, 8), 31), Relationship = Relationship.Head },
            new MemberInput { Name = "张小明", IdNumber = Id(new DateOnly(2005, 3, 10), 51), Relationship = Relationship.Grandchild },
        ]);
        await _roster.EnrollAsync(household, "张小明", ProgrammeCatalogue.OrphanScattered, Jan);
        await _roster.CloseThroughAsync(Jan, Jun);
        await using (var context = _db.NewContext())
        {
            var paid = await context.PaymentLines.Where(l => l.HouseholdId == household).Select(l => l.ForMonth).ToListAsync();
            Assert.Equal([Jan, Feb, Mar], paid.Distinct().Order()); // 18 on 2023-03-10 by the mistyped number: nothing from April
        }
        var child = await MemberAsync(household, "张小明");
        var corrected = Id(new DateOnly(2006, 3, 10), 51);
        var correction = new CorrectMember { HouseholdId = household, PersonId = child.Id, Member = InputOf(child, corrected), Reason = "身份证号录错一位（出生年份）", PreviewOnly = true };

        var preview = await _db.SendAsync(correction, Roles.Caseworker);

        Assert.True(preview.Succeeded, string.Join("；", preview.Errors.Select(e => e.Message)));
        var monthly = await MonthlyAmountAsync(household, Feb);
        Assert.Equal([Apr, new YearMonth(2023, 5), Jun], preview.Value!.Settlement.Select(s => s.Month));
        Assert.All(preview.Value.Settlement, s => Assert.Equal((0m, monthly, "张小明"), (s.Before, s.After, s.PersonName)));
        Assert.Equal(3 * monthly, preview.Value.BackPay);
        Assert.Equal(Jul, preview.Value.SettledIn);
        Assert.Contains(preview.Value.Changes, c => c.Field == "身份证号");
        Assert.Equal(2005, (await MemberAsync(household, "张小明")).BirthDate.Year); // a preview saves nothing

        correction.PreviewOnly = false;
        var saved = await _db.SendAsync(correction, Roles.Caseworker);
        Assert.True(saved.Value!.Saved);

        var after = await MemberAsync(household, "张小明");
        Assert.Equal(new DateOnly(2006, 3, 10), after.BirthDate);
        var detail = (await _db.SendAsync(new GetHousehold(household), Roles.Caseworker))!;
        Assert.Null(detail.Enrollments.Single(e => e.PersonId == child.Id).ToMonth); // the end at 18 re-dated: open again
        Assert.Contains(detail.Timeline, t => t.Kind == HouseholdEventKind.Corrected && t.Description.Contains("身份证号") && t.Description.Contains("出生年份"));
        await using (var context = _db.NewContext())
        {
            var audit = await context.AuditRecords.Where(r => r.EntityType == nameof(Person) && r.Reason!.StartsWith("更正：")).ToListAsync();
            var changes = JsonSerializer.Serialize(audit.Select(a => a.Changes));
            Assert.Contains("IdNumber", changes);
            Assert.DoesNotContain(corrected, string.Join("", audit.Select(a => a.Changes))); // the number masked in the trail
        }

        var july = await _roster.CloseAsync(Jul);
        Assert.Equal(3 * monthly, july.Run.Totals.BackPay);
        var check = await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin);
        Assert.True(check.Agrees, string.Join("\n", check.Differences.Select(d => d.Description)));
    }

    [Fact]
    public async Task A_disability_grade_corrected_below_the_nursing_subsidy_s_grades_recovers_what_it_paid()
    {
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA, members:
        [
            _roster.Member("张建国", Relationship.Head),
            _roster.Member("李秀英", Relationship.Spouse, female: true, grade: DisabilityGrade.Two),
        ]);
        await _roster.EnrollAsync(household, "李秀英", ProgrammeCatalogue.DisabilityNursing, Jan);
        await _roster.CloseThroughAsync(Jan, Mar);
        var wife = await MemberAsync(household, "李秀英");
        var input = InputOf(wife, (await RevealAsync(wife.Id)));
        input.DisabilityGrade = DisabilityGrade.Three;
        var nursing = await MonthlyAmountAsync(household, Jan, ProgrammeCatalogue.DisabilityNursing);

        var preview = await _db.SendAsync(new CorrectMember { HouseholdId = household, PersonId = wife.Id, Member = input, Reason = "残疾证等级录错", PreviewOnly = true }, Roles.Caseworker);

        Assert.Equal(3 * nursing, preview.Value!.Recovery);
        Assert.Equal(0m, preview.Value.BackPay);
        Assert.Contains(preview.Value.Changes, c => c.Field == "重度残疾人护理补贴" && c.After!.Contains("不应享受"));

        var saved = await _db.SendAsync(new CorrectMember { HouseholdId = household, PersonId = wife.Id, Member = input, Reason = "残疾证等级录错" }, Roles.Caseworker);
        Assert.True(saved.Succeeded);
        var detail = (await _db.SendAsync(new GetHousehold(household), Roles.Caseworker))!;
        Assert.True(detail.Enrollments.Single(e => e.VariantCode == ProgrammeCatalogue.DisabilityNursing).NeverTookEffect);
        var april = await _roster.CloseAsync(Apr);
        Assert.Equal(3 * nursing, april.Run.Totals.Recovery);
        Assert.True((await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin)).Agrees);
    }

    [Fact]
    public async Task The_household_s_address_account_and_registration_month_are_corrected_with_a_reason_and_checked_as_at_entry()
    {
        var household = await _roster.RegisterAsync(Mar, ProgrammeCatalogue.RuralDibaoA);
        await _roster.CloseThroughAsync(Jan, Apr);
        var community = await _roster.CommunityAsync();
        CorrectHousehold Correction(string account = "6217995550009876546", YearMonth? month = null, string reason = "户主提供了正确的账号") => new()
        {
            HouseholdId = household, Address = "3 组 12 号", BankAccount = account, CommunityId = community, RegisteredMonth = month ?? Mar, Reason = reason,
        };

        var bad = await _db.SendAsync(Correction("abc"), Roles.Caseworker);
        Assert.Equal("BankAccount", Assert.Single(bad.Errors).Field);
        Assert.Equal("Reason", Assert.Single((await _db.SendAsync(Correction(reason: ""), Roles.Caseworker)).Errors).Field);
        var nothing = Correction("6217995550001234561");
        Assert.Contains("没有任何字段改变", Assert.Single((await _db.SendAsync(nothing, Roles.Caseworker)).Errors).Message);

        var account = await _db.SendAsync(Correction(), Roles.Caseworker);
        Assert.True(account.Succeeded);
        Assert.Empty(account.Value!.Settlement);
        Assert.EndsWith("6546", (await _db.SendAsync(new GetHousehold(household), Roles.Caseworker))!.BankAccountMasked);

        // Registered in March by mistake for January: January and February were due too, for both members.
        var earlier = await _db.SendAsync(Correction(month: Jan, reason: "纳入月份录错（审批表为 1 月）"), Roles.Caseworker);
        Assert.True(earlier.Succeeded, string.Join("；", earlier.Errors.Select(e => e.Message)));
        Assert.Equal(4, earlier.Value!.Settlement.Count);
        Assert.Equal(new[] { Jan, Feb }, earlier.Value.Settlement.Select(s => s.Month).Distinct());
        var may = await _roster.CloseAsync(new YearMonth(2023, 5));
        Assert.Equal(earlier.Value.BackPay, may.Run.Totals.BackPay);
        Assert.True((await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin)).Agrees);

        var later = await _db.SendAsync(Correction(month: new YearMonth(2035, 1), reason: "试"), Roles.Caseworker);
        Assert.Equal("RegisteredMonth", Assert.Single(later.Errors).Field);
    }

    [Fact]
    public async Task A_household_stopped_in_error_is_restored_from_the_stop_and_the_missed_months_are_paid()
    {
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        await _roster.CloseThroughAsync(Jan, Feb);
        Assert.True((await _db.SendAsync(new StopHousehold { HouseholdId = household, Month = Mar, Reason = StopReason.IncomeAboveLine }, Roles.Caseworker)).Succeeded);
        await _roster.CloseThroughAsync(Mar, Apr);
        var monthly = await MonthlyAmountAsync(household, Feb);

        var noReason = await _db.SendAsync(new RestoreHousehold { HouseholdId = household, Month = Mar }, Roles.Caseworker);
        Assert.Equal("Reason", Assert.Single(noReason.Errors).Field);
        var restored = await _db.SendAsync(new RestoreHousehold { HouseholdId = household, Month = Mar, Reason = "收入核查有误，误停" }, Roles.Caseworker);

        Assert.True(restored.Succeeded, string.Join("；", restored.Errors.Select(e => e.Message)));
        var detail = (await _db.SendAsync(new GetHousehold(household), Roles.Caseworker))!;
        Assert.Equal(HouseholdStatus.Active, detail.Status);
        Assert.Equal(Mar, detail.OpenDibao!.FromMonth);
        Assert.Contains(detail.Timeline, t => t.Kind == HouseholdEventKind.Restored && t.Description.Contains("误停"));
        var again = await _db.SendAsync(new RestoreHousehold { HouseholdId = household, Month = Mar, Reason = "再试" }, Roles.Caseworker);
        Assert.Contains("已停发", Assert.Single(again.Errors).Message);

        var may = await _roster.CloseAsync(new YearMonth(2023, 5));
        Assert.Equal(2 * 2 * monthly, may.Run.Totals.BackPay); // March and April, both members
        Assert.True((await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin)).Agrees);
    }

    private async Task<string> RevealAsync(int personId)
    {
        await using var context = _db.NewContext();
        return await context.Persons.Where(p => p.Id == personId).Select(p => p.IdNumber).SingleAsync();
    }

    private async Task<decimal> MonthlyAmountAsync(int household, YearMonth month, string? variant = null)
    {
        await using var context = _db.NewContext();
        return await context.PaymentLines.Where(l => l.HouseholdId == household && l.ForMonth == month && (variant == null || l.VariantCode == variant))
            .Select(l => l.Amount).FirstAsync();
    }
}
