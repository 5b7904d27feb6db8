using CivilAffairs.Domain.Common;

namespace CivilAffairs.Dashboard.Components.Shared;

/// <summary>The messages of a failed command, looked up by the form field each belongs to.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    public void Set(IEnumerable<FieldError> errors)
    {
        _byField.Clear();
        foreach (var error in errors)
        {
            if (!_byField.TryGetValue(error.Field, out var list)) _byField[error.Field] = list = [];
            if (!list.Contains(error.Message)) list.Add(error.Message);
        }
    }

    public void Set(FluentValidation.Results.ValidationResult result) =>
        Set(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage, e.ErrorCode)));

    public void Clear(string field) => _byField.Remove(field);

    public bool Has(string field) => _byField.ContainsKey(field);

    public string? Text(string field) => _byField.TryGetValue(field, out var list) ? string.Join(" ", list) : null;

    /// <summary>Messages of fields the form does not show an input for: they go in the banner.</summary>
    public IEnumerable<string> Except(Func<string, bool> isShownBesideAField) =>
        _byField.Where(kv => !isShownBesideAField(kv.Key)).SelectMany(kv => kv.Value);
}
