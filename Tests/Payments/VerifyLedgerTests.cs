using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Payments;

/// <summary>verify-ledger: the C# rule's recomputation of every closed month agrees with the demo's ledger and finds a tampered fen.</summary>
public sealed class VerifyLedgerTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateDemoAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_demo_ledger_agrees_with_the_rule_in_every_closed_month()
    {
        var verification = await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin);

        Assert.True(verification.Agrees, string.Join("\n", verification.Differences.Take(5).Select(d => d.Description)));
        Assert.Equal(7, verification.MonthsChecked);
        Assert.True(verification.LinesChecked > 100_000, $"{verification.LinesChecked} lines");
        var cli = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Admin, "verify-ledger");
        Assert.True(cli.ExitCode == 0, cli.Output);
        Assert.Contains("发放台账与规则一致：核对 7 个已关账月份", cli.Output);
    }

    [Fact]
    public async Task One_fen_changed_in_a_closed_month_is_reported_with_the_person_and_month()
    {
        long id;
        int person;
        await using (var context = _db.NewContext())
        {
            var line = await context.PaymentLines.Where(l => l.Month == new YearMonth(2023, 3) && l.Reason == PaymentReason.Continuing).OrderBy(l => l.Id).FirstAsync();
            (id, person) = (line.Id, line.PersonId!.Value);
            await context.Database.ExecuteSqlRawAsync($"UPDATE PaymentLines SET AmountFen = AmountFen + 1 WHERE Id = {id}");
        }

        var verification = await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin);
        var cli = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Admin, "verify-ledger");

        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("发放台账与规则不一致：3 处", cli.Output);
        Assert.False(verification.Agrees);
        Assert.Contains(verification.Differences, d => d.ForMonth == new YearMonth(2023, 3) && d.PersonId == person);
        // The rule names the person; the seal and the recorded total name the month.
        Assert.All(verification.Differences, d => Assert.True(d.PersonId == person || (d.PersonId is null && d.ForMonth == new YearMonth(2023, 3)), d.Description));
        Assert.Equal(2, verification.Differences.Count(d => d.PersonId is null));
    }

    [Fact]
    public async Task A_stop_dated_into_a_closed_month_is_pending_not_a_difference_until_the_next_close()
    {
        int household;
        await using (var context = _db.NewContext())
            household = await context.Households.Where(h => h.Enrollments.Any(e => e.PersonId == null && e.ToMonth == null)).Select(h => h.Id).FirstAsync();
        var stopped = await _db.SendAsync(new StopHousehold { HouseholdId = household, Month = new YearMonth(2023, 4) }, Roles.Caseworker);
        Assert.True(stopped.Succeeded);

        var pending = await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin);
        Assert.True(pending.Agrees);
        Assert.Equal(1, pending.PendingHouseholds);

        await new RosterBuilder(_db).CloseAsync(new YearMonth(2023, 7));
        var settled = await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin);
        Assert.True(settled.Agrees, string.Join("\n", settled.Differences.Take(5).Select(d => d.Description)));
        Assert.Equal((0, 8), (settled.PendingHouseholds, settled.MonthsChecked));
    }
}
