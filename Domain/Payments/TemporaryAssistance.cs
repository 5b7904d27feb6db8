using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Payments;

/// <summary>
/// A temporary assistance case (临时救助): a one-off amount to a person or a household, approved by someone, paid in a
/// month's run as one ledger line.
/// </summary>
public sealed class TemporaryAssistance : IVersioned
{
    public const int ReasonMaxLength = 200;
    public const int ApprovalMaxLength = 60;
    /// <summary>One case above this is not a temporary payment; a larger figure is a typing error.</summary>
    public const decimal MaxAmount = 50_000m;

    private TemporaryAssistance() { }

    public static TemporaryAssistance Record(int jurisdictionId, int householdId, int? personId, int persons, YearMonth month,
        decimal amount, string reason, string approvalNumber, string approvedBy, YearMonth? lastClosed, DateTime atUtc, string by)
    {
        BusinessRules.Check(new TemporaryAmountMustBeReasonable(amount), "Amount");
        BusinessRules.Check(new TemporaryCaseNeedsPersons(persons), "Persons");
        BusinessRules.Check(new TemporaryMonthMustBeOpen(month, lastClosed), "Month");
        return new TemporaryAssistance
        {
            JurisdictionId = jurisdictionId, HouseholdId = householdId, PersonId = personId, Persons = persons, Month = month,
            Amount = amount, Reason = reason.Trim(), ApprovalNumber = approvalNumber.Trim(), ApprovedBy = approvedBy.Trim(),
            RecordedAtUtc = atUtc, RecordedBy = by, Version = Guid.NewGuid(),
        };
    }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public int HouseholdId { get; private set; }
    /// <summary>Null when the case is for the whole household.</summary>
    public int? PersonId { get; private set; }
    public int Persons { get; private set; }
    /// <summary>The payment month it is paid in.</summary>
    public YearMonth Month { get; private set; }
    public decimal Amount { get; private set; }
    public string Reason { get; private set; } = "";
    /// <summary>The approval document (审批表编号).</summary>
    public string ApprovalNumber { get; private set; } = "";
    public string ApprovedBy { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public Guid Version { get; set; }
}

/// <summary>A case pays a positive amount in fen, within what one temporary payment can be.</summary>
public sealed record TemporaryAmountMustBeReasonable(decimal Amount) : IBusinessRule
{
    public bool IsBroken() => Amount <= 0 || Amount > TemporaryAssistance.MaxAmount || decimal.Round(Amount, 2) != Amount;
    public string Message => Messages.Format("TemporaryAmountInvalid", TemporaryAssistance.MaxAmount);
}

/// <summary>A case assists at least one person.</summary>
public sealed record TemporaryCaseNeedsPersons(int Persons) : IBusinessRule
{
    public bool IsBroken() => Persons is < 1 or > 50;
    public string Message => Messages.Get("TemporaryPersonsInvalid");
}

/// <summary>A case is paid in a month not yet closed.</summary>
public sealed record TemporaryMonthMustBeOpen(YearMonth Month, YearMonth? LastClosed) : IBusinessRule
{
    public bool IsBroken() => LastClosed is { } closed && Month <= closed;
    public string Message => Messages.Format("TemporaryMonthClosed", Month);
}
