using Microsoft.Extensions.Options;
using System.Globalization;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace CivilAffairs.Infrastructure.Payments;

/// <summary>
/// The bank's disbursement list and its return, with MiniExcel (streamed: a province's list is hundreds of thousands of
/// rows). The month's payments are summed per household set-wise from the ledger, in the transaction that records the
/// batch and its control totals.
/// </summary>
public sealed class BankDisbursement(IDbContextFactory<DashboardDbContext> contexts, IClock clock, IOptions<Excel.WorkbookLimits> limits) : IBankDisbursement
{
    public const string Serial = "流水号", Name = "户主姓名", IdNumber = "身份证号", Account = "银行账号", Amount = "金额（元）",
        Outcome = "结果", FailureReason = "失败原因", Paid = "成功", Failed = "失败";

    private static readonly string[] FileColumns = [Serial, Name, IdNumber, Account, Amount, Outcome, FailureReason];

    /// <summary>What each household is paid in the month: every line paid out (recoveries are claims, not deductions).</summary>
    /// <summary>
    /// The batch's payments, one per household paid in the month. The payee is the head while a member; otherwise the
    /// first member still in the household, else the first recorded.
    /// </summary>
    public static string InsertPaymentsSql(SqlDialect dialect, long batchId, int jurisdictionId, YearMonth month)
    {
        var payee = "(" + dialect.FirstRow("p.Id", "FROM Persons p WHERE p.HouseholdId = h.Id " +
            "ORDER BY CASE WHEN p.Status = 1 AND p.Relationship = 1 THEN 0 WHEN p.Status = 1 THEN 1 ELSE 2 END, p.Id") + ")";
        return $"""
            INSERT INTO BankPayments (BatchId, HouseholdId, PayeeName, PayeePersonId, Account, AmountFen, State, FailureReason, ReissueOfPaymentId)
            SELECT {batchId}, x.HouseholdId, p.Name, p.Id, x.BankAccount, x.Fen, {(int)BankPaymentState.Pending}, NULL, NULL
            FROM (SELECT t.HouseholdId, t.Fen, h.BankAccount, {payee} AS PayeeId
                  FROM ({HouseholdTotals(jurisdictionId, month)}) t JOIN Households h ON h.Id = t.HouseholdId) x
            JOIN Persons p ON p.Id = x.PayeeId
            ORDER BY x.HouseholdId
            """;
    }

    public static string HouseholdTotals(int j, YearMonth month) => $"""
        SELECT l.HouseholdId, SUM(l.AmountFen) AS Fen FROM PaymentLines l
        WHERE l.JurisdictionId = {j} AND l.Month = {month.Key} AND l.Reason <> {(int)PaymentReason.Recovery}
        GROUP BY l.HouseholdId HAVING SUM(l.AmountFen) > 0
        """;

    public async Task<IReadOnlyList<int>> HouseholdsWithoutAccountAsync(int jurisdictionId, YearMonth month, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Database.SqlQueryRaw<int>($"""
            SELECT t.HouseholdId AS Value FROM ({HouseholdTotals(jurisdictionId, month)}) t JOIN Households h ON h.Id = t.HouseholdId
            WHERE h.BankAccount IS NULL OR h.BankAccount = ''
            """).ToListAsync(ct);
    }

    public async Task<BankBatch?> CreateMonthBatchAsync(int jurisdictionId, YearMonth month, string actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditActor = actor;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = new BankBatch(jurisdictionId, month, null, clock.Now.UtcDateTime, actor);
        db.BankBatches.Add(batch);
        db.AuditReason = $"生成 {month} 银行代发批次";
        await db.SaveChangesAsync(ct);

        await db.Database.ExecuteSqlRawAsync(InsertPaymentsSql(SqlDialect.Of(db.Database), batch.Id, jurisdictionId, month), ct);
        var count = await db.BankPayments.CountAsync(p => p.BatchId == batch.Id, ct);
        if (count == 0) return null; // disposing the transaction rolls the empty batch back
        var total = await db.Database.SqlQuery<long>($"SELECT SUM(AmountFen) AS Value FROM BankPayments WHERE BatchId = {batch.Id}").SingleAsync(ct);
        batch.RecordControlTotals(count, new Money(total).Yuan);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return batch;
    }

    public async Task WriteFileAsync(int batchId, Stream output, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var batch = await db.BankBatches.AsNoTracking().SingleAsync(b => b.Id == batchId, ct);
        var rows = db.BankPayments.AsNoTracking().Where(p => p.BatchId == batchId).OrderBy(p => p.Id)
            .Join(db.Persons, p => p.PayeePersonId, person => person.Id, (p, person) => new { p.Id, p.PayeeName, person.IdNumber, p.Account, p.Amount })
            .AsEnumerable()
            .Select(r => new Dictionary<string, object?>
            {
                [Serial] = r.Id.ToString(CultureInfo.InvariantCulture), [Name] = Excel.SpreadsheetText.Inert(r.PayeeName), [IdNumber] = r.IdNumber,
                [Account] = Excel.SpreadsheetText.Inert(r.Account),
                [Amount] = r.Amount, [Outcome] = null, [FailureReason] = null,
            });
        var control = new[]
        {
            new Dictionary<string, object?> { ["批次"] = batch.Id, ["发放月份"] = batch.Month.ToString(), ["笔数"] = batch.ControlCount, ["金额合计（元）"] = batch.ControlTotal },
        };
        var sheets = new Dictionary<string, object> { ["代发明细"] = rows, ["控制数"] = control };
        await MiniExcel.SaveAsAsync(output, sheets, configuration: new OpenXmlConfiguration
        {
            DynamicColumns = FileColumns.Select(c => new DynamicExcelColumn(c) { Width = c is IdNumber or Account ? 24 : c == FailureReason ? 30 : 14 }).ToArray(),
        }, cancellationToken: ct);
    }

    public (IReadOnlyList<BankReturnRow> Rows, IReadOnlyList<string> Problems) ReadReturn(Stream input)
    {
        var rows = new List<BankReturnRow>();
        var problems = new List<string>();
        try
        {
            var number = 1;
            limits.Value.Check(input);
            foreach (IDictionary<string, object?> cells in MiniExcel.Query(input, useHeaderRow: true, sheetName: "代发明细"))
            {
                number++;
                string? Cell(string column) => cells.TryGetValue(column, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() : null;
                if (cells.Values.All(v => string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture)))) continue;
                if (!long.TryParse(Cell(Serial), out var id)) { problems.Add(Messages.Format("BankReturnRow", number, $"{Serial}无效")); continue; }
                if (!decimal.TryParse(Cell(Amount), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                {
                    problems.Add(Messages.Format("BankReturnRow", number, $"{Amount}无效"));
                    continue;
                }
                var outcome = Cell(Outcome);
                if (outcome is not (Paid or Failed)) { problems.Add(Messages.Format("BankReturnRow", number, $"{Outcome}应为“{Paid}”或“{Failed}”")); continue; }
                rows.Add(new BankReturnRow(number, id, decimal.Round(amount, 2), outcome == Paid, Cell(FailureReason)));
            }
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or KeyNotFoundException)
        {
            problems.Add(Messages.Format("BankReturnUnreadable", e.Message));
        }
        return (rows, problems);
    }
}
