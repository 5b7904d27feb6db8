using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Payments;

/// <summary>Why a ledger line has its amount. The first four are a month's regular payment; the rest are corrections and one-offs.</summary>
public enum PaymentReason
{
    /// <summary>新增: not paid in this programme last month.</summary>
    New = 1,
    /// <summary>续发: same variant and amount as last month.</summary>
    Continuing = 2,
    /// <summary>调档: paid last month under another tier or variant of the programme.</summary>
    TierChange = 3,
    /// <summary>调标: same variant, the standard in force changed.</summary>
    StandardChange = 4,
    /// <summary>补发: the difference owed for a closed month (a standard raised, or a change dated back).</summary>
    BackPay = 5,
    /// <summary>追缴: the overpayment of a closed month, to recover (a negative line, not paid out).</summary>
    Recovery = 6,
    /// <summary>临时救助: a one-off case.</summary>
    Temporary = 7,
}

/// <summary>Person attributes frozen on the line when it is written, so the summaries are a function of the ledger alone.</summary>
[Flags]
public enum PaymentLineFlags
{
    None = 0,
    Female = 1,
    Elderly = 2,
    Minor = 4,
    Disabled = 8,
}

/// <summary>
/// One line of the payment ledger (发放台账): what a person (or a household, for temporary assistance) is paid in a
/// month, for which month, under which standard, and why. Lines of a closed month are never changed or removed.
/// </summary>
public sealed class PaymentLine
{
    private PaymentLine() { }

    public long Id { get; private set; }
    public int JurisdictionId { get; private set; }
    /// <summary>The payment month the line belongs to.</summary>
    public YearMonth Month { get; private set; }
    /// <summary>The month of entitlement: the same as <see cref="Month"/> except for back pay and recovery.</summary>
    public YearMonth ForMonth { get; private set; }
    public int HouseholdId { get; private set; }
    public int? PersonId { get; private set; }
    public int? EnrollmentId { get; private set; }
    public string VariantCode { get; private set; } = "";
    public Programme Programme { get; private set; }
    /// <summary>The street or township (街道/乡镇) of the household when the line was written.</summary>
    public int TownshipId { get; private set; }
    /// <summary>Yuan, two decimals; negative only for a recovery.</summary>
    public decimal Amount { get; private set; }
    /// <summary>Last month's amount of the same person and programme, for regular lines that had one.</summary>
    public decimal? PreviousAmount { get; private set; }
    /// <summary>The standard version the amount came from (regular lines).</summary>
    public int? StandardId { get; private set; }
    public PaymentReason Reason { get; private set; }
    public PaymentLineFlags Flags { get; private set; }
    /// <summary>Persons the line counts: 1 for a person's payment, the case's persons for temporary assistance, 0 for corrections.</summary>
    public int PersonCount { get; private set; }
    public int? TemporaryAssistanceId { get; private set; }
    public int? RecoveryId { get; private set; }

    public bool IsRegular => Entitlement.IsRegular(Reason);
    public bool IsPaidOut => Entitlement.IsPaidOut(Reason);
}
