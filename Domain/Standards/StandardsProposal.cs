using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Standards;

/// <summary>Where a proposed yearly adjustment stands.</summary>
public enum ProposalState { Pending = 1, Approved = 2, Rejected = 3 }

/// <summary>
/// A yearly adjustment (年度调标) entered by one standards administrator and not in force until a second one approves it
/// (maker ≠ checker). Its impact as computed when it was entered travels with it, so the approver reads what the maker read.
/// </summary>
public sealed class StandardsProposal : IVersioned
{
    private readonly List<StandardsProposalItem> _items = [];

    private StandardsProposal() { }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public string DocumentNumber { get; private set; } = "";
    public string? Reason { get; private set; }
    public ProposalState State { get; private set; }
    public string ProposedBy { get; private set; } = "";
    public DateTime ProposedAtUtc { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecisionNote { get; private set; }
    /// <summary>The impact preview when it was entered: persons and households affected, the monthly change, back pay due.</summary>
    public int ImpactPersons { get; private set; }
    public int ImpactHouseholds { get; private set; }
    public decimal ImpactMonthlyChange { get; private set; }
    public decimal ImpactBackPay { get; private set; }
    public Guid Version { get; set; }
    public IReadOnlyList<StandardsProposalItem> Items => _items;

    public static StandardsProposal Propose(int jurisdictionId, DateOnly effectiveFrom, string documentNumber, string? reason,
        IEnumerable<(string VariantCode, decimal NewAmount, string? Reason)> items, (int Persons, int Households, decimal MonthlyChange, decimal BackPay) impact,
        DateTime atUtc, string by)
    {
        var proposal = new StandardsProposal
        {
            JurisdictionId = jurisdictionId, EffectiveFrom = effectiveFrom, DocumentNumber = documentNumber.Trim(),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), State = ProposalState.Pending, ProposedBy = by, ProposedAtUtc = atUtc,
            ImpactPersons = impact.Persons, ImpactHouseholds = impact.Households, ImpactMonthlyChange = impact.MonthlyChange, ImpactBackPay = impact.BackPay,
            Version = Guid.NewGuid(),
        };
        foreach (var (code, amount, itemReason) in items) proposal._items.Add(new StandardsProposalItem(code, amount, itemReason));
        return proposal;
    }

    /// <summary>审核通过 by a second administrator: the caller then writes the new versions in the same save.</summary>
    public void Approve(DateTime atUtc, string by)
    {
        BusinessRules.Check(new ProposalMustBePending(State), "ProposalId");
        BusinessRules.Check(new SecondPersonApproves(ProposedBy, by), "ProposalId");
        Decide(ProposalState.Approved, null, atUtc, by);
    }

    /// <summary>退回 by the checker (or withdrawn by its maker), with the reason; nothing is written to the standards.</summary>
    public void Reject(string reason, DateTime atUtc, string by)
    {
        BusinessRules.Check(new ProposalMustBePending(State), "ProposalId");
        reason = EnteredText.Clean(reason);
        BusinessRules.Check(new Applications.ApplicationTextRequired(reason), "Reason");
        BusinessRules.Check(new Roster.Rules.TextMustFit(reason, BenefitStandard.ReasonMaxLength), "Reason");
        Decide(ProposalState.Rejected, reason, atUtc, by);
    }

    private void Decide(ProposalState state, string? note, DateTime atUtc, string by)
    {
        State = state;
        DecidedBy = by;
        DecidedAtUtc = atUtc;
        DecisionNote = note;
    }
}

/// <summary>One variant's new amount in a proposal.</summary>
public sealed class StandardsProposalItem
{
    private StandardsProposalItem() { }

    internal StandardsProposalItem(string variantCode, decimal newAmount, string? reason)
    {
        VariantCode = variantCode;
        NewAmount = newAmount;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    public int Id { get; private set; }
    public int ProposalId { get; private set; }
    public string VariantCode { get; private set; } = "";
    public decimal NewAmount { get; private set; }
    public string? Reason { get; private set; }
}

/// <summary>A proposal is decided once.</summary>
public sealed record ProposalMustBePending(ProposalState State) : IBusinessRule
{
    public bool IsBroken() => State != ProposalState.Pending;
    public string Message => Messages.Get("Proposal.NotPending");
}

/// <summary>Whoever entered the adjustment does not approve it.</summary>
public sealed record SecondPersonApproves(string Maker, string Checker) : IBusinessRule
{
    public bool IsBroken() => string.Equals(Maker, Checker, StringComparison.OrdinalIgnoreCase);
    public string Message => Messages.Get("Proposal.SamePerson");
}

/// <summary>Whether a yearly adjustment needs a second person (configuration <c>Standards</c>).</summary>
public sealed class StandardsPolicy
{
    /// <summary>On by default: an adjustment is a proposal until a second standards administrator approves it.</summary>
    public bool SecondApproval { get; set; } = true;
}
