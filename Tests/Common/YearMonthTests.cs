using CivilAffairs.Domain.Common;

namespace CivilAffairs.Tests.Common;

public class YearMonthTests
{
    [Fact]
    public void Months_roll_over_the_year_both_ways()
    {
        Assert.Equal(new YearMonth(2024, 1), new YearMonth(2023, 12).Next);
        Assert.Equal(new YearMonth(2022, 12), new YearMonth(2023, 1).Previous);
        Assert.Equal(new YearMonth(2024, 3), new YearMonth(2023, 3).AddMonths(12));
        Assert.Equal(3, new YearMonth(2023, 1).MonthsUntil(new YearMonth(2023, 4)));
    }

    [Fact]
    public void The_storage_key_orders_like_the_months()
    {
        var months = new[] { new YearMonth(2023, 10), new YearMonth(2022, 12), new YearMonth(2023, 2) };
        Assert.Equal(months.OrderBy(m => m).Select(m => m.Key), months.Select(m => m.Key).Order());
        Assert.Equal(202306, new YearMonth(2023, 6).Key);
        Assert.Equal(new YearMonth(2023, 6), YearMonth.FromKey(202306));
    }

    [Theory]
    [InlineData("2023-06", 2023, 6)]
    [InlineData("2023-6", 2023, 6)]
    [InlineData("202306", 2023, 6)]
    public void Parses_the_forms_staff_type(string text, int year, int month)
    {
        Assert.True(YearMonth.TryParse(text, out var parsed));
        Assert.Equal(new YearMonth(year, month), parsed);
        Assert.Equal($"{year:D4}-{month:D2}", parsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023-13")]
    [InlineData("June")]
    [InlineData("1899-01")]
    public void Rejects_what_is_not_a_month(string text) => Assert.False(YearMonth.TryParse(text, out _));

    [Fact]
    public void First_and_last_day_bound_the_month()
    {
        Assert.Equal(new DateOnly(2024, 2, 1), new YearMonth(2024, 2).FirstDay);
        Assert.Equal(new DateOnly(2024, 2, 29), new YearMonth(2024, 2).LastDay);
    }
}
