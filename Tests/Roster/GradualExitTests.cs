using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Roster;

/// <summary>渐退期: where the bureau grants it, a household stopped for income above the line is paid for its months first.</summary>
public sealed class GradualExitTests : IAsyncLifetime
{
    private static readonly YearMonth June = new(2026, 6), November = new(2026, 11);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<EnrollmentDetail> StopAsync(StopReason reason, bool withoutGradualExit = false)
    {
        var household = await _roster.RegisterAsync(June, ProgrammeCatalogue.RuralDibaoA);
        var stopped = await _db.SendAsync(new StopHousehold { HouseholdId = household, Month = November, Reason = reason, WithoutGradualExit = withoutGradualExit },
            Roles.Caseworker);
        Assert.True(stopped.Succeeded, string.Join("；", stopped.Errors.Select(e => e.Message)));
        return (await _db.SendAsync(new GetHousehold(household), Roles.Caseworker))!.Enrollments.Single();
    }

    [Fact]
    public async Task Off_by_default_a_stop_takes_effect_from_its_month() =>
        Assert.Equal(November.Previous, (await StopAsync(StopReason.IncomeAboveLine)).ToMonth);

    [Fact]
    public async Task With_three_months_granted_income_above_the_line_stops_three_months_later_and_other_reasons_at_once()
    {
        _db.Services.GetRequiredService<GradualExitPolicy>().GradualExitMonths = 3;

        var gradual = await StopAsync(StopReason.IncomeAboveLine);
        Assert.Equal(new YearMonth(2027, 1), gradual.ToMonth);           // paid November to January, stopped from February
        Assert.Equal("渐退期 3 个月，自 2027-02 起停发", gradual.StopNote);
        Assert.Equal(November.Previous, (await StopAsync(StopReason.Died)).ToMonth);
        Assert.Equal(November.Previous, (await StopAsync(StopReason.IncomeAboveLine, withoutGradualExit: true)).ToMonth);
    }
}
