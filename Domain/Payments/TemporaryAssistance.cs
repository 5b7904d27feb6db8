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
        decimal amount, string reason, string approvalNumber, string approvedBy, YearMonth? lastClosed, DateTime atUtc, string by, bool urgent = false)
    {
        BusinessRules.Check(new TemporaryAmountMustBeReasonable(amount), "Amount");
        BusinessRules.Check(new TemporaryCaseNeedsApproval(urgent, approvalNumber, approvedBy), "ApprovalNumber");
        BusinessRules.Check(new TemporaryCaseNeedsPersons(persons), "Persons");
        BusinessRules.Check(new TemporaryMonthMustBeOpen(month, lastClosed), "Month");
        return new TemporaryAssistance
        {
            JurisdictionId = jurisdictionId, HouseholdId = householdId, PersonId = personId, Persons = persons, Month = month,
            Amount = amount, Reason = reason.Trim(), ApprovalNumber = approvalNumber.Trim(), ApprovedBy = approvedBy.Trim(),
            RecordedAtUtc = atUtc, RecordedBy = by, Urgent = urgent, Version = Guid.NewGuid(),
        };
    }

    /// <summary>急难型临时救助: paid first (先行救助), its approval completed afterwards (补办审批手续).</summary>
    public bool Urgent { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }
    public string? CompletedBy { get; private set; }
    public bool IsAwaitingCompletion => Urgent && CompletedAtUtc is null && !IsRevoked;

    /// <summary>补办: the approval of an urgent case, recorded after it was paid.</summary>
    public void Complete(string approvalNumber, string approvedBy, DateTime atUtc, string by)
    {
        BusinessRules.Check(new UrgentCaseCompletedOnce(IsAwaitingCompletion), "Id");
        BusinessRules.Check(new TemporaryCaseNeedsApproval(false, approvalNumber, approvedBy), "ApprovalNumber");
        ApprovalNumber = approvalNumber.Trim();
        ApprovedBy = approvedBy.Trim();
        CompletedAtUtc = atUtc;
        CompletedBy = by;
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

/// <summary>A case names its approval (审批表编号 and approver) unless it is urgent, when the approval follows.</summary>
public sealed record TemporaryCaseNeedsApproval(bool Urgent, string? ApprovalNumber, string? ApprovedBy) : IBusinessRule
{
    public bool IsBroken() => !Urgent && (string.IsNullOrWhiteSpace(ApprovalNumber) || string.IsNullOrWhiteSpace(ApprovedBy));
    public string Message => Messages.Get("ApprovalRequired");
}

/// <summary>Only an urgent case still waiting for its approval is completed, once.</summary>
public sealed record UrgentCaseCompletedOnce(bool AwaitingCompletion) : IBusinessRule
{
    public bool IsBroken() => !AwaitingCompletion;
    public string Message => Messages.Get("Temporary.NotAwaitingCompletion");
}

/// <summary>
/// The township (街道/乡镇) approves temporary assistance up to its limit, the county above it (the limit is the bureau's:
/// <c>TemporaryAssistance:TownshipLimit</c>).
/// </summary>
public sealed record TemporaryAmountWithinApprovalLevel(decimal Amount, bool ByTownship, decimal TownshipLimit) : IBusinessRule
{
    public bool IsBroken() => ByTownship && Amount > TownshipLimit;
    public string Message => Messages.Format("Temporary.AboveTownshipLimit", TownshipLimit.ToString("N2"));
}

/// <summary>How the bureau delegates temporary assistance (configuration <c>TemporaryAssistance</c>).</summary>
public sealed class TemporaryAssistancePolicy
{
    /// <summary>The most a township may approve for one case, in yuan; above it the county approves.</summary>
    public decimal TownshipLimit { get; set; } = 3_000m;
    /// <summary>Days within which an urgent case's approval is to be completed.</summary>
    public int CompletionDays { get; set; } = 5;
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
