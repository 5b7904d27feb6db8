using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Cockpit;

/// <summary>The standards in force in a month, each with its change against the same month a year before.</summary>
[RequiresPermission(Permission.ViewCockpit)]
public sealed record GetCockpitStandards(string JurisdictionCode, YearMonth Month) : IRequest<IReadOnlyList<CockpitStandard>>;

/// <summary>One variant's standard now and a year before.</summary>
public sealed record CockpitStandard(string VariantCode, string VariantName, ProgrammeGroup Group, decimal? Amount, decimal? YearBefore)
{
    public decimal? Change => Amount is { } a && YearBefore is { } b ? a - b : null;
}

/// <summary>Reads the (small) standards table once.</summary>
public sealed class GetCockpitStandardsHandler(IDataSessionFactory data) : IRequestHandler<GetCockpitStandards, IReadOnlyList<CockpitStandard>>
{
    public async ValueTask<IReadOnlyList<CockpitStandard>> Handle(GetCockpitStandards request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(s => s.JurisdictionId == j), ct);
        var yearBefore = request.Month.AddMonths(-12);
        return ProgrammeCatalogue.All.Where(v => v.HasMonthlyStandard).Select(v => new CockpitStandard(v.Code, v.Name, v.Group,
            BenefitStandard.AmountInForce(standards, v.Code, request.Month), BenefitStandard.AmountInForce(standards, v.Code, yearBefore))).ToList();
    }
}

/// <summary>What needs someone: months not closed, a stale preview, corrections pending, recoveries, failed bank payments.</summary>
[RequiresPermission(Permission.ViewCockpit)]
public sealed record GetCockpitAlerts(string JurisdictionCode) : IRequest<IReadOnlyList<CockpitAlert>>;

/// <summary>Kinds of alert, each with the page that deals with it.</summary>
public enum CockpitAlertKind { MonthsNotClosed = 1, PreviewOutdated = 2, CorrectionsPending = 3, RecoveriesOutstanding = 4, BankPaymentsFailed = 5, ChildAllowancesEnding = 6, ReviewsOverdue = 7 }

/// <summary>One alert: how many, how much where money is involved.</summary>
public sealed record CockpitAlert(CockpitAlertKind Kind, int Count, decimal? Amount, YearMonth? Month);

/// <summary>A handful of small queries over the months, counters, recoveries, bank payments and children's allowances.</summary>
public sealed class GetCockpitAlertsHandler(IDataSessionFactory data, IClock clock, Domain.Roster.ReviewPolicy reviews) : IRequestHandler<GetCockpitAlerts, IReadOnlyList<CockpitAlert>>
{
    /// <summary>How far ahead the cockpit warns of children's allowances ending at 18.</summary>
    public const int ChildAllowanceHorizonMonths = 3;

    public async ValueTask<IReadOnlyList<CockpitAlert>> Handle(GetCockpitAlerts request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var alerts = new List<CockpitAlert>();
        var months = await session.ToListAsync(session.Query<PaymentMonth>().Where(m => m.JurisdictionId == j)
            .OrderByDescending(m => m.Month).Take(24), ct);
        var lastClosed = months.FirstOrDefault(m => m.IsClosed)?.Month;
        // A month is due for closing once it is over.
        var due = clock.CurrentMonth.Previous;
        if (lastClosed is { } closed && closed < due)
            alerts.Add(new CockpitAlert(CockpitAlertKind.MonthsNotClosed, (due.Year - closed.Year) * 12 + due.Month - closed.Month, null, closed.Next));
        if (months.FirstOrDefault(m => m.State == PaymentMonthState.Computed) is { } preview)
        {
            var topics = PaymentInputs.Topics.ToList();
            var inputs = await session.ToListAsync(session.Query<ChangeCounter>().Where(c => topics.Contains(c.Topic)).Select(c => c.Value), ct);
            if (inputs.Sum() != preview.ComputedAtChange) alerts.Add(new CockpitAlert(CockpitAlertKind.PreviewOutdated, 1, null, preview.Month));
        }
        var corrections = await session.CountAsync(session.Query<RetroactiveChange>().Where(r => r.JurisdictionId == j), ct);
        if (corrections > 0) alerts.Add(new CockpitAlert(CockpitAlertKind.CorrectionsPending, corrections, null, lastClosed?.Next));
        var recoveries = await session.ToListAsync(session.Query<Recovery>()
            .Where(r => r.JurisdictionId == j && r.State == RecoveryState.Outstanding).Select(r => r.Amount), ct);
        if (recoveries.Count > 0) alerts.Add(new CockpitAlert(CockpitAlertKind.RecoveriesOutstanding, recoveries.Count, recoveries.Sum(), null));
        var failed = await session.ToListAsync(session.Query<BankPayment>().Where(p => p.State == BankPaymentState.Failed)
            .Join(session.Query<BankBatch>().Where(b => b.JurisdictionId == j), p => p.BatchId, b => b.Id, (p, _) => p.Amount), ct);
        if (failed.Count > 0) alerts.Add(new CockpitAlert(CockpitAlertKind.BankPaymentsFailed, failed.Count, failed.Sum(), null));
        // Children's allowances that end within the next three payment months because the child turns 18.
        var next = lastClosed?.Next ?? clock.CurrentMonth;
        var horizon = next.AddMonths(ChildAllowanceHorizonMonths);
        var limited = ProgrammeCatalogue.All.Where(v => Entitlement.HasAgeLimit(v.Programme)).Select(v => v.Code).ToList();
        var adultIfBornBy = Domain.Roster.Person.AdultIfBornOnOrBefore(horizon);
        var ending = await session.CountAsync(session.Query<Domain.Roster.Enrollment>().Where(e => e.ToMonth == null && limited.Contains(e.VariantCode)
            && e.Household!.JurisdictionId == j && e.Person!.BirthDate <= adultIfBornBy), ct);
        if (ending > 0) alerts.Add(new CockpitAlert(CockpitAlertKind.ChildAllowancesEnding, ending, null, horizon));
        // 复核 overdue: assisted households whose periodic review has fallen due (the same schedule as the reviews page).
        var today = clock.Today;
        var overdue = await session.CountAsync(session.Query<Domain.Roster.Household>().Where(h => h.JurisdictionId == j
            && h.Status == Domain.Roster.HouseholdStatus.Active && h.Enrollments.Any(e => e.ToMonth == null))
            .Where(Domain.Roster.ReviewSchedule.DueByWhere(today, today, reviews)), ct);
        if (overdue > 0) alerts.Add(new CockpitAlert(CockpitAlertKind.ReviewsOverdue, overdue, null, null));
        return alerts;
    }
}

/// <summary>Enters or changes the year's assistance budget.</summary>
[RequiresPermission(Permission.RunPayments)]
[BureauWide]
public sealed record SetAnnualBudget(string JurisdictionCode, int Year, decimal Amount) : IRequest<Result>;

/// <summary>Field checks of a budget.</summary>
public sealed class SetAnnualBudgetValidator : AbstractValidator<SetAnnualBudget>
{
    public SetAnnualBudgetValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(YearMonth.MinYear, YearMonth.MaxYear);
        RuleFor(x => x.Amount).Must(a => !new BudgetMustBePositive(a).IsBroken()).WithMessage(_ => Messages.Get("BudgetInvalid"));
    }
}

/// <summary>Creates or updates the year's budget, audited.</summary>
public sealed class SetAnnualBudgetHandler(IDataSessionFactory data) : IRequestHandler<SetAnnualBudget, Result>
{
    public async ValueTask<Result> Handle(SetAnnualBudget request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var budget = await session.FirstOrDefaultAsync(session.Edit<AnnualBudget>().Where(b => b.JurisdictionId == j && b.Year == request.Year), ct);
        if (budget is null) session.Add(new AnnualBudget(j, request.Year, request.Amount));
        else budget.Set(request.Amount);
        session.AuditReason = $"{request.Year} 年度救助资金预算";
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }
}
