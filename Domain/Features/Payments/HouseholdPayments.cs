using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using Mediator;

namespace CivilAffairs.Domain.Features.Payments;

/// <summary>A household's ledger lines, newest first: what each member was paid, for which month, and why.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record GetHouseholdPayments(int HouseholdId, int Months = 24) : IRequest<IReadOnlyList<HouseholdPaymentLine>>;

/// <summary>One line as the household page explains it.</summary>
public sealed record HouseholdPaymentLine(long Id, YearMonth Month, YearMonth ForMonth, string? PersonName, string VariantName, decimal Amount,
    decimal? PreviousAmount, PaymentReason Reason, string Why, PaymentMonthState State);

/// <summary>Reads the lines and words each reason.</summary>
public sealed class GetHouseholdPaymentsHandler(IDataSessionFactory data) : IRequestHandler<GetHouseholdPayments, IReadOnlyList<HouseholdPaymentLine>>
{
    public async ValueTask<IReadOnlyList<HouseholdPaymentLine>> Handle(GetHouseholdPayments request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var household = await session.FirstOrDefaultAsync(session.Query<Household>().Where(h => h.Id == request.HouseholdId)
            .Select(h => new { h.Id, h.JurisdictionId }), ct);
        if (household is null) return [];
        var months = await session.ToListAsync(session.Query<PaymentMonth>().Where(m => m.JurisdictionId == household.JurisdictionId)
            .OrderByDescending(m => m.Month).Take(request.Months).Select(m => new { m.Month, m.State }), ct);
        if (months.Count == 0) return [];
        var keys = months.Select(m => m.Month).ToList();
        var lines = await session.ToListAsync(session.Query<PaymentLine>()
            .Where(l => l.JurisdictionId == household.JurisdictionId && keys.Contains(l.Month) && l.HouseholdId == household.Id), ct);
        var names = await session.ToListAsync(session.Query<Person>().Where(p => p.HouseholdId == household.Id).Select(p => new { p.Id, p.Name }), ct);
        var standardIds = lines.Where(l => l.StandardId != null).Select(l => l.StandardId!.Value).Distinct().ToList();
        var standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(s => standardIds.Contains(s.Id)), ct);
        return lines.OrderByDescending(l => l.Month).ThenBy(l => l.PersonId).ThenBy(l => l.ForMonth)
            .Select(l =>
            {
                var standard = standards.FirstOrDefault(s => s.Id == l.StandardId);
                var why = PaymentExplanation.Why(l, standard);
                return new HouseholdPaymentLine(l.Id, l.Month, l.ForMonth, names.FirstOrDefault(n => n.Id == l.PersonId)?.Name,
                    ProgrammeCatalogue.Find(l.VariantCode)?.Name ?? l.VariantCode, l.Amount, l.PreviousAmount, l.Reason, why,
                    months.First(m => m.Month == l.Month).State);
            }).ToList();
    }
}

/// <summary>Words a ledger line's reason for staff ("why this amount").</summary>
public static class PaymentExplanation
{
    public static string Why(PaymentLine line, BenefitStandard? standard)
    {
        var rule = standard is null ? "" : Messages.Format("Why.Standard", standard.MonthlyAmount, standard.DocumentNumber, standard.EffectiveFrom);
        return line.Reason switch
        {
            PaymentReason.New => Messages.Format("Why.New", rule),
            PaymentReason.Continuing => Messages.Format("Why.Continuing", rule),
            PaymentReason.TierChange => Messages.Format("Why.TierChange", line.PreviousAmount, rule),
            PaymentReason.StandardChange => Messages.Format("Why.StandardChange", line.PreviousAmount, rule),
            PaymentReason.BackPay => Messages.Format("Why.BackPay", line.ForMonth),
            PaymentReason.Recovery => Messages.Format("Why.Recovery", line.ForMonth),
            PaymentReason.Temporary => Messages.Get("Why.Temporary"),
            _ => "",
        };
    }
}
