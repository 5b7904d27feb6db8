using System.Globalization;

namespace CivilAffairs.Domain.Common;

/// <summary>
/// An amount of money held as whole fen (分), the unit the ledger, the bank file and every sum are kept in; yuan and
/// 万元 are only how it is entered and shown. Shown amounts round half up (四舍五入) at the unit shown.
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public const long FenPerYuan = 100;
    public const decimal YuanPerWan = 10_000m;
    /// <summary>万元 are shown with four decimals, as the bureau writes them.</summary>
    public const int WanDecimals = 4;

    public static Money Zero => default;

    /// <summary>Yuan with two decimals; more decimals than fen is an error, never silently rounded.</summary>
    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * FenPerYuan;
        if (fen != decimal.Truncate(fen)) throw new ArgumentException($"{yuan} is not a whole number of fen.", nameof(yuan));
        return new Money((long)fen);
    }

    public static bool IsWholeFen(decimal yuan) => yuan * FenPerYuan == decimal.Truncate(yuan * FenPerYuan);

    public decimal Yuan => Fen / (decimal)FenPerYuan;

    /// <summary>The exact amount in 万元 (up to six decimals).</summary>
    public decimal Wan => Yuan / YuanPerWan;

    /// <summary>The amount in 万元 as shown and written: four decimals, rounded half up.</summary>
    public decimal WanRounded => RoundHalfUp(Wan, WanDecimals);

    public static decimal RoundHalfUp(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>An average per person (or per case) in yuan, shown to the fen and rounded half up; zero over nobody.</summary>
    public Money Per(int count) => count == 0 ? Zero : new Money((long)decimal.Round(Fen / (decimal)count, 0, MidpointRounding.AwayFromZero));

    public static Money operator +(Money a, Money b) => new(a.Fen + b.Fen);
    public static Money operator -(Money a, Money b) => new(a.Fen - b.Fen);
    public static Money operator -(Money a) => new(-a.Fen);
    public static Money operator *(Money a, int times) => new(a.Fen * times);
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;
    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    public override string ToString() => Yuan.ToString("N2", CultureInfo.InvariantCulture);
}

/// <summary>Sums of money.</summary>
public static class MoneyExtensions
{
    public static Money Sum(this IEnumerable<Money> amounts) => new(amounts.Sum(a => a.Fen));

    public static Money Sum<T>(this IEnumerable<T> items, Func<T, Money> amount) => new(items.Sum(i => amount(i).Fen));
}
