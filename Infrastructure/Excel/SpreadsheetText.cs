namespace CivilAffairs.Infrastructure.Excel;

/// <summary>
/// Text written into an export so that no spreadsheet or bank system that re-reads it (as CSV, say) takes it for a
/// formula: a value starting with = + - @ or a tab or carriage return gets a leading apostrophe (OWASP's advice for
/// CSV injection). Numbers and dates are left as they are; only text is touched.
/// </summary>
public static class SpreadsheetText
{
    public static object? Inert(object? value) => value is string text ? Inert(text) : value;

    public static string Inert(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
