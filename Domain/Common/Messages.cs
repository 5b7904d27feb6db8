using System.Globalization;
using System.Resources;

namespace CivilAffairs.Domain.Common;

/// <summary>The domain's user-facing messages, read from Resources/Messages.resx (zh-CN) and its translations.</summary>
public static class Messages
{
    private static readonly ResourceManager Resources =
        new("CivilAffairs.Domain.Resources.Messages", typeof(Messages).Assembly);

    public static string Get(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) =>
        string.Format(CultureInfo.CurrentUICulture, Get(name), args);

    public static string ConcurrencyConflict => Get(nameof(ConcurrencyConflict));
}
