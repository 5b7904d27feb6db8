using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Payments;

/// <summary>Where a payment month stands: open → computed (preview) → closed (locked).</summary>
public enum PaymentMonthState { Open = 1, Computed = 2, Closed = 3 }

/// <summary>
/// A jurisdiction's payment month (月度发放). Computing writes its ledger lines and summaries as a preview that may be
/// recomputed; closing locks them for ever. Corrections to a closed month are new lines in a later month.
/// </summary>
public sealed class PaymentMonth : IVersioned
{
    private PaymentMonth() { }

    public PaymentMonth(int jurisdictionId, YearMonth month)
    {
        JurisdictionId = jurisdictionId;
        Month = month;
        State = PaymentMonthState.Open;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public YearMonth Month { get; private set; }
    public PaymentMonthState State { get; private set; }
    /// <summary>Ledger lines of the month (regular, back pay, recovery, temporary).</summary>
    public int LineCount { get; private set; }
    /// <summary>Money paid out in the month (regular, back pay, temporary), yuan.</summary>
    public decimal PaidAmount { get; private set; }
    public decimal BackPayAmount { get; private set; }
    /// <summary>Overpayments found in the month, to recover (a positive figure).</summary>
    public decimal RecoveryAmount { get; private set; }
    /// <summary>The value of the data change counter the lines were computed from; a close recomputes when it moved.</summary>
    public long ComputedAtChange { get; private set; }
    public DateTime? ComputedAtUtc { get; private set; }
    public string? ComputedBy { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public string? ClosedBy { get; private set; }
    public Guid Version { get; set; }

    public bool IsClosed => State == PaymentMonthState.Closed;

    /// <summary>
    /// The month to process next: the one after the last closed, or while none is closed the earliest computed month,
    /// or the current month. Forms default to it and changes may take effect up to it.
    /// </summary>
    public static YearMonth NextOpen(YearMonth? lastClosed, YearMonth? earliest, YearMonth currentMonth) =>
        lastClosed?.Next ?? earliest ?? currentMonth;

    /// <summary>Records what a computation wrote; the month stays recomputable.</summary>
    public void Computed(PaymentTotals totals, long atChange, DateTime atUtc, string by)
    {
        BusinessRules.Check(new ClosedMonthIsLocked(Month, State));
        State = PaymentMonthState.Computed;
        Apply(totals);
        ComputedAtChange = atChange;
        ComputedAtUtc = atUtc;
        ComputedBy = by;
    }

    /// <summary>Locks the month: its lines are never changed again.</summary>
    public void Close(DateTime atUtc, string by)
    {
        BusinessRules.Check(new ClosedMonthIsLocked(Month, State));
        BusinessRules.Check(new MonthMustBeComputedBeforeClosing(Month, State));
        State = PaymentMonthState.Closed;
        ClosedAtUtc = atUtc;
        ClosedBy = by;
    }

    private void Apply(PaymentTotals totals)
    {
        LineCount = totals.Lines;
        PaidAmount = totals.Paid;
        BackPayAmount = totals.BackPay;
        RecoveryAmount = totals.Recovery;
    }
}

/// <summary>The totals a computation produced.</summary>
public sealed record PaymentTotals(int Lines, decimal Paid, decimal BackPay, decimal Recovery);

/// <summary>A closed month's lines and totals are locked.</summary>
public sealed record ClosedMonthIsLocked(YearMonth Month, PaymentMonthState State) : IBusinessRule
{
    public bool IsBroken() => State == PaymentMonthState.Closed;
    public string Message => Messages.Format("MonthAlreadyClosed", Month);
}

/// <summary>A month is closed only after its ledger has been computed (and previewed).</summary>
public sealed record MonthMustBeComputedBeforeClosing(YearMonth Month, PaymentMonthState State) : IBusinessRule
{
    public bool IsBroken() => State != PaymentMonthState.Computed;
    public string Message => Messages.Format("MonthNotComputed", Month);
}

/// <summary>
/// Months are paid in order: the month computed or closed is the one after the last closed month, so back pay and
/// recoveries always land in the next open month and "last month" is always a closed one.
/// </summary>
public sealed record MonthsArePaidInOrder(YearMonth Month, YearMonth? LastClosed) : IBusinessRule
{
    public bool IsBroken() => LastClosed is { } last && Month != last.Next;
    public string Message => LastClosed is { } last && Month <= last
        ? Messages.Format("MonthAlreadyClosed", Month)
        : Messages.Format("MonthsInOrder", Month, LastClosed?.Next);
}

/// <summary>Every variant with someone enrolled in the month must have a standard in force, or nobody could be paid.</summary>
public sealed record EnrolledVariantsNeedAStandard(YearMonth Month, IReadOnlyList<string> VariantsWithout) : IBusinessRule
{
    public bool IsBroken() => VariantsWithout.Count > 0;
    public string Message => Messages.Format("NoStandardInForce", Month, string.Join("、", VariantsWithout));
}
