using System.Globalization;

namespace CivilAffairs.Domain.Common;

/// <summary>A calendar month (e.g. 2023-06): the unit in which standards take effect and payments run.</summary>
public readonly record struct YearMonth : IComparable<YearMonth>
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public YearMonth(int year, int month)
    {
        if (year is < MinYear or > MaxYear) throw new ArgumentOutOfRangeException(nameof(year));
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month));
        Year = year;
        Month = month;
    }

    public int Year { get; }
    public int Month { get; }

    /// <summary>yyyymm, e.g. 202306: how a month is stored, ordered like the months themselves.</summary>
    public int Key => Year * 100 + Month;

    public static YearMonth FromKey(int key) => new(key / 100, key % 100);

    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public YearMonth AddMonths(int months)
    {
        var index = Year * 12 + (Month - 1) + months;
        return new YearMonth(index / 12, index % 12 + 1);
    }

    public YearMonth Previous => AddMonths(-1);
    public YearMonth Next => AddMonths(1);

    /// <summary>Months from this one up to and excluding <paramref name="other"/>.</summary>
    public int MonthsUntil(YearMonth other) => (other.Year * 12 + other.Month) - (Year * 12 + Month);

    public int CompareTo(YearMonth other) => Key.CompareTo(other.Key);
    public static bool operator <(YearMonth a, YearMonth b) => a.Key < b.Key;
    public static bool operator >(YearMonth a, YearMonth b) => a.Key > b.Key;
    public static bool operator <=(YearMonth a, YearMonth b) => a.Key <= b.Key;
    public static bool operator >=(YearMonth a, YearMonth b) => a.Key >= b.Key;

    public override string ToString() => $"{Year:D4}-{Month:D2}";

    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!DateTime.TryParseExact(text.Trim(), ["yyyy-MM", "yyyy-M", "yyyyMM"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var parsed)) return false;
        if (parsed.Year is < MinYear or > MaxYear) return false;
        value = new YearMonth(parsed.Year, parsed.Month);
        return true;
    }

    public static YearMonth Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a month (yyyy-MM).");
}
