using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Payments;

/// <summary>Where a bank batch stands.</summary>
public enum BankBatchState { Exported = 1, Returned = 2 }

/// <summary>Where one disbursement stands.</summary>
public enum BankPaymentState { Pending = 1, Paid = 2, Failed = 3, Reissued = 4 }

/// <summary>
/// A disbursement list sent to the bank (社会化发放): one payment per household of a closed month, or the re-issue of
/// failed payments. Its control totals (count and sum) must match the bank's return exactly.
/// </summary>
public sealed class BankBatch : IVersioned
{
    private readonly List<BankPayment> _payments = [];

    private BankBatch() { }

    public BankBatch(int jurisdictionId, YearMonth month, int? reissueOfBatchId, DateTime atUtc, string by)
    {
        JurisdictionId = jurisdictionId;
        Month = month;
        ReissueOfBatchId = reissueOfBatchId;
        ExportedAtUtc = atUtc;
        ExportedBy = by;
        State = BankBatchState.Exported;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public YearMonth Month { get; private set; }
    public int? ReissueOfBatchId { get; private set; }
    public BankBatchState State { get; private set; }
    public int ControlCount { get; private set; }
    public decimal ControlTotal { get; private set; }
    public DateTime ExportedAtUtc { get; private set; }
    public string ExportedBy { get; private set; } = "";
    public DateTime? ReturnedAtUtc { get; private set; }
    public string? ReturnedBy { get; private set; }
    public Guid Version { get; set; }
    public IReadOnlyList<BankPayment> Payments => _payments;

    /// <summary>The control totals of a batch whose payments were written set-wise (a month's disbursement list).</summary>
    public void RecordControlTotals(int count, decimal total)
    {
        ControlCount = count;
        ControlTotal = total;
    }

    public void Add(BankPayment payment)
    {
        _payments.Add(payment);
        ControlCount = _payments.Count;
        ControlTotal = _payments.Sum(p => p.Amount);
    }

    /// <summary>
    /// Applies the bank's return: every payment of the batch reported once, amounts as sent, count and sum equal to the
    /// control totals; otherwise nothing is applied and the mismatches are returned.
    /// </summary>
    public IReadOnlyList<string> ApplyReturn(IReadOnlyList<BankReturnRow> rows, DateTime atUtc, string by)
    {
        var problems = new List<string>();
        if (State == BankBatchState.Returned) return [Messages.Get("BankBatchAlreadyReturned")];
        var byId = _payments.ToDictionary(p => p.Id);
        foreach (var row in rows)
        {
            if (!byId.TryGetValue(row.PaymentId, out var payment)) problems.Add(Messages.Format("BankReturnUnknownPayment", row.RowNumber, row.PaymentId));
            else if (payment.Amount != row.Amount) problems.Add(Messages.Format("BankReturnAmountMismatch", row.RowNumber, row.Amount, payment.Amount));
            else if (!row.Paid && string.IsNullOrWhiteSpace(row.FailureReason)) problems.Add(Messages.Format("BankReturnFailureNeedsReason", row.RowNumber));
        }
        foreach (var duplicate in rows.GroupBy(r => r.PaymentId).Where(g => g.Count() > 1))
            problems.Add(Messages.Format("BankReturnDuplicate", duplicate.Key));
        var count = rows.Count;
        var sum = rows.Sum(r => r.Amount);
        if (count != ControlCount || sum != ControlTotal)
            problems.Add(Messages.Format("BankReturnControlMismatch", count, sum, ControlCount, ControlTotal));
        if (problems.Count > 0) return problems;

        foreach (var row in rows) byId[row.PaymentId].Returned(row.Paid, row.FailureReason);
        State = BankBatchState.Returned;
        ReturnedAtUtc = atUtc;
        ReturnedBy = by;
        return [];
    }
}

/// <summary>One household's disbursement in a batch; the account is copied so the batch reads as it was sent.</summary>
public sealed class BankPayment
{
    private BankPayment() { }

    public BankPayment(int householdId, string payeeName, int payeePersonId, string account, decimal amount, long? reissueOfPaymentId)
    {
        HouseholdId = householdId;
        PayeeName = payeeName;
        PayeePersonId = payeePersonId;
        Account = account;
        Amount = amount;
        ReissueOfPaymentId = reissueOfPaymentId;
        State = BankPaymentState.Pending;
    }

    public long Id { get; private set; }
    public int BatchId { get; private set; }
    public int HouseholdId { get; private set; }
    public string PayeeName { get; private set; } = "";
    public int PayeePersonId { get; private set; }
    [Sensitive]
    public string Account { get; private set; } = "";
    public decimal Amount { get; private set; }
    public BankPaymentState State { get; private set; }
    public string? FailureReason { get; private set; }
    /// <summary>The failed payment this one re-issues.</summary>
    public long? ReissueOfPaymentId { get; private set; }

    internal void Returned(bool paid, string? failureReason)
    {
        State = paid ? BankPaymentState.Paid : BankPaymentState.Failed;
        FailureReason = paid ? null : failureReason?.Trim();
    }

    /// <summary>A failed payment sent again in a new batch.</summary>
    public void MarkReissued()
    {
        if (State != BankPaymentState.Failed) throw new BusinessRuleViolationException(new OnlyFailedPaymentsAreReissued());
        State = BankPaymentState.Reissued;
    }
}

/// <summary>A row of the bank's return file.</summary>
public sealed record BankReturnRow(int RowNumber, long PaymentId, decimal Amount, bool Paid, string? FailureReason);

/// <summary>Only a failed payment is sent again.</summary>
public sealed record OnlyFailedPaymentsAreReissued : IBusinessRule
{
    public bool IsBroken() => true;
    public string Message => Messages.Get("OnlyFailedReissued");
}
