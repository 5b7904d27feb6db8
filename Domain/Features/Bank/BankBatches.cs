using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Bank;

/// <summary>Creates the disbursement batch of a closed month: one payment per household, with control totals.</summary>
[RequiresPermission(Permission.RunPayments)]
[BureauWide]
public sealed record CreateBankBatch(string JurisdictionCode, YearMonth Month) : IRequest<Result<BankBatchRow>>;

/// <summary>A batch as listed.</summary>
public sealed record BankBatchRow(int Id, YearMonth Month, int? ReissueOfBatchId, BankBatchState State, int ControlCount, decimal ControlTotal,
    int Paid, int Failed, int Reissued, DateTime ExportedAtUtc, string ExportedBy, DateTime? ReturnedAtUtc);

/// <summary>Checks the month is closed, not batched yet, and every household paid has an account.</summary>
public sealed class CreateBankBatchHandler(IDataSessionFactory data, IBankDisbursement bank, Actor actor)
    : IRequestHandler<CreateBankBatch, Result<BankBatchRow>>
{
    public async ValueTask<Result<BankBatchRow>> Handle(CreateBankBatch request, CancellationToken ct)
    {
        int j;
        await using (var session = await data.OpenAsync(ct))
        {
            j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
            var closed = await session.CountAsync(session.Query<PaymentMonth>()
                .Where(m => m.JurisdictionId == j && m.Month == request.Month && m.State == PaymentMonthState.Closed), ct) > 0;
            if (!closed) return Fail(Messages.Format("BankNeedsClosedMonth", request.Month));
            var existing = await session.FirstOrDefaultAsync(session.Query<BankBatch>()
                .Where(b => b.JurisdictionId == j && b.Month == request.Month && b.ReissueOfBatchId == null).Select(b => (int?)b.Id), ct);
            if (existing is { } id) return Fail(Messages.Format("BankBatchExists", request.Month, id));
        }
        var missing = await bank.HouseholdsWithoutAccountAsync(j, request.Month, ct);
        if (missing.Count > 0)
            return Fail(Messages.Format("BankNoAccount", string.Join("、", missing.Take(20).Select(h => $"#{h}")) + (missing.Count > 20 ? $" 等 {missing.Count} 户" : "")));
        var batch = await bank.CreateMonthBatchAsync(j, request.Month, actor.UserName, ct);
        if (batch is null) return Fail(Messages.Format("BankNothingToPay", request.Month));
        return Result<BankBatchRow>.Success(new BankBatchRow(batch.Id, batch.Month, null, batch.State, batch.ControlCount, batch.ControlTotal,
            0, 0, 0, batch.ExportedAtUtc, batch.ExportedBy, null));
    }

    private static Result<BankBatchRow> Fail(string message) => Result<BankBatchRow>.Failure([new(nameof(CreateBankBatch.Month), message)]);
}

/// <summary>The batches of the jurisdiction, newest first.</summary>
[RequiresPermission(Permission.ViewPayments)]
[BureauWide]
public sealed record ListBankBatches(string JurisdictionCode) : IRequest<IReadOnlyList<BankBatchRow>>;

/// <summary>Reads batches with their payment counts by state.</summary>
public sealed class ListBankBatchesHandler(IDataSessionFactory data) : IRequestHandler<ListBankBatches, IReadOnlyList<BankBatchRow>>
{
    public async ValueTask<IReadOnlyList<BankBatchRow>> Handle(ListBankBatches request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        return await session.ToListAsync(session.Query<BankBatch>().Where(b => b.JurisdictionId == j).OrderByDescending(b => b.Id).Take(200)
            .Select(b => new BankBatchRow(b.Id, b.Month, b.ReissueOfBatchId, b.State, b.ControlCount, b.ControlTotal,
                b.Payments.Count(p => p.State == BankPaymentState.Paid), b.Payments.Count(p => p.State == BankPaymentState.Failed),
                b.Payments.Count(p => p.State == BankPaymentState.Reissued), b.ExportedAtUtc, b.ExportedBy, b.ReturnedAtUtc)), ct);
    }
}

/// <summary>
/// The bank file of a batch, with full ID numbers and accounts: an explicit export, audited each time it is made.
/// </summary>
[RequiresPermission(Permission.RunPayments)]
[BureauWide]
public sealed record ExportBankFile(int BatchId, Stream Output) : IRequest<Result>;

/// <summary>Audits the export, then writes the file.</summary>
public sealed class ExportBankFileHandler(IDataSessionFactory data, IBankDisbursement bank, IAuditTrail audit, Actor actor)
    : IRequestHandler<ExportBankFile, Result>
{
    public async ValueTask<Result> Handle(ExportBankFile request, CancellationToken ct)
    {
        await using (var session = await data.OpenAsync(ct))
            if (await session.CountAsync(session.Query<BankBatch>().Where(b => b.Id == request.BatchId), ct) == 0)
                return Result.Failure(nameof(request.BatchId), Messages.Get("UnknownBankBatch"));
        await audit.RecordAsync(new AuditEvent(AuditAction.Export, actor.UserName, nameof(BankBatch), request.BatchId.ToString(),
            "导出银行代发文件（含完整身份证号和银行账号）"), ct);
        await bank.WriteFileAsync(request.BatchId, request.Output, ct);
        return Result.Success();
    }
}

/// <summary>Imports the bank's return of a batch: all or nothing, and only when the control totals reconcile.</summary>
[RequiresPermission(Permission.RunPayments)]
[BureauWide]
public sealed record ImportBankReturn(int BatchId, Stream File) : IRequest<Result<BankReturnOutcome>>;

/// <summary>What the return said.</summary>
public sealed record BankReturnOutcome(int Paid, int Failed, decimal PaidAmount, decimal FailedAmount);

/// <summary>Reads the file, reconciles it against the batch, and records each payment's result.</summary>
public sealed class ImportBankReturnHandler(IDataSessionFactory data, IBankDisbursement bank, IClock clock, Actor actor)
    : IRequestHandler<ImportBankReturn, Result<BankReturnOutcome>>
{
    public async ValueTask<Result<BankReturnOutcome>> Handle(ImportBankReturn request, CancellationToken ct)
    {
        var (rows, unreadable) = bank.ReadReturn(request.File);
        if (unreadable.Count > 0) return Result<BankReturnOutcome>.Failure(unreadable.Select(p => new FieldError("File", p)).ToList());
        await using var session = await data.OpenAsync(ct);
        var batch = await session.FirstOrDefaultAsync(session.Edit<BankBatch>().Where(b => b.Id == request.BatchId), ct);
        if (batch is null) return Result<BankReturnOutcome>.Failure([new(nameof(request.BatchId), Messages.Get("UnknownBankBatch"))]);
        await session.ToListAsync(session.Edit<BankPayment>().Where(p => p.BatchId == batch.Id), ct);
        var problems = batch.ApplyReturn(rows, clock.Now.UtcDateTime, actor.UserName);
        if (problems.Count > 0) return Result<BankReturnOutcome>.Failure(problems.Select(p => new FieldError("File", p)).ToList());
        session.AuditReason = $"导入银行回盘 批次 {batch.Id}";
        await session.SaveChangesAsync(ct);
        var paid = batch.Payments.Where(p => p.State == BankPaymentState.Paid).ToList();
        var failed = batch.Payments.Where(p => p.State == BankPaymentState.Failed).ToList();
        return Result<BankReturnOutcome>.Success(new(paid.Count, failed.Count, paid.Sum(p => p.Amount), failed.Sum(p => p.Amount)));
    }
}

/// <summary>Failed payments waiting to be re-issued (or all failed ones of a batch).</summary>
[RequiresPermission(Permission.ViewPayments)]
[BureauWide]
public sealed record ListFailedPayments(string JurisdictionCode) : IRequest<IReadOnlyList<FailedPaymentRow>>;

/// <summary>A failed payment as staff see it; the account masked.</summary>
public sealed record FailedPaymentRow(long Id, int BatchId, YearMonth Month, int HouseholdId, string PayeeName, string AccountMasked,
    decimal Amount, string? FailureReason, string? CurrentAccountMasked);

/// <summary>Reads the failed payments with the household's current account (which staff may have corrected).</summary>
public sealed class ListFailedPaymentsHandler(IDataSessionFactory data) : IRequestHandler<ListFailedPayments, IReadOnlyList<FailedPaymentRow>>
{
    public async ValueTask<IReadOnlyList<FailedPaymentRow>> Handle(ListFailedPayments request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var rows = await session.ToListAsync(session.Query<BankPayment>().Where(p => p.State == BankPaymentState.Failed)
            .Join(session.Query<BankBatch>().Where(b => b.JurisdictionId == j), p => p.BatchId, b => b.Id, (p, b) => new { p, b.Month })
            .Join(session.Query<Household>(), x => x.p.HouseholdId, h => h.Id, (x, h) => new { x.p, x.Month, h.BankAccount })
            .OrderBy(x => x.p.Id).Take(5_000), ct);
        return rows.Select(x => new FailedPaymentRow(x.p.Id, x.p.BatchId, x.Month, x.p.HouseholdId, x.p.PayeeName, Masking.Mask(x.p.Account),
            x.p.Amount, x.p.FailureReason, x.BankAccount is null ? null : Masking.Mask(x.BankAccount))).ToList();
    }
}

/// <summary>Sends the failed payments of a batch again in a new batch linked to the originals, to the households' current accounts.</summary>
[RequiresPermission(Permission.RunPayments)]
[BureauWide]
public sealed record ReissueFailedPayments(int BatchId) : IRequest<Result<int>>;

/// <summary>Builds the re-issue batch through the aggregate, so its control totals come from its payments.</summary>
public sealed class ReissueFailedPaymentsHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<ReissueFailedPayments, Result<int>>
{
    public async ValueTask<Result<int>> Handle(ReissueFailedPayments request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var original = await session.FirstOrDefaultAsync(session.Query<BankBatch>().Where(b => b.Id == request.BatchId), ct);
        if (original is null) return Result<int>.Failure([new(nameof(request.BatchId), Messages.Get("UnknownBankBatch"))]);
        if (original.State != BankBatchState.Returned) return Result<int>.Failure([new(nameof(request.BatchId), Messages.Get("BankBatchNotReturned"))]);
        var failed = await session.ToListAsync(session.Edit<BankPayment>().Where(p => p.BatchId == original.Id && p.State == BankPaymentState.Failed), ct);
        if (failed.Count == 0) return Result<int>.Failure([new(nameof(request.BatchId), Messages.Get("BankNoFailures"))]);
        var householdIds = failed.Select(p => p.HouseholdId).ToList();
        var accounts = await session.ToListAsync(session.Query<Household>().Where(h => householdIds.Contains(h.Id)).Select(h => new { h.Id, h.BankAccount }), ct);
        var missing = accounts.Where(a => string.IsNullOrWhiteSpace(a.BankAccount)).Select(a => $"#{a.Id}").ToList();
        if (missing.Count > 0) return Result<int>.Failure([new(nameof(request.BatchId), Messages.Format("BankNoAccount", string.Join("、", missing)))]);

        var batch = new BankBatch(original.JurisdictionId, original.Month, original.Id, clock.Now.UtcDateTime, actor.UserName);
        foreach (var payment in failed)
        {
            payment.MarkReissued();
            batch.Add(new BankPayment(payment.HouseholdId, payment.PayeeName, payment.PayeePersonId,
                accounts.First(a => a.Id == payment.HouseholdId).BankAccount!, payment.Amount, payment.Id));
        }
        session.Add(batch);
        session.AuditReason = $"重新发放 批次 {original.Id} 的失败代发";
        await session.SaveChangesAsync(ct);
        return Result<int>.Success(batch.Id);
    }
}
