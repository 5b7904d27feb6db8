using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Payments;

/// <summary>Where an overpayment stands.</summary>
public enum RecoveryState { Outstanding = 1, Recovered = 2, WrittenOff = 3 }

/// <summary>
/// An overpayment to recover (追缴): a stop, a tier change or a removal dated into closed months, found when the next
/// month is computed. Its negative ledger lines (one per month overpaid) stay; this record tracks the money back.
/// </summary>
public sealed class Recovery : IVersioned
{
    public const int NoteMaxLength = 200;

    private Recovery() { }

    /// <summary>An overpayment the payment run of <paramref name="detectedMonth"/> found.</summary>
    public static Recovery Found(int jurisdictionId, int householdId, int? personId, Programme programme, string variantCode,
        YearMonth detectedMonth, YearMonth fromMonth, YearMonth toMonth, int months, decimal amount) => new()
    {
        JurisdictionId = jurisdictionId, HouseholdId = householdId, PersonId = personId, Programme = programme, VariantCode = variantCode,
        DetectedMonth = detectedMonth, FromMonth = fromMonth, ToMonth = toMonth, Months = months, Amount = amount,
        State = RecoveryState.Outstanding, Version = Guid.NewGuid(),
    };

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public int HouseholdId { get; private set; }
    public int? PersonId { get; private set; }
    public Programme Programme { get; private set; }
    public string VariantCode { get; private set; } = "";
    /// <summary>The payment month whose computation found it.</summary>
    public YearMonth DetectedMonth { get; private set; }
    public YearMonth FromMonth { get; private set; }
    public YearMonth ToMonth { get; private set; }
    public int Months { get; private set; }
    /// <summary>Yuan owed back (positive).</summary>
    public decimal Amount { get; private set; }
    public RecoveryState State { get; private set; }
    public string? Note { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }
    public string? ResolvedBy { get; private set; }
    public Guid Version { get; set; }

    /// <summary>The money came back.</summary>
    public void MarkRecovered(string? note, bool detectedMonthClosed, DateTime atUtc, string by)
    {
        BusinessRules.Check(new RecoveryMustBeOutstanding(State));
        BusinessRules.Check(new RecoveryNeedsClosedDetectionMonth(DetectedMonth, detectedMonthClosed));
        Resolve(RecoveryState.Recovered, note, atUtc, by);
    }

    /// <summary>The bureau gives up the claim (e.g. the person died without an estate); a reason is required.</summary>
    public void WriteOff(string? reason, bool detectedMonthClosed, DateTime atUtc, string by)
    {
        BusinessRules.Check(new RecoveryMustBeOutstanding(State));
        BusinessRules.Check(new RecoveryNeedsClosedDetectionMonth(DetectedMonth, detectedMonthClosed));
        BusinessRules.Check(new WriteOffNeedsReason(reason), "Note");
        Resolve(RecoveryState.WrittenOff, reason, atUtc, by);
    }

    private void Resolve(RecoveryState state, string? note, DateTime atUtc, string by)
    {
        State = state;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ResolvedAtUtc = atUtc;
        ResolvedBy = by;
    }
}

/// <summary>A recovery is resolved once.</summary>
public sealed record RecoveryMustBeOutstanding(RecoveryState State) : IBusinessRule
{
    public bool IsBroken() => State != RecoveryState.Outstanding;
    public string Message => Messages.Get("RecoveryAlreadyResolved");
}

/// <summary>A recovery found in a preview may still disappear on recomputation; it is resolved after its month closes.</summary>
public sealed record RecoveryNeedsClosedDetectionMonth(YearMonth Month, bool Closed) : IBusinessRule
{
    public bool IsBroken() => !Closed;
    public string Message => Messages.Format("RecoveryMonthNotClosed", Month);
}

/// <summary>Writing off public money needs a recorded reason.</summary>
public sealed record WriteOffNeedsReason(string? Reason) : IBusinessRule
{
    public bool IsBroken() => string.IsNullOrWhiteSpace(Reason);
    public string Message => Messages.Get("WriteOffNeedsReason");
}
