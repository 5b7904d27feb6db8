namespace CivilAffairs.Domain.Common;

/// <summary>A message for the user, tied to the form field it concerns (empty field = the whole form).</summary>
public sealed record FieldError(string Field, string Message, string? Rule = null);

/// <summary>What a command returns: success, or the errors to show beside the fields.</summary>
public interface IResult
{
    bool Succeeded { get; }
    IReadOnlyList<FieldError> Errors { get; }
}

/// <summary>Outcome of a command without a value.</summary>
public record Result : IResult
{
    protected Result(IReadOnlyList<FieldError> errors) => Errors = errors;

    public bool Succeeded => Errors.Count == 0;
    public IReadOnlyList<FieldError> Errors { get; }

    public static Result Success() => new([]);
    public static Result Failure(IReadOnlyList<FieldError> errors) => new(errors);
    public static Result Failure(string field, string message) => new([new FieldError(field, message)]);

    /// <summary>Builds a failed result of any result type, for the pipeline that knows the type only at run time.</summary>
    public static TResult FailureOf<TResult>(IReadOnlyList<FieldError> errors)
    {
        if (typeof(TResult) == typeof(Result)) return (TResult)(object)Failure(errors);
        if (typeof(TResult).IsGenericType && typeof(TResult).GetGenericTypeDefinition() == typeof(Result<>))
        {
            var method = typeof(TResult).GetMethod(nameof(Result<object>.Failure), [typeof(IReadOnlyList<FieldError>)])!;
            return (TResult)method.Invoke(null, [errors])!;
        }
        throw new InvalidOperationException($"{typeof(TResult).Name} is not a result type.");
    }

    public static bool IsResultType(Type type) =>
        type == typeof(Result) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Result<>));
}

/// <summary>Outcome of a command that yields a value on success.</summary>
public sealed record Result<T> : Result
{
    private Result(T? value, IReadOnlyList<FieldError> errors) : base(errors) => Value = value;

    public T? Value { get; }

    public static Result<T> Success(T value) => new(value, []);
    public static new Result<T> Failure(IReadOnlyList<FieldError> errors) => new(default, errors);
}
