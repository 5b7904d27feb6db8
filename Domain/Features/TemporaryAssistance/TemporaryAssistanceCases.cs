using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.TemporaryAssistance;

/// <summary>
/// Records a temporary assistance case (临时救助) to be paid in an open month: by a township up to its limit, by the county
/// above it; an urgent case (急难) is paid first and its approval completed after (先行救助).
/// </summary>
[RequiresPermission(Permission.RecordTemporaryAssistance)]
public sealed class RecordTemporaryAssistance : IRequest<Result<int>>
{
    /// <summary>急难型: paid before its approval, which <see cref="CompleteTemporaryAssistance"/> records after.</summary>
    public bool Urgent { get; set; }
    public int HouseholdId { get; set; }
    /// <summary>The member assisted; null for the whole household.</summary>
    public int? PersonId { get; set; }
    public int Persons { get; set; } = 1;
    public YearMonth Month { get; set; }
    public decimal Amount { get; set; }
    public string Reason { get; set; } = "";
    public string ApprovalNumber { get; set; } = "";
    public string ApprovedBy { get; set; } = "";
}

/// <summary>Field checks of a case, with the domain's own amount rule.</summary>
public sealed class RecordTemporaryAssistanceValidator : AbstractValidator<RecordTemporaryAssistance>
{
    public RecordTemporaryAssistanceValidator()
    {
        RuleFor(x => x.Month).RequiredMonth();
        RuleFor(x => x.Amount).Must(a => !new TemporaryAmountMustBeReasonable(a).IsBroken())
            .WithMessage(x => new TemporaryAmountMustBeReasonable(x.Amount).Message);
        RuleFor(x => x.Persons).Must(p => !new TemporaryCaseNeedsPersons(p).IsBroken()).WithMessage(_ => Messages.Get("TemporaryPersonsInvalid"));
        RuleFor(x => x.Reason).NotEmpty().WithMessage(_ => Messages.Get("ReasonRequired"))
            .MaximumLength(Domain.Payments.TemporaryAssistance.ReasonMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Domain.Payments.TemporaryAssistance.ReasonMaxLength));
        RuleFor(x => x.ApprovalNumber).NotEmpty().When(x => !x.Urgent).WithMessage(_ => Messages.Get("ApprovalRequired"));
        RuleFor(x => x.ApprovalNumber).MaximumLength(Domain.Payments.TemporaryAssistance.ApprovalMaxLength)
            .WithMessage(_ => Messages.Format("TextTooLong", Domain.Payments.TemporaryAssistance.ApprovalMaxLength));
        RuleFor(x => x.ApprovedBy).NotEmpty().When(x => !x.Urgent).WithMessage(_ => Messages.Get("ApprovalRequired"));
        RuleFor(x => x.ApprovedBy).MaximumLength(50);
    }
}

/// <summary>Checks the household and member, then records the case.</summary>
public sealed class RecordTemporaryAssistanceHandler(IDataSessionFactory data, IClock clock, Actor actor, TemporaryAssistancePolicy policy)
    : IRequestHandler<RecordTemporaryAssistance, Result<int>>
{
    public async ValueTask<Result<int>> Handle(RecordTemporaryAssistance request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var household = await session.FirstOrDefaultAsync(session.Query<Household>().Where(h => h.Id == request.HouseholdId)
            .Select(h => new { h.Id, h.JurisdictionId }), ct);
        if (household is null) return Result<int>.Failure([new(nameof(request.HouseholdId), Messages.Get("UnknownHousehold"))]);
        if (request.PersonId is { } personId && await session.CountAsync(session.Query<Person>()
                .Where(p => p.Id == personId && p.HouseholdId == household.Id && p.Status == PersonStatus.Active), ct) == 0)
            return Result<int>.Failure([new(nameof(request.PersonId), Messages.Get("PersonNotInHousehold"))]);
        // An account of a township or village approves within the township's limit; the bureau's accounts are the county.
        BusinessRules.Check(new TemporaryAmountWithinApprovalLevel(request.Amount, actor.Scope is not null, policy.TownshipLimit), nameof(request.Amount));
        var lastClosed = await session.LastClosedMonthAsync(household.JurisdictionId, ct);
        var assistance = Domain.Payments.TemporaryAssistance.Record(household.JurisdictionId, household.Id, request.PersonId,
            request.PersonId is null ? request.Persons : 1, request.Month, request.Amount, request.Reason, request.ApprovalNumber,
            request.ApprovedBy, lastClosed, clock.Now.UtcDateTime, actor.UserName, request.Urgent);
        session.Add(assistance);
        session.AuditReason = request.Urgent ? "临时救助（急难，先行救助）" : $"临时救助 {request.ApprovalNumber.Trim()}";
        await session.SaveChangesAsync(ct);
        return Result<int>.Success(assistance.Id);
    }
}

/// <summary>补办: the approval of an urgent case paid first (先行救助).</summary>
[RequiresPermission(Permission.RecordTemporaryAssistance)]
public sealed record CompleteTemporaryAssistance(int Id, string ApprovalNumber, string ApprovedBy) : IRequest<Result>;

/// <summary>Records the approval on the case, audited.</summary>
public sealed class CompleteTemporaryAssistanceHandler(IDataSessionFactory data, IClock clock, Actor actor, TemporaryAssistancePolicy policy)
    : IRequestHandler<CompleteTemporaryAssistance, Result>
{
    public async ValueTask<Result> Handle(CompleteTemporaryAssistance request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var assistance = await session.FirstOrDefaultAsync(session.Edit<Domain.Payments.TemporaryAssistance>().Where(t => t.Id == request.Id), ct);
        if (assistance is null) return Result.Failure(nameof(request.Id), Messages.Get("UnknownTemporaryCase"));
        // The approval completed is held to the same level as one given before payment.
        BusinessRules.Check(new TemporaryAmountWithinApprovalLevel(assistance.Amount, actor.Scope is not null, policy.TownshipLimit), nameof(request.Id));
        assistance.Complete(request.ApprovalNumber, request.ApprovedBy, clock.Now.UtcDateTime, actor.UserName);
        session.AuditReason = $"补办临时救助审批 {request.ApprovalNumber.Trim()}";
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }
}

/// <summary>撤销 a case: paid in a closed month, the next payment run recovers it.</summary>
[RequiresPermission(Permission.RunPayments)]
public sealed record RevokeTemporaryAssistance(int Id, string Reason) : IRequest<Result>;

/// <summary>Field checks of a revocation.</summary>
public sealed class RevokeTemporaryAssistanceValidator : AbstractValidator<RevokeTemporaryAssistance>
{
    public RevokeTemporaryAssistanceValidator() =>
        RuleFor(x => x.Reason).Must(r => !new TemporaryRevocationNeedsReason(r).IsBroken()).WithMessage(_ => Messages.Get("TemporaryRevocationNeedsReason"))
            .MaximumLength(Domain.Payments.TemporaryAssistance.ReasonMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Domain.Payments.TemporaryAssistance.ReasonMaxLength));
}

/// <summary>Revokes the case through its entity, audited.</summary>
public sealed class RevokeTemporaryAssistanceHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<RevokeTemporaryAssistance, Result>
{
    public async ValueTask<Result> Handle(RevokeTemporaryAssistance request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var assistance = await session.FirstOrDefaultAsync(session.Edit<Domain.Payments.TemporaryAssistance>().Where(t => t.Id == request.Id), ct);
        if (assistance is null) return Result.Failure(nameof(request.Id), Messages.Get("UnknownTemporaryCase"));
        assistance.Revoke(request.Reason, clock.Now.UtcDateTime, actor.UserName);
        // Paid in a closed month: the next payment run recovers it.
        var lastClosed = await session.LastClosedMonthAsync(assistance.JurisdictionId, ct);
        if (RetroactiveChange.ForHousehold(assistance.JurisdictionId, assistance.HouseholdId, assistance.Month, lastClosed, clock.Now.UtcDateTime) is { } retroactive)
            session.Add(retroactive);
        session.AuditReason = $"撤销临时救助 {assistance.ApprovalNumber}：{request.Reason.Trim()}";
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }
}

/// <summary>A page of the cases of a month (or all), newest first.</summary>
[RequiresPermission(Permission.ViewPayments)]
public sealed record ListTemporaryAssistance(string JurisdictionCode, YearMonth? Month = null, int Page = 0, int PageSize = 50)
    : IRequest<TemporaryAssistanceList>;

/// <summary>One page of cases, and the count, persons and amount of all that match (revoked cases counted apart).</summary>
public sealed record TemporaryAssistanceList(IReadOnlyList<TemporaryAssistanceRow> Rows, int Total, int Persons, decimal Amount);

/// <summary>One case as listed.</summary>
public sealed record TemporaryAssistanceRow(int Id, int HouseholdId, string Township, string? PersonName, int Persons, YearMonth Month,
    decimal Amount, string Reason, string ApprovalNumber, string ApprovedBy, string RecordedBy, string? RevocationReason = null,
    bool AwaitingCompletion = false, bool Urgent = false, bool CompletionOverdue = false)
{
    public bool IsRevoked => RevocationReason is not null;
}

/// <summary>Reads the cases with their township and person.</summary>
public sealed class ListTemporaryAssistanceHandler(IDataSessionFactory data, IClock clock, TemporaryAssistancePolicy policy)
    : IRequestHandler<ListTemporaryAssistance, TemporaryAssistanceList>
{
    public const int MaxPageSize = 200;

    public async ValueTask<TemporaryAssistanceList> Handle(ListTemporaryAssistance request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var query = session.Query<Domain.Payments.TemporaryAssistance>().Where(t => t.JurisdictionId == j);
        if (request.Month is { } month) query = query.Where(t => t.Month == month);
        // Paged on the server: the demo alone holds hundreds of cases, a bureau thousands a year.
        var total = await session.CountAsync(query, ct);
        var live = query.Where(t => t.RevokedAtUtc == null);
        var persons = await session.ToListAsync(live.Select(t => new { t.Persons, t.Amount }), ct);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var rows = await session.ToListAsync(query.OrderByDescending(t => t.Id).Skip(Math.Max(0, request.Page) * size).Take(size)
            .Join(session.Query<Household>(), t => t.HouseholdId, h => h.Id, (t, h) => new { t, Township = h.Community!.Parent!.Name })
            .GroupJoin(session.Query<Person>(), x => x.t.PersonId, p => p.Id, (x, p) => new { x.t, x.Township, p })
            .SelectMany(x => x.p.DefaultIfEmpty(), (x, p) => new { x.t, x.Township, Name = p == null ? null : p.Name }), ct);
        return new TemporaryAssistanceList(rows.Select(x => new TemporaryAssistanceRow(x.t.Id, x.t.HouseholdId, x.Township, x.Name, x.t.Persons,
            x.t.Month, x.t.Amount, x.t.Reason, x.t.ApprovalNumber, x.t.ApprovedBy, x.t.RecordedBy, x.t.RevocationReason,
            x.t.Urgent && x.t.CompletedAtUtc == null && x.t.RevokedAtUtc == null, x.t.Urgent,
            // 先行救助 completed within CompletionDays of being paid first; after that the list says it is overdue.
            x.t.Urgent && x.t.CompletedAtUtc == null && x.t.RevokedAtUtc == null && x.t.RecordedAtUtc.AddDays(policy.CompletionDays) < clock.Now.UtcDateTime)).ToList(),
            total, persons.Sum(p => p.Persons), persons.Sum(p => p.Amount));
    }
}
