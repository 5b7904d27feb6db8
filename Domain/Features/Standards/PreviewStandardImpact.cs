using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using Mediator;

namespace CivilAffairs.Domain.Features.Standards;

/// <summary>
/// What a yearly adjustment would cost before it is saved: persons and households affected, the monthly change, the
/// cost for the rest of the year and the back pay due for months already closed.
/// </summary>
[RequiresPermission(Permission.AdjustStandards)]
[BureauWide]
public sealed record PreviewStandardImpact(AdjustStandards Adjustment) : IRequest<Result<StandardImpact>>;

/// <summary>The impact per variant and in total.</summary>
public sealed record StandardImpact(YearMonth CountedIn, YearMonth? LastClosed, int MonthsLeftInYear, IReadOnlyList<StandardImpactRow> Rows)
{
    public int Persons => Rows.Sum(r => r.Persons);
    public int Households => Rows.Sum(r => r.Households);
    public decimal MonthlyChange => Rows.Sum(r => r.MonthlyChange);
    public decimal RestOfYear => Rows.Sum(r => r.RestOfYear);
    public decimal BackPay => Rows.Sum(r => r.BackPay);
}

/// <summary>One variant's impact.</summary>
public sealed record StandardImpactRow(string VariantCode, string VariantName, decimal CurrentAmount, decimal NewAmount, int Persons, int Households,
    decimal MonthlyChange, decimal RestOfYear, int BackPayMonths, decimal BackPay);

/// <summary>
/// Counts from the entitlement rule at the next month to pay; back pay from the closed months' summaries (persons paid
/// under the variant each month times the difference to the new amount), which is what the next run will pay if
/// nothing else changes.
/// </summary>
public sealed class PreviewStandardImpactHandler(IDataSessionFactory data, IPaymentRun run, IClock clock)
    : IRequestHandler<PreviewStandardImpact, Result<StandardImpact>>
{
    public async ValueTask<Result<StandardImpact>> Handle(PreviewStandardImpact preview, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        return await ComputeAsync(session, run, clock, preview.Adjustment, ct);
    }

    /// <summary>The impact of an adjustment; a proposal records it when entered, so its approver reads the same figures.</summary>
    public static async Task<Result<StandardImpact>> ComputeAsync(IDataSession session, IPaymentRun run, IClock clock, AdjustStandards request, CancellationToken ct)
    {
        // The same checks as saving, so the preview never shows the cost of an adjustment that would be refused.
        var (j, _, errors) = await AdjustStandardsHandler.CheckAsync(session, request, ct);
        if (errors.Count > 0) return Result<StandardImpact>.Failure(errors);
        var effective = YearMonth.Of(request.EffectiveFrom);
        var lastClosed = await session.LastClosedMonthAsync(j, ct);
        var next = lastClosed?.Next ?? clock.CurrentMonth;
        var counted = effective > next ? effective : next;
        var counts = await run.HeadCountsAsync(j, counted, ct);
        var items = request.Items.Where(i => i.NewAmount is not null && ProgrammeCatalogue.Find(i.VariantCode) is { HasMonthlyStandard: true }).ToList();
        var codes = items.Select(i => i.VariantCode).ToList();
        var standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(s => s.JurisdictionId == j && codes.Contains(s.VariantCode)), ct);
        var summaries = lastClosed is { } closed && effective <= closed
            ? await session.ToListAsync(session.Query<PaymentSummary>().Where(s => s.JurisdictionId == j && codes.Contains(s.VariantCode)
                && s.Month >= effective && s.Month <= closed), ct)
            : [];
        var monthsLeft = counted.Year == effective.Year ? 12 - counted.Month + 1 : 0;

        var rows = items.Select(item =>
        {
            var variant = ProgrammeCatalogue.Find(item.VariantCode)!;
            var current = BenefitStandard.AmountInForce(standards, item.VariantCode, counted) ?? 0m;
            var newAmount = item.NewAmount!.Value;
            var count = counts.FirstOrDefault(c => c.VariantCode == item.VariantCode);
            var persons = count?.Persons ?? 0;
            var monthly = persons * (newAmount - current);
            var paid = summaries.Where(s => s.VariantCode == item.VariantCode).GroupBy(s => s.Month)
                .Select(g => (Month: g.Key, Persons: g.Sum(s => s.Persons))).ToList();
            var backPay = paid.Sum(p => p.Persons * (newAmount - (BenefitStandard.AmountInForce(standards, item.VariantCode, p.Month) ?? 0m)));
            return new StandardImpactRow(variant.Code, variant.Name, current, newAmount, persons, count?.Households ?? 0, monthly, monthly * monthsLeft,
                paid.Count, backPay);
        }).ToList();
        return Result<StandardImpact>.Success(new StandardImpact(counted, lastClosed, monthsLeft, rows));
    }
}
