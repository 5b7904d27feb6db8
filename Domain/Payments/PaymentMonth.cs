using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Payments;

/// <summary>Where a payment month stands: open → computed (preview) → closed (locked).</summary>
public enum PaymentMonthState { Open = 1, Computed = 2, Closed = 3 }

/// <summary>
/// A jurisdiction's payment month. Once closed, nothing dated into it may change; corrections are new lines in a
/// later month (the payment run builds on this).
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
    public DateTime? ClosedAtUtc { get; private set; }
    public Guid Version { get; set; }

    public void Close(DateTime atUtc)
    {
        State = PaymentMonthState.Closed;
        ClosedAtUtc = atUtc;
    }
}
