using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;
using CivilAffairs.Domain.Standards.Rules;

namespace CivilAffairs.Tests.Standards;

/// <summary>The rules of benefit standards, checked on the model alone.</summary>
public class StandardScheduleTests
{
    private static readonly ProgrammeVariant RuralA = ProgrammeCatalogue.Find(ProgrammeCatalogue.RuralDibaoA)!;
    private static readonly DateTime At = new(2023, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    private static StandardSchedule RuralAWith320From2022()
    {
        var schedule = new StandardSchedule(1, RuralA, []);
        schedule.Adjust(320m, new YearMonth(2022, 1), "资民发〔2022〕3号", null, At, "test");
        return schedule;
    }

    private static TRule Broken<TRule>(Action act) where TRule : IBusinessRule
    {
        var violation = Assert.Throws<BusinessRuleViolationException>(act);
        return Assert.IsType<TRule>(violation.Rule);
    }

    [Fact]
    public void Adjusting_a_standard_closes_the_previous_version_the_month_before()
    {
        var schedule = RuralAWith320From2022();
        var previous = schedule.Current!;

        var next = schedule.Adjust(380m, new YearMonth(2023, 1), "资民发〔2023〕5号", null, At, "test");

        Assert.Equal(new YearMonth(2022, 12), previous.EffectiveTo);
        Assert.Null(next.EffectiveTo);
        Assert.Same(next, schedule.Current);
        Assert.Equal(320m, previous.MonthlyAmount);
    }

    [Fact]
    public void Exactly_one_amount_is_in_force_in_every_month_from_the_first_version_on()
    {
        var schedule = RuralAWith320From2022();
        schedule.Adjust(380m, new YearMonth(2023, 1), "资民发〔2023〕5号", null, At, "test");
        schedule.Adjust(420m, new YearMonth(2024, 7), "资民发〔2024〕9号", null, At, "test");

        for (var month = new YearMonth(2022, 1); month <= new YearMonth(2026, 12); month = month.Next)
            Assert.Single(schedule.Versions, v => v.IsInForceIn(month));

        Assert.Equal(320m, schedule.InForce(new YearMonth(2022, 12))!.MonthlyAmount);
        Assert.Equal(380m, schedule.InForce(new YearMonth(2024, 6))!.MonthlyAmount);
        Assert.Equal(420m, schedule.InForce(new YearMonth(2024, 7))!.MonthlyAmount);
        Assert.Null(schedule.InForce(new YearMonth(2021, 12)));
    }

    [Fact]
    public void Two_versions_cannot_start_in_the_same_month()
    {
        var schedule = RuralAWith320From2022();
        Broken<TwoVersionsCannotStartInSameMonth>(() =>
            schedule.Adjust(330m, new YearMonth(2022, 1), "资民发〔2022〕4号", null, At, "test"));
        Assert.Single(schedule.Versions);
    }

    [Fact]
    public void History_is_never_rewritten_by_a_version_that_starts_earlier()
    {
        var schedule = RuralAWith320From2022();
        var rule = Broken<HistoryIsNeverRewritten>(() =>
            schedule.Adjust(300m, new YearMonth(2021, 7), "资民发〔2021〕1号", "更正", At, "test"));
        Assert.Contains("2022-01", rule.Message);
        Assert.Null(schedule.Current!.EffectiveTo);
    }

    [Fact]
    public void A_retroactive_raise_after_the_current_start_is_allowed()
    {
        var schedule = RuralAWith320From2022();
        // Announced in April 2023, effective from January: back pay settles the closed months later.
        var raised = schedule.Adjust(380m, new YearMonth(2023, 1), "资民发〔2023〕5号", null, At, "test");
        Assert.Equal(new YearMonth(2023, 1), raised.EffectiveFrom);
    }

    [Fact]
    public void Lowering_a_standard_requires_a_reason()
    {
        var schedule = RuralAWith320From2022();
        var rule = Broken<LoweringStandardRequiresReason>(() =>
            schedule.Adjust(300m, new YearMonth(2023, 1), "资民发〔2023〕5号", "  ", At, "test"));
        Assert.Contains("降低标准必须填写原因", rule.Message);

        var lowered = schedule.Adjust(300m, new YearMonth(2023, 1), "资民发〔2023〕5号", "财政预算调整", At, "test");
        Assert.Equal("财政预算调整", lowered.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-50)]
    public void Amounts_must_be_positive(decimal amount) =>
        Broken<StandardAmountMustBePositive>(() => new StandardSchedule(1, RuralA, [])
            .Adjust(amount, new YearMonth(2023, 1), "x", null, At, "test"));

    [Fact]
    public void Amounts_above_the_cap_are_refused()
    {
        Broken<StandardAmountMustNotExceedCap>(() => new StandardSchedule(1, RuralA, [])
            .Adjust(BenefitStandard.MaxMonthlyAmount + 0.01m, new YearMonth(2023, 1), "x", null, At, "test"));
        Assert.NotNull(new StandardSchedule(1, RuralA, [])
            .Adjust(BenefitStandard.MaxMonthlyAmount, new YearMonth(2023, 1), "x", null, At, "test"));
    }

    [Fact]
    public void Amounts_are_in_yuan_and_fen() =>
        Broken<StandardAmountMustBeInFen>(() => new StandardSchedule(1, RuralA, [])
            .Adjust(380.005m, new YearMonth(2023, 1), "x", null, At, "test"));

    [Fact]
    public void An_unchanged_amount_is_not_a_new_version() =>
        Broken<NewAmountMustDifferFromCurrent>(() =>
            RuralAWith320From2022().Adjust(320m, new YearMonth(2023, 1), "x", null, At, "test"));

    [Fact]
    public void Temporary_assistance_has_no_monthly_standard() =>
        Broken<VariantMustHaveMonthlyStandard>(() =>
            new StandardSchedule(1, ProgrammeCatalogue.Find(ProgrammeCatalogue.Temporary)!, [])
                .Adjust(500m, new YearMonth(2023, 1), "x", null, At, "test"));

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(31, true)]
    public void A_standard_starts_on_the_first_of_a_month(int day, bool broken) =>
        Assert.Equal(broken, new StandardMustStartOnFirstOfMonth(new DateOnly(2024, 1, day)).IsBroken());

    [Fact]
    public void A_schedule_holds_only_its_own_jurisdiction_and_variant()
    {
        var other = new StandardSchedule(2, RuralA, []);
        var version = other.Adjust(380m, new YearMonth(2023, 1), "x", null, At, "test");
        Assert.Throws<ArgumentException>(() => new StandardSchedule(1, RuralA, [version]));
    }
}
