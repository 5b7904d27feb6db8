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
    /// <summary>撤销: the case should never have been paid (e.g. obtained by a false declaration).</summary>
    public DateTime? RevokedAtUtc { get; private set; }
    public string? RevokedBy { get; private set; }
    public string? RevocationReason { get; private set; }
    public Guid Version { get; set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    /// <summary>What the case is owed: its amount, or nothing once revoked. A paid case revoked later settles as a recovery.</summary>
    public Money Due => IsRevoked ? Money.Zero : Money.FromYuan(Amount);

    /// <summary>Revokes the case; paid in an open month it simply drops out of the run, paid in a closed one it is recovered.</summary>
    public void Revoke(string? reason, DateTime atUtc, string by)
    {
        BusinessRules.Check(new TemporaryCaseRevokedOnce(IsRevoked));
        BusinessRules.Check(new TemporaryRevocationNeedsReason(reason), "Reason");
        RevokedAtUtc = atUtc;
        RevokedBy = by;
        RevocationReason = reason!.Trim();
    }
}

/// <summary>A case is revoked once.</summary>
public sealed record TemporaryCaseRevokedOnce(bool AlreadyRevoked) : IBusinessRule
{
    public bool IsBroken() => AlreadyRevoked;
    public string Message => Messages.Get("TemporaryAlreadyRevoked");
}

/// <summary>Revoking a payment, and recovering it, needs a recorded reason.</summary>
public sealed record TemporaryRevocationNeedsReason(string? Reason) : IBusinessRule
{
    public bool IsBroken() => string.IsNullOrWhiteSpace(Reason);
    public string Message => Messages.Get("TemporaryRevocationNeedsReason");
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
