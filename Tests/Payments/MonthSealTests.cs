using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Payments;

/// <summary>
/// The probe's paired ledger edit: 1,000 yuan added to one closed line and to its summary row passed verify-summaries, and
/// nothing compared the month's recorded total with its lines. Each closed month is sealed in the audit chain; verify-ledger
/// compares the lines with the seal and with the recorded totals.
/// </summary>
public sealed class MonthSealTests : IAsyncLifetime
{
    private static readonly YearMonth March = new(2023, 3);
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateDemoAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Every_closed_month_is_sealed_at_close_and_agrees_with_its_seal()
    {
        await using var context = _db.NewContext();
        var seals = await context.AuditRecords.AsNoTracking().Where(r => r.Action == AuditAction.MonthSealed).ToListAsync();
        Assert.Equal(7, seals.Count);
        var march = seals.Single(r => r.EntityKey!.EndsWith("/2023-03"));
        var recorded = await context.PaymentMonths.AsNoTracking().SingleAsync(m => m.Month == March);
        var seal = MonthSeal.FromChanges(March, march.Changes)!;
        Assert.Equal(new PaymentTotals(recorded.LineCount, recorded.PaidAmount, recorded.BackPayAmount, recorded.RecoveryAmount), seal.Totals);

        var verification = await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin);
        Assert.True(verification.Agrees, string.Join("\n", verification.Differences.Take(5).Select(d => d.Description)));
        Assert.Equal(7, verification.MonthsSealed);
        Assert.Empty(verification.Unsealed!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_thousand_yuan_added_to_a_line_and_its_summary_row_is_found_even_with_the_months_total_edited_too(bool totalToo)
    {
        await using (var context = _db.NewContext())
        {
            var line = await context.PaymentLines.AsNoTracking().Where(l => l.Month == March && l.Reason == PaymentReason.Continuing)
                .OrderBy(l => l.Id).FirstAsync();
            await context.Database.ExecuteSqlRawAsync($"UPDATE PaymentLines SET AmountFen = AmountFen + 100000 WHERE Id = {line.Id}");
            await context.Database.ExecuteSqlRawAsync(
                $"UPDATE PaymentSummaries SET AmountFen = AmountFen + 100000 WHERE Month = {March.Key} AND TownshipId = {line.TownshipId} AND VariantCode = '{line.VariantCode}'");
            if (totalToo)
                await context.Database.ExecuteSqlRawAsync(
                    $"UPDATE PaymentMonths SET PaidAmount = printf('%.2f', CAST(PaidAmount AS REAL) + 1000) WHERE Month = {March.Key}");
        }
        // The summaries alone cannot tell: they agree with the edited lines.
        Assert.Empty(await _db.SendAsync(new VerifySummaries(RosterBuilder.Bureau), Roles.Caseworker));

        var verification = await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin);

        Assert.False(verification.Agrees);
        var monthLevel = verification.Differences.Where(d => d.ForMonth == March && d.PersonId is null).Select(d => d.Description).ToList();
        Assert.Contains(monthLevel, d => d.StartsWith("2023-03 的台账与关账时的封存不符") && d.Contains("发放 ") );
        Assert.Contains(monthLevel, d => d.StartsWith("2023-03 记录的月度合计"));
    }

    [Fact]
    public async Task A_seal_rewritten_to_match_edited_lines_breaks_the_seal_record_and_the_audit_chain()
    {
        long sequence;
        await using (var context = _db.NewContext())
        {
            sequence = await context.AuditRecords.Where(r => r.Action == AuditAction.MonthSealed && r.EntityKey!.EndsWith("/2023-03"))
                .Select(r => r.Sequence).SingleAsync();
            await context.Database.ExecuteSqlRawAsync(
                $"UPDATE AuditRecords SET Changes = replace(Changes, '\"Hash\":\"', '\"Hash\":\"0') WHERE Sequence = {sequence}");
        }

        var ledger = await _db.SendAsync(new VerifyLedger(RosterBuilder.Bureau), Roles.Admin);
        var audit = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);

        Assert.Contains(ledger.Differences, d => d.Description == $"2023-03 的封存记录（审计第 {sequence} 条）已被改动");
        Assert.False(audit.IsIntact);
        Assert.Equal(sequence, audit.BrokenAtSequence);
    }
}
