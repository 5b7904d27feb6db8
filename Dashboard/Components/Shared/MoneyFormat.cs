using System.Globalization;
using CivilAffairs.Domain.Common;

namespace CivilAffairs.Dashboard.Components.Shared;

/// <summary>How the bureau writes money: yuan with two decimals, large sums in 万元 with four.</summary>
public static class MoneyFormat
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static string Yuan(decimal amount) => amount.ToString("N2", Chinese);

    public static string Yuan(decimal? amount) => amount is null ? "—" : Yuan(amount.Value);

    /// <summary>万元 with four decimals, rounded half up from the exact yuan (<see cref="Money.WanRounded"/>), as the report writes it.</summary>
    public static string WanYuan(decimal amount) => Money.FromYuan(amount).WanRounded.ToString("N4", Chinese);

    /// <summary>A change with its sign, e.g. +60.00.</summary>
    public static string Change(decimal? change) => change switch
    {
        null => "—",
        > 0 => "+" + Yuan(change.Value),
        _ => Yuan(change.Value),
    };
}
