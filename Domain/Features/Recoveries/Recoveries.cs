using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Recoveries;

/// <summary>Overpayments to recover (追缴), oldest first; all states when <see cref="State"/> is null.</summary>
[RequiresPermission(Permission.ViewPayments)]
public sealed record ListRecoveries(string JurisdictionCode, RecoveryState? State = RecoveryState.Outstanding) : IRequest<IReadOnlyList<RecoveryRow>>;

/// <summary>One recovery as staff work it: who, which months, how much, where it stands.</summary>
public sealed record RecoveryRow(int Id, int HouseholdId, string? PersonName, string IdNumberMasked, string Township, string VariantName,
    YearMonth DetectedMonth, YearMonth FromMonth, YearMonth ToMonth, int Months, decimal Amount, RecoveryState State, string? Note,
    string? ResolvedBy, DateTime? ResolvedAtUtc, Guid Version);

/// <summary>Reads the recoveries with the person's name and masked number.</summary>
public sealed class ListRecoveriesHandler(IDataSessionFactory data) : IRequestHandler<ListRecoveries, IReadOnlyList<RecoveryRow>>
{
    public async ValueTask<IReadOnlyList<RecoveryRow>> Handle(ListRecoveries request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var query = session.Query<Recovery>().Where(r => r.JurisdictionId == j);
        if (request.State is { } state) query = query.Where(r => r.State == state);
        var rows = await session.ToListAsync(query.OrderBy(r => r.DetectedMonth).ThenBy(r => r.Id).Take(5_000)
            .Join(session.Query<Household>(), r => r.HouseholdId, h => h.Id, (r, h) => new { r, Township = h.Community!.Parent!.Name })
            .GroupJoin(session.Query<Person>(), x => x.r.PersonId, p => p.Id, (x, p) => new { x.r, x.Township, p })
            .SelectMany(x => x.p.DefaultIfEmpty(), (x, p) => new { x.r, x.Township, Name = p == null ? null : p.Name, IdNumber = p == null ? null : p.IdNumber }), ct);
        return rows.Select(x => new RecoveryRow(x.r.Id, x.r.HouseholdId, x.Name, Masking.Mask(x.IdNumber), x.Township,
            ProgrammeCatalogue.Find(x.r.VariantCode)?.Name ?? x.r.VariantCode, x.r.DetectedMonth, x.r.FromMonth, x.r.ToMonth, x.r.Months,
            x.r.Amount, x.r.State, x.r.Note, x.r.ResolvedBy, x.r.ResolvedAtUtc, x.r.Version)).ToList();
    }
}

/// <summary>Records that an overpayment came back, or writes it off with a reason.</summary>
[RequiresPermission(Permission.RunPayments)]
public sealed record ResolveRecovery(int RecoveryId, RecoveryState Outcome, string? Note) : IRequest<Result>;

/// <summary>Field checks of a resolution.</summary>
public sealed class ResolveRecoveryValidator : AbstractValidator<ResolveRecovery>
{
    public ResolveRecoveryValidator()
    {
        RuleFor(x => x.Outcome).Must(o => o is RecoveryState.Recovered or RecoveryState.WrittenOff);
        RuleFor(x => x.Note).MaximumLength(Recovery.NoteMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Recovery.NoteMaxLength));
    }
}

/// <summary>Applies the resolution through the recovery's rules, audited.</summary>
public sealed class ResolveRecoveryHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<ResolveRecovery, Result>
{
    public async ValueTask<Result> Handle(ResolveRecovery request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var recovery = await session.FirstOrDefaultAsync(session.Edit<Recovery>().Where(r => r.Id == request.RecoveryId), ct);
        if (recovery is null) return Result.Failure(nameof(request.RecoveryId), Messages.Get("UnknownRecovery"));
        var closed = await session.CountAsync(session.Query<PaymentMonth>().Where(m => m.JurisdictionId == recovery.JurisdictionId
            && m.Month == recovery.DetectedMonth && m.State == PaymentMonthState.Closed), ct) > 0;
        if (request.Outcome == RecoveryState.WrittenOff) recovery.WriteOff(request.Note, closed, clock.Now.UtcDateTime, actor.UserName);
        else recovery.MarkRecovered(request.Note, closed, clock.Now.UtcDateTime, actor.UserName);
        session.AuditReason = request.Outcome == RecoveryState.WrittenOff ? "追缴核销" : "追缴已追回";
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }
}
