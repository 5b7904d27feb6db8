using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Roster;

/// <summary>
/// The newcomer's findings: a bank account of <c>abc</c> was accepted, and a registration month of 2035-01 left the
/// household stuck for ever. What a clerk types is checked where it is entered, by the same rules on every path.
/// </summary>
public sealed class EntryChecksTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("6217995550001234561", true)]   // UnionPay card, check digit right
    [InlineData("6217995550001234567", false)]  // one digit off
    [InlineData("4111111111111111", true)]      // another card scheme, 16 digits (shape only)
    [InlineData("9558801502100043011", true)]   // a passbook account, 19 digits (shape only)
    [InlineData("abc", false)]
    [InlineData("621799555000123", false)]      // 15 digits
    [InlineData("62179955500012345610", false)] // 20 digits
    [InlineData("6217 9955 5000 1234 561", false)]
    public void A_bank_account_has_16_to_19_digits_and_a_UnionPay_card_its_check_digit(string account, bool accepted)
    {
        Assert.Equal(accepted, BankAccountNumber.IsWellFormed(account));
        Assert.Equal(!accepted, new Domain.Roster.Rules.BankAccountMustBeDigits(account).IsBroken());
    }

    [Fact]
    public void The_check_digit_completes_a_card_number()
    {
        Assert.Equal('1', BankAccountNumber.CheckDigitFor("621799555000123456"));
        Assert.True(BankAccountNumber.LuhnHolds("79927398713"));
        Assert.False(BankAccountNumber.LuhnHolds("79927398710"));
    }

    [Fact]
    public async Task A_mistyped_account_is_refused_with_the_reason_beside_the_field()
    {
        var community = await _roster.CommunityAsync();
        foreach (var (account, words) in new[] { ("abc", "16 至 19 位数字"), ("6217995550001234567", "校验位不对") })
        {
            var result = await _db.SendAsync(Household(community, new YearMonth(2026, 11), account), Roles.Caseworker);
            var error = Assert.Single(result.Errors);
            Assert.Equal("BankAccount", error.Field);
            Assert.Contains(words, error.Message);
        }
    }

    [Fact]
    public async Task A_month_after_the_next_open_one_is_refused_unless_planned_and_then_at_most_a_year_ahead()
    {
        var community = await _roster.CommunityAsync();
        await _roster.RegisterAsync(new YearMonth(2026, 9), ProgrammeCatalogue.RuralDibaoA);
        await _roster.CloseThroughAsync(new YearMonth(2026, 9), new YearMonth(2026, 10)); // next open 2026-11; today 2026-11

        var far = await _db.SendAsync(Household(community, new YearMonth(2035, 1)), Roles.Caseworker);
        Assert.Equal("Month", Assert.Single(far.Errors).Field);
        Assert.Contains("最迟从 2026-12 起生效", far.Errors[0].Message);

        var nextMonth = await _db.SendAsync(Household(community, new YearMonth(2026, 12)), Roles.Caseworker);
        Assert.True(nextMonth.Succeeded);
        var planned = Household(community, new YearMonth(2027, 6));
        planned.Planned = true;
        Assert.True((await _db.SendAsync(planned, Roles.Caseworker)).Succeeded);
        var tooFar = Household(community, new YearMonth(2035, 1));
        tooFar.Planned = true;
        Assert.Contains("最多提前 12 个月", Assert.Single((await _db.SendAsync(tooFar, Roles.Caseworker)).Errors).Message);

        var stop = await _db.SendAsync(new StopHousehold { HouseholdId = nextMonth.Value, Month = new YearMonth(2030, 1), Reason = StopReason.Died }, Roles.Caseworker);
        Assert.Equal("Month", Assert.Single(stop.Errors).Field);
    }

    private int _sequence = 400;

    private RegisterHousehold Household(int community, YearMonth month, string account = "6217995550001234561") => new()
    {
        CommunityId = community, Address = "3 组 12 号", Residence = Residence.Rural, VariantCode = ProgrammeCatalogue.RuralDibaoA,
        Month = month, BankAccount = account,
        Members = [new MemberInput { Name = "张建国", IdNumber = IdNumber.Compose("431081", new DateOnly(1962, 4, 8), _sequence += 2).Value, Relationship = Relationship.Head }],
    };
}
