namespace CivilAffairs.Domain.Common;

/// <summary>A named business rule the model checks before it changes state.</summary>
public interface IBusinessRule
{
    bool IsBroken();
    string Message { get; }
    string Name => GetType().Name;
}

/// <summary>Thrown when the model is asked to do something a rule forbids.</summary>
public sealed class BusinessRuleViolationException(IBusinessRule rule, string field = "")
    : Exception(rule.Message)
{
    public IBusinessRule Rule { get; } = rule;
    public string Field { get; } = field;

    public FieldError ToFieldError() => new(Field, Rule.Message, Rule.Name);
}

/// <summary>Thrown when another user changed the same data between our read and our write.</summary>
public sealed class ConcurrencyConflictException(Exception? inner = null)
    : Exception(Messages.ConcurrencyConflict, inner);

/// <summary>Checks rules and raises the first broken one.</summary>
public static class BusinessRules
{
    public static void Check(IBusinessRule rule, string field = "")
    {
        if (rule.IsBroken()) throw new BusinessRuleViolationException(rule, field);
    }
}
