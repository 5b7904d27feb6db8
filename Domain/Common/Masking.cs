namespace CivilAffairs.Domain.Common;

/// <summary>
/// How ID numbers and bank accounts are shown by default: the first four and last four characters, the rest
/// starred (e.g. 4310**********1234). Revealing the full value is a separate, audited request.
/// </summary>
public static class Masking
{
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var trimmed = value.Trim();
        return trimmed.Length <= 8
            ? new string('*', trimmed.Length)
            : string.Concat(trimmed.AsSpan(0, 4), new string('*', trimmed.Length - 8), trimmed.AsSpan(trimmed.Length - 4));
    }
}

/// <summary>Marks a property holding personal numbers (ID number, bank account): masked in audit records and on screen.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute;
