using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Bank;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Features.TemporaryAssistance;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CivilAffairs.Tests.Payments;

/// <summary>Temporary assistance in the month's ledger, the bank's file and return, and the adjustment's impact preview.</summary>
public sealed class BankAndAssistanceTests : IAsyncLifetime
{
    private static readonly YearMonth Jan = new(2023, 1), Feb = new(2023, 2), Mar = new(2023, 3);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<Result<int>> AssistAsync(int household, YearMonth month, decimal amount, int persons = 3, int? person = null) =>
        _db.SendAsync(new RecordTemporaryAssistance
        {
            HouseholdId = household, PersonId = person, Persons = persons, Month = month, Amount = amount, Reason = "火灾受损",
            ApprovalNumber = "资临救〔2023〕15号", ApprovedBy = "李科长",
        }, Roles.Caseworker);

    [Fact]
    public async Task Temporary_assistance_is_a_line_of_the_month_and_counted_in_its_summary()
    {
        var id = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        Assert.True((await AssistAsync(id, Jan, 2_500m)).Succeeded);
        var invalid = await AssistAsync(id, Jan, 0.001m, persons: 0);
        Assert.Equal(2, invalid.Errors.Count);

        var outcome = await _roster.CloseAsync(Jan);

        Assert.Equal(2 * 380m + 2_500m, outcome.Run.Totals.Paid);
        await using var context = _db.NewContext();
        var line = await context.PaymentLines.SingleAsync(l => l.Reason == PaymentReason.Temporary);
        Assert.Equal((id, 2_500m, 3, (int?)null), (line.HouseholdId, line.Amount, line.PersonCount, line.PersonId));
        var summary = await context.PaymentSummaries.SingleAsync(s => s.VariantCode == ProgrammeCatalogue.Temporary);
        Assert.Equal((1, 3, 1, 2_500m), (summary.Cases, summary.Persons, summary.Households, summary.Amount));
        var closed = await AssistAsync(id, Jan, 100m);
        Assert.Equal(nameof(TemporaryMonthMustBeOpen), Assert.Single(closed.Errors).Rule);
        Assert.Single((await _db.SendAsync(new ListTemporaryAssistance(RosterBuilder.Bureau, Jan), Roles.Caseworker)).Rows);
    }

    [Fact]
    public async Task The_bank_return_must_reconcile_and_failed_payments_are_reissued_linked_to_the_original()
    {
        var first = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        var second = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoC, members: _roster.Member("吴一", Relationship.Head));
        var early = await _db.SendAsync(new CreateBankBatch(RosterBuilder.Bureau, Jan), Roles.Caseworker);
        Assert.Contains("尚未关账", Assert.Single(early.Errors).Message);
        Assert.True((await AssistAsync(second, Jan, 300m, persons: 1)).Succeeded);
        await _roster.CloseAsync(Jan);

        var batch = (await _db.SendAsync(new CreateBankBatch(RosterBuilder.Bureau, Jan), Roles.Caseworker)).Value!;
        Assert.Equal((2, 760m + 240m + 300m), (batch.ControlCount, batch.ControlTotal));
        Assert.False((await _db.SendAsync(new CreateBankBatch(RosterBuilder.Bureau, Jan), Roles.Caseworker)).Succeeded);

        using var file = new MemoryStream();
        Assert.True((await _db.SendAsync(new ExportBankFile(batch.Id, file), Roles.Caseworker)).Succeeded);
        file.Position = 0;
        var sent = file.Query(useHeaderRow: true, sheetName: "代发明细").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, r => Assert.Matches("^[0-9]{17}[0-9X]$", (string)r["身份证号"]!)); // full numbers, for the bank
        await using (var context = _db.NewContext())
            Assert.True(await context.AuditRecords.AnyAsync(r => r.Action == Domain.Auditing.AuditAction.Export && r.EntityType == nameof(BankBatch)));

        Stream Return(params (object Serial, decimal Amount, string Outcome, string? Reason)[] rows)
        {
            var stream = new MemoryStream();
            stream.SaveAs(new Dictionary<string, object>
            {
                ["代发明细"] = rows.Select(r => new Dictionary<string, object?> { ["流水号"] = r.Serial, ["金额（元）"] = r.Amount, ["结果"] = r.Outcome, ["失败原因"] = r.Reason }),
            });
            stream.Position = 0;
            return stream;
        }
        var ids = sent.Select(r => r["流水号"]!.ToString()!).ToList();
        var amounts = sent.Select(r => Convert.ToDecimal(r["金额（元）"])).ToList();

        // A return that does not add up to the control totals changes nothing.
        var short1 = await _db.SendAsync(new ImportBankReturn(batch.Id, Return((ids[0], amounts[0], "成功", null))), Roles.Caseworker);
        Assert.Contains(short1.Errors, e => e.Message.Contains("控制数"));
        var altered = await _db.SendAsync(new ImportBankReturn(batch.Id, Return((ids[0], amounts[0], "成功", null), (ids[1], amounts[1] - 1, "失败", "账户冻结"))), Roles.Caseworker);
        Assert.Contains(altered.Errors, e => e.Message.Contains("不符"));
        Assert.Empty(await _db.SendAsync(new ListFailedPayments(RosterBuilder.Bureau), Roles.Caseworker));

        var returned = await _db.SendAsync(new ImportBankReturn(batch.Id, Return((ids[0], amounts[0], "成功", null), (ids[1], amounts[1], "失败", "账户冻结"))), Roles.Caseworker);
        Assert.True(returned.Succeeded, string.Join(";", returned.Errors.Select(e => e.Message)));
        Assert.Equal((1, 1), (returned.Value!.Paid, returned.Value.Failed));
        var failed = Assert.Single(await _db.SendAsync(new ListFailedPayments(RosterBuilder.Bureau), Roles.Caseworker));
        Assert.Equal("账户冻结", failed.FailureReason);

        var reissue = await _db.SendAsync(new ReissueFailedPayments(batch.Id), Roles.Caseworker);
        Assert.True(reissue.Succeeded);
        await using (var context = _db.NewContext())
        {
            var again = await context.BankPayments.SingleAsync(p => p.BatchId == reissue.Value);
            Assert.Equal((failed.Id, failed.Amount), (again.ReissueOfPaymentId!.Value, again.Amount));
            Assert.Equal(BankPaymentState.Reissued, (await context.BankPayments.SingleAsync(p => p.Id == failed.Id)).State);
            var newBatch = await context.BankBatches.SingleAsync(b => b.Id == reissue.Value);
            Assert.Equal((1, failed.Amount, batch.Id), (newBatch.ControlCount, newBatch.ControlTotal, newBatch.ReissueOfBatchId!.Value));
        }
        Assert.Empty(await _db.SendAsync(new ListFailedPayments(RosterBuilder.Bureau), Roles.Caseworker));
        Assert.False((await _db.SendAsync(new ReissueFailedPayments(batch.Id), Roles.Caseworker)).Succeeded);
    }

    [Fact]
    public async Task The_adjustment_preview_shows_persons_monthly_cost_rest_of_year_and_back_pay()
    {
        await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA, members: _roster.Member("郑一", Relationship.Head));
        await _roster.CloseThroughAsync(Jan, Feb);

        var impact = (await _db.SendAsync(new PreviewStandardImpact(new AdjustStandards
        {
            JurisdictionCode = RosterBuilder.Bureau, EffectiveFrom = Feb.FirstDay, DocumentNumber = "资民发〔2023〕20号",
            Items = [new() { VariantCode = ProgrammeCatalogue.RuralDibaoA, NewAmount = 400m }, new() { VariantCode = ProgrammeCatalogue.UrbanDibaoA }],
        }), Roles.StandardsAdmin)).Value!;

        var row = Assert.Single(impact.Rows);
        Assert.Equal(Mar, impact.CountedIn);
        Assert.Equal((3, 2, 380m, 400m), (row.Persons, row.Households, row.CurrentAmount, row.NewAmount));
        Assert.Equal(3 * 20m, row.MonthlyChange);
        Assert.Equal(10 * 3 * 20m, row.RestOfYear); // March to December
        Assert.Equal((1, 3 * 20m), (row.BackPayMonths, row.BackPay)); // February, already closed

        // And the run agrees when the adjustment is made.
        Assert.True((await _db.SendAsync(new AdjustStandards
        {
            JurisdictionCode = RosterBuilder.Bureau, EffectiveFrom = Feb.FirstDay, DocumentNumber = "资民发〔2023〕20号",
            Items = [new() { VariantCode = ProgrammeCatalogue.RuralDibaoA, NewAmount = 400m }],
        }, Roles.StandardsAdmin)).Succeeded);
        var outcome = await _roster.ComputeAsync(Mar);
        Assert.Equal(impact.BackPay, outcome.Run.Totals.BackPay);
    }
}
