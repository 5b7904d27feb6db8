using System.Globalization;
using System.Text;

namespace CivilAffairs.Domain.Common;

/// <summary>
/// Text as staff and files enter it, made canonical before it is stored or searched: Unicode NFC, no control or
/// invisible format characters (zero-width spaces and joiners, byte-order marks, direction overrides), no broken
/// surrogates, trimmed. "王\u200B五" is 王五, so a look-alike of an existing name cannot be entered beside it.
/// </summary>
public static class EnteredText
{
    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return "";
        var kept = new StringBuilder(raw.Length);
        // Runes: a character outside the basic plane (𠮷) is one rune; a lone surrogate becomes U+FFFD and is dropped.
        foreach (var rune in raw.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format || rune == Rune.ReplacementChar) continue;
            kept.Append(rune.ToString());
        }
        return kept.ToString().Normalize(NormalizationForm.FormC).Trim();
    }
}
