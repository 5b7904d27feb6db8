using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Payments;

/// <summary>The yearly assistance budget (年度预算) a jurisdiction has been given; the cockpit shows how much is used.</summary>
public sealed class AnnualBudget : IVersioned
{
    /// <summary>A county's assistance budget is far below this; a larger figure is a typing error.</summary>
    public const decimal MaxAmount = 100_000_000_000m;

    private AnnualBudget() { }

    public AnnualBudget(int jurisdictionId, int year, decimal amount)
    {
        JurisdictionId = jurisdictionId;
        Year = year;
        Set(amount);
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public int Year { get; private set; }
    public decimal Amount { get; private set; }
    public Guid Version { get; set; }

    public void Set(decimal amount)
    {
        BusinessRules.Check(new BudgetMustBePositive(amount), "Amount");
        Amount = amount;
    }
}

/// <summary>A budget is a positive amount in fen, below any real county's.</summary>
public sealed record BudgetMustBePositive(decimal Amount) : IBusinessRule
{
    public bool IsBroken() => Amount <= 0 || Amount > AnnualBudget.MaxAmount || decimal.Round(Amount, 2) != Amount;
    public string Message => Messages.Get("BudgetInvalid");
}
