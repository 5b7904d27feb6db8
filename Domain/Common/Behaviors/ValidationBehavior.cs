using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Common.Behaviors;

/// <summary>Thrown when a request that does not return a <see cref="Result"/> fails validation.</summary>
public sealed class RequestValidationException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>
/// Runs the request's FluentValidation validators (the same ones the forms use) before the handler;
/// a failure comes back as a failed <see cref="Result"/> for the page to show beside the fields.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            errors.AddRange(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage, e.ErrorCode)));
        }

        if (errors.Count == 0) return await next(message, cancellationToken);
        if (Result.IsResultType(typeof(TResponse))) return Result.FailureOf<TResponse>(errors);
        throw new RequestValidationException(errors);
    }
}

/// <summary>
/// Turns a broken business rule or a lost concurrent update into a failed <see cref="Result"/>, so the user
/// reads the rule's message instead of an error page.
/// </summary>
public sealed class RuleViolationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (!Result.IsResultType(typeof(TResponse))) return await next(message, cancellationToken);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (BusinessRuleViolationException violation)
        {
            return Result.FailureOf<TResponse>([violation.ToFieldError()]);
        }
        catch (ConcurrencyConflictException conflict)
        {
            return Result.FailureOf<TResponse>([new FieldError("", conflict.Message, "ConcurrencyConflict")]);
        }
    }
}
