using CivilAffairs.Dashboard;
using CivilAffairs.Domain.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Common;

/// <summary>
/// The newcomer's finding: the demo is the first half of 2023, but forms defaulted to 2027-01 and the cockpit warned of
/// 41 unclosed months. With <c>Demo:Today</c> the installation lives on its own day; without it, on the real clock.
/// </summary>
public sealed class DemoTodayTests
{
    private static IClock ClockOf(string? today)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Default"] = "Data Source=:memory:" };
        if (today is not null) settings["Demo:Today"] = today;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddDashboardCore(configuration, Path.GetTempPath());
        return services.BuildServiceProvider().GetRequiredService<IClock>();
    }

    [Fact]
    public void The_demo_s_day_sets_the_current_month_and_timestamps_stay_real()
    {
        var clock = ClockOf("2023-07-15");

        Assert.Equal(new DateOnly(2023, 7, 15), clock.Today);
        Assert.Equal(new YearMonth(2023, 7), clock.CurrentMonth);
        Assert.True(clock.Now > new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)); // audit and sessions keep the real time
    }

    [Fact]
    public void Without_it_the_bureau_lives_on_the_real_clock()
    {
        var clock = ClockOf(null);

        Assert.Equal(DateOnly.FromDateTime(DateTime.Now), clock.Today);
    }

    [Fact]
    public void A_day_that_is_not_a_date_stops_the_start_with_a_Chinese_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClockOf("2023-13-45"));
        Assert.Contains("Demo:Today 不是日期", error.Message);
    }

    [Fact]
    public void The_development_settings_give_the_demo_its_day_in_July_2023()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CivilAffairs.Dashboard.sln"))) root = root.Parent!;
        var development = new ConfigurationBuilder().AddJsonFile(Path.Combine(root.FullName, "Dashboard", "appsettings.Development.json")).Build();
        var production = new ConfigurationBuilder().AddJsonFile(Path.Combine(root.FullName, "Dashboard", "appsettings.json")).Build();

        Assert.Equal("2023-07-15", development["Demo:Today"]);
        Assert.Null(production["Demo:Today"]);
    }
}
