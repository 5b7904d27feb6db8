using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Payments;

/// <summary>The jurisdiction's payment months, newest first, and the month to process next.</summary>
[RequiresPermission(Permission.ViewPayments)]
public sealed record ListPaymentMonths(string JurisdictionCode) : IRequest<PaymentMonthsView>;

/// <summary>The payments page's header data.</summary>
public sealed record PaymentMonthsView(IReadOnlyList<PaymentMonthRow> Months, YearMonth NextMonth, YearMonth? LastClosed,
    int OutstandingRecoveries, decimal OutstandingRecoveryAmount, int PendingCorrections)
{
    public PaymentMonthRow? Find(YearMonth month) => Months.FirstOrDefault(m => m.Month == month);
}

/// <summary>One payment month as listed.</summary>
public sealed record PaymentMonthRow(int Id, YearMonth Month, PaymentMonthState State, int Lines, decimal Paid, decimal BackPay,
    decimal Recovery, DateTime? ComputedAtUtc, string? ComputedBy, DateTime? ClosedAtUtc, string? ClosedBy, Guid Version);

/// <summary>Reads the months; the next month is the one after the last closed (or the current month when none is).</summary>
public sealed class ListPaymentMonthsHandler(IDataSessionFactory data, IClock clock, IUserDirectory users) : IRequestHandler<ListPaymentMonths, PaymentMonthsView>
{
    public async ValueTask<PaymentMonthsView> Handle(ListPaymentMonths request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var months = await session.ToListAsync(session.Query<PaymentMonth>().Where(m => m.JurisdictionId == j).OrderByDescending(m => m.Month)
            .Select(m => new PaymentMonthRow(m.Id, m.Month, m.State, m.LineCount, m.PaidAmount, m.BackPayAmount, m.RecoveryAmount,
                m.ComputedAtUtc, m.ComputedBy, m.ClosedAtUtc, m.ClosedBy, m.Version)), ct);
        var staff = await users.NamesAsync(ct);
        months = months.Select(m => m with { ComputedBy = m.ComputedBy is null ? null : staff.Describe(m.ComputedBy), ClosedBy = m.ClosedBy is null ? null : staff.Describe(m.ClosedBy) }).ToList();
        var lastClosed = months.FirstOrDefault(m => m.State == PaymentMonthState.Closed)?.Month;
        var next = PaymentMonth.NextOpen(lastClosed, months.LastOrDefault()?.Month, clock.CurrentMonth);
        var outstanding = await session.ToListAsync(session.Query<Recovery>()
            .Where(r => r.JurisdictionId == j && r.State == RecoveryState.Outstanding).Select(r => r.Amount), ct);
        var pending = await session.CountAsync(session.Query<RetroactiveChange>().Where(r => r.JurisdictionId == j), ct);
        return new PaymentMonthsView(months, next, lastClosed, outstanding.Count, outstanding.Sum(), pending);
    }
}
