using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Standards;
using CivilAffairs.Domain.Standards.Rules;
using Microsoft.Extensions.DependencyInjection;
using CivilAffairs.Infrastructure.Persistence.Seeding;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Standards;

/// <summary>The standards use cases through the real mediator pipeline on a migrated SQLite database.</summary>
public sealed class AdjustStandardsTests : IAsyncLifetime
{
    private const string Zixing = DemoBureau.JurisdictionCode;
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static AdjustStandards Adjustment(string jurisdiction, DateOnly from, params (string Code, decimal Amount, string? Reason)[] items) => new()
    {
        JurisdictionCode = jurisdiction,
        EffectiveFrom = from,
        DocumentNumber = "资民发〔2024〕1号",
        Reason = "2024 年度提标",
        Items = items.Select(i => new StandardAdjustmentItem { VariantCode = i.Code, NewAmount = i.Amount, Reason = i.Reason }).ToList(),
    };

    private async Task<decimal?> AmountInForce(string jurisdiction, string variant, YearMonth month) =>
        (await _db.SendAsync(new GetStandardsInForce(jurisdiction, month)))
        .Single(r => r.Variant.Code == variant).Current?.MonthlyAmount;

    [Fact]
    public async Task The_seeded_report_year_amounts_are_in_force()
    {
        var rows = await _db.SendAsync(new GetStandardsInForce(Zixing, new YearMonth(2023, 6)));

        decimal Current(string code) => rows.Single(r => r.Variant.Code == code).Current!.MonthlyAmount;
        decimal Previous(string code) => rows.Single(r => r.Variant.Code == code).Previous!.MonthlyAmount;
        Assert.Equal(380m, Current(ProgrammeCatalogue.RuralDibaoA));
        Assert.Equal(320m, Previous(ProgrammeCatalogue.RuralDibaoA));
        Assert.Equal(550m, Current(ProgrammeCatalogue.UrbanDibaoA));
        Assert.Equal(715m, Current(ProgrammeCatalogue.ExtremePovertyUrbanAtHome));
        Assert.Equal(550m, Current(ProgrammeCatalogue.ExtremePovertyRuralInstitutional));
        Assert.Equal(65m, Current(ProgrammeCatalogue.DisabilityNursing));
        Assert.Equal(5m, rows.Single(r => r.Variant.Code == ProgrammeCatalogue.DisabilityLiving).Change);
        Assert.DoesNotContain(rows, r => r.Variant.Code == ProgrammeCatalogue.Temporary);
        Assert.Equal(15, rows.Count);
    }

    [Fact]
    public async Task A_past_month_shows_the_standard_of_that_month()
    {
        Assert.Equal(320m, await AmountInForce(Zixing, ProgrammeCatalogue.RuralDibaoA, new YearMonth(2022, 12)));
        Assert.Null(await AmountInForce(Zixing, ProgrammeCatalogue.RuralDibaoA, new YearMonth(2021, 12)));
    }

    [Fact]
    public async Task A_yearly_adjustment_writes_every_variant_under_one_document()
    {
        var result = await _db.SendAsync(Adjustment(Zixing, new DateOnly(2024, 1, 1),
            (ProgrammeCatalogue.RuralDibaoA, 420m, null), (ProgrammeCatalogue.UrbanDibaoA, 600m, null)));

        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));
        Assert.Equal(2, result.Value!.VersionsCreated);
        Assert.Equal(420m, await AmountInForce(Zixing, ProgrammeCatalogue.RuralDibaoA, new YearMonth(2024, 1)));
        Assert.Equal(380m, await AmountInForce(Zixing, ProgrammeCatalogue.RuralDibaoA, new YearMonth(2023, 12)));
        Assert.Equal(600m, await AmountInForce(Zixing, ProgrammeCatalogue.UrbanDibaoA, new YearMonth(2024, 1)));

        var history = await _db.SendAsync(new GetStandardHistory(Zixing, ProgrammeCatalogue.RuralDibaoA));
        Assert.Equal([420m, 380m, 320m], history.Select(h => h.MonthlyAmount));
        Assert.Equal(new YearMonth(2023, 12), history[1].EffectiveTo);
        Assert.Equal("资民发〔2024〕1号", history[0].DocumentNumber);
        Assert.Equal("农村低保 A类", history[0].VariantName);
        Assert.Equal("2024 年度提标", history[0].Reason);
    }

    [Fact]
    public async Task A_future_adjustment_shows_as_upcoming_until_its_month()
    {
        await _db.SendAsync(Adjustment(Zixing, new DateOnly(2027, 1, 1), (ProgrammeCatalogue.RuralDibaoB, 300m, null)));

        var row = (await _db.SendAsync(new GetStandardsInForce(Zixing, new YearMonth(2026, 11))))
            .Single(r => r.Variant.Code == ProgrammeCatalogue.RuralDibaoB);
        Assert.Equal(280m, row.Current!.MonthlyAmount);
        Assert.Equal(300m, row.Upcoming!.MonthlyAmount);
        Assert.Equal(new YearMonth(2027, 1), row.Upcoming.EffectiveFrom);
    }

    [Fact]
    public async Task One_broken_row_writes_nothing_at_all()
    {
        var result = await _db.SendAsync(Adjustment(Zixing, new DateOnly(2024, 1, 1),
            (ProgrammeCatalogue.RuralDibaoA, 420m, null),
            (ProgrammeCatalogue.UrbanDibaoA, 500m, null))); // lowered from 550 without a reason

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Items[1].Reason", error.Field);
        Assert.Equal(nameof(LoweringStandardRequiresReason), error.Rule);
        Assert.Equal(380m, await AmountInForce(Zixing, ProgrammeCatalogue.RuralDibaoA, new YearMonth(2024, 1)));
        await using var context = _db.NewContext();
        Assert.Equal(30, await context.BenefitStandards.CountAsync());
    }

    [Fact]
    public async Task A_second_version_in_the_same_month_is_refused_beside_the_month()
    {
        var result = await _db.SendAsync(Adjustment(Zixing, new DateOnly(2023, 1, 1), (ProgrammeCatalogue.RuralDibaoA, 400m, null)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("EffectiveFrom", error.Field);
        Assert.Equal(nameof(TwoVersionsCannotStartInSameMonth), error.Rule);
        Assert.Contains("同一月份不能有两个版本", error.Message);
    }

    [Fact]
    public async Task Invalid_input_comes_back_as_field_errors_from_the_validator()
    {
        var request = Adjustment(Zixing, new DateOnly(2024, 1, 15), (ProgrammeCatalogue.RuralDibaoA, -1m, null),
            (ProgrammeCatalogue.Temporary, 100m, null));
        request.DocumentNumber = "";

        var result = await _db.SendAsync(request);

        Assert.False(result.Succeeded);
        var fields = result.Errors.Select(e => e.Field).ToHashSet();
        Assert.Contains("EffectiveFrom", fields);
        Assert.Contains("DocumentNumber", fields);
        Assert.Contains("Items[0].NewAmount", fields);
        Assert.Contains("Items[1].VariantCode", fields);
        Assert.Contains(result.Errors, e => e.Message == "请填写文件号。");
        Assert.Contains(result.Errors, e => e.Message == "执行日期必须是某月的 1 日。");
    }

    [Fact]
    public async Task An_adjustment_with_no_new_amount_is_refused()
    {
        var request = Adjustment(Zixing, new DateOnly(2024, 1, 1));
        request.Items.Add(new StandardAdjustmentItem { VariantCode = ProgrammeCatalogue.RuralDibaoA });

        var result = await _db.SendAsync(request);

        Assert.Contains(result.Errors, e => e.Field == "Items" && e.Message == "请至少填写一个项目的新标准。");
    }

    [Fact]
    public async Task An_unknown_jurisdiction_is_refused()
    {
        var result = await _db.SendAsync(Adjustment("999999", new DateOnly(2024, 1, 1), (ProgrammeCatalogue.RuralDibaoA, 420m, null)));
        Assert.Equal("JurisdictionCode", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task Each_jurisdiction_keeps_its_own_standards()
    {
        await using (var context = _db.NewContext())
        {
            context.Areas.Add(new Area("210105", "皇姑区", AreaLevel.Jurisdiction, null, 1));
            await context.SaveChangesAsync();
        }
        const string Huanggu = "210105";

        var first = await _db.SendAsync(Adjustment(Huanggu, new DateOnly(2023, 1, 1), (ProgrammeCatalogue.UrbanDibaoA, 887m, null)));
        Assert.True(first.Succeeded);
        // The same month is free in 皇姑区 although 资兴市 already has a version starting in 2023-01.
        var second = await _db.SendAsync(Adjustment(Zixing, new DateOnly(2024, 1, 1), (ProgrammeCatalogue.UrbanDibaoA, 600m, null)));
        Assert.True(second.Succeeded);

        Assert.Equal(887m, await AmountInForce(Huanggu, ProgrammeCatalogue.UrbanDibaoA, new YearMonth(2024, 6)));
        Assert.Null(await AmountInForce(Huanggu, ProgrammeCatalogue.RuralDibaoA, new YearMonth(2024, 6)));
        Assert.Equal(600m, await AmountInForce(Zixing, ProgrammeCatalogue.UrbanDibaoA, new YearMonth(2024, 6)));
        Assert.Single(await _db.SendAsync(new GetStandardHistory(Huanggu, ProgrammeCatalogue.UrbanDibaoA)));
        Assert.Equal(3, (await _db.SendAsync(new GetStandardHistory(Zixing, ProgrammeCatalogue.UrbanDibaoA))).Count);
    }

    [Fact]
    public async Task Of_two_users_adjusting_the_same_standard_at_once_one_wins_and_the_other_is_told()
    {
        await using var scope = _db.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<IDataSessionFactory>();
        await using var first = await sessions.OpenAsync();
        await using var second = await sessions.OpenAsync();
        var variant = ProgrammeCatalogue.Find(ProgrammeCatalogue.RuralDibaoA)!;

        async Task<StandardSchedule> Load(IDataSession session) => new(1, variant,
            await session.ToListAsync(session.Edit<BenefitStandard>().Where(s => s.VariantCode == variant.Code)));
        var mine = await Load(first);
        var theirs = await Load(second);

        first.Add(mine.Adjust(420m, new YearMonth(2024, 1), "A", null, DateTime.UtcNow, "a"));
        second.Add(theirs.Adjust(430m, new YearMonth(2024, 2), "B", null, DateTime.UtcNow, "b"));
        await first.SaveChangesAsync();

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync());
        Assert.Equal("数据已被其他用户修改，请刷新后重试。", conflict.Message);
        Assert.Equal(420m, await AmountInForce(Zixing, variant.Code, new YearMonth(2024, 6)));
    }
}
