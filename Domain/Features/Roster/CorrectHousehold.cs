using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>更正户信息: what was entered wrong about the household put right, with a reason; <see cref="PreviewOnly"/> saves nothing.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class CorrectHousehold : IRequest<Result<CorrectionOutcome>>
{
    public int HouseholdId { get; set; }
    public string Address { get; set; } = "";
    public string? BankAccount { get; set; }
    public int CommunityId { get; set; }
    public YearMonth RegisteredMonth { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>Show what the correction changes, and the money it settles, without saving it.</summary>
    public bool PreviewOnly { get; set; }
}

/// <summary>更正成员信息: a member's details as they should have been entered, with a reason.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class CorrectMember : IRequest<Result<CorrectionOutcome>>
{
    public int HouseholdId { get; set; }
    public int PersonId { get; set; }
    public MemberInput Member { get; set; } = new();
    public string Reason { get; set; } = "";
    public bool PreviewOnly { get; set; }
}

/// <summary>What a correction changes: its fields, and per closed month the money the next payment run settles.</summary>
/// <param name="SettledIn">The month whose run pays the back pay and records the recoveries.</param>
public sealed record CorrectionOutcome(IReadOnlyList<FieldCorrection> Changes, IReadOnlyList<SettlementLine> Settlement, YearMonth SettledIn, bool Saved)
{
    public decimal BackPay => Settlement.Where(s => s.Difference > 0).Sum(s => s.Difference);
    public decimal Recovery => -Settlement.Where(s => s.Difference < 0).Sum(s => s.Difference);
}

/// <summary>One closed month's difference for one person and programme.</summary>
public sealed record SettlementLine(YearMonth Month, string PersonName, string VariantName, decimal Before, decimal After)
{
    public decimal Difference => After - Before;
}

/// <summary>Field checks of a household correction.</summary>
public sealed class CorrectHouseholdValidator : AbstractValidator<CorrectHousehold>
{
    public CorrectHouseholdValidator()
    {
        RuleFor(x => x.Reason).CorrectionReason();
        RuleFor(x => x.Address).NotEmpty().WithMessage(_ => Messages.Get("AddressRequired"))
            .MaximumLength(Household.AddressMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Household.AddressMaxLength));
        RuleFor(x => x.BankAccount).Must(a => !new BankAccountMustBeDigits(a?.Trim()).IsBroken())
            .WithMessage(x => new BankAccountMustBeDigits(x.BankAccount?.Trim()).Message);
        RuleFor(x => x.CommunityId).GreaterThan(0).WithMessage(_ => Messages.Get("UnknownCommunity"));
        RuleFor(x => x.RegisteredMonth).RequiredMonth();
    }
}

/// <summary>Field checks of a member correction.</summary>
public sealed class CorrectMemberValidator : AbstractValidator<CorrectMember>
{
    public CorrectMemberValidator()
    {
        RuleFor(x => x.Reason).CorrectionReason();
        RuleFor(x => x.Member.Name).NotEmpty().WithMessage(_ => Messages.Get("NameRequired"))
            .MaximumLength(Person.NameMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Person.NameMaxLength)).OverridePropertyName("Member.Name");
        // Left empty, the number stays as it is (the page shows it masked).
        RuleFor(x => x.Member.IdNumber).Must(id => string.IsNullOrWhiteSpace(id) || !new IdNumberMustBeValid(id).IsBroken())
            .WithMessage(x => new IdNumberMustBeValid(x.Member.IdNumber).Message).OverridePropertyName("Member.IdNumber");
    }
}

/// <summary>
/// Applies a correction through the household aggregate and works out, by the entitlement rule, what it changes in
/// the closed months; a preview stops there, a save notes the retroactive change for the next run in the same
/// transaction as the correction and its audit records.
/// </summary>
public sealed class CorrectHouseholdHandler(IDataSessionFactory data, IClock clock, Actor actor)
    : IRequestHandler<CorrectHousehold, Result<CorrectionOutcome>>, IRequestHandler<CorrectMember, Result<CorrectionOutcome>>
{
    public async ValueTask<Result<CorrectionOutcome>> Handle(CorrectHousehold request, CancellationToken ct) =>
        await CorrectAsync(request.HouseholdId, request.Reason, request.PreviewOnly, async (session, household, lastClosed, nextOpen) =>
        {
            if (await session.FindCommunityAsync(request.CommunityId, ct) is not { } found || found.JurisdictionId != household.JurisdictionId)
                throw new BusinessRuleViolationException(new UnknownCommunity(), nameof(request.CommunityId));
            BusinessRules.Check(new ChangeMonthNoLaterThanNextOpen(request.RegisteredMonth, nextOpen, clock.CurrentMonth, Planned: false), "RegisteredMonth");
            return household.CorrectDetails(request.Address, request.BankAccount, found.Community, request.RegisteredMonth, request.Reason,
                lastClosed, clock.Now.UtcDateTime, actor.UserName);
        }, ct);

    public async ValueTask<Result<CorrectionOutcome>> Handle(CorrectMember request, CancellationToken ct) =>
        await CorrectAsync(request.HouseholdId, request.Reason, request.PreviewOnly, async (session, household, _, nextOpen) =>
        {
            var elsewhere = !string.IsNullOrWhiteSpace(request.Member.IdNumber)
                            && await session.ActiveHouseholdOfAsync(request.Member.IdNumber, ct) is { } other && other != household.Id;
            return household.CorrectMember(request.PersonId, request.Member.ToDraft(), elsewhere, request.Reason, nextOpen,
                clock.Now.UtcDateTime, actor.UserName);
        }, ct);

    private async Task<Result<CorrectionOutcome>> CorrectAsync(int householdId, string reason, bool previewOnly,
        Func<IDataSession, Household, YearMonth?, YearMonth, Task<IReadOnlyList<FieldCorrection>>> correct, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var household = await session.LoadHouseholdAsync(householdId, ct);
        if (household is null) return Result<CorrectionOutcome>.Failure([new(nameof(householdId), Messages.Get("UnknownHousehold"))]);
        await session.ToListAsync(session.Edit<HouseholdMove>().Where(m => m.HouseholdId == householdId), ct);
        var lastClosed = await session.LastClosedMonthAsync(household.JurisdictionId, ct);
        var nextOpen = await session.NextOpenMonthAsync(household.JurisdictionId, clock, ct);
        var before = HouseholdTerms.Of(household);
        var from = household.RegisteredMonth;
        var changes = await correct(session, household, lastClosed, nextOpen);
        if (household.RegisteredMonth < from) from = household.RegisteredMonth;

        var standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(s => s.JurisdictionId == household.JurisdictionId), ct);
        var settlement = CorrectionSettlement.Between(before, HouseholdTerms.Of(household), from, lastClosed, standards);
        var names = household.Members.ToDictionary(m => m.Id, m => m.Name);
        var lines = settlement.Select(s => new SettlementLine(s.Month, names.GetValueOrDefault(s.PersonId, ""),
            ProgrammeCatalogue.Find(s.VariantCode)?.Name ?? s.VariantCode, s.Before, s.After)).ToList();
        if (previewOnly) return Result<CorrectionOutcome>.Success(new(changes, lines, nextOpen, Saved: false));

        if (settlement.Count > 0
            && RetroactiveChange.ForHousehold(household.JurisdictionId, household.Id, settlement.Min(s => s.Month), lastClosed, clock.Now.UtcDateTime) is { } retroactive)
            session.Add(retroactive);
        session.AuditReason = "更正：" + reason.Trim();
        await session.SaveChangesAsync(ct);
        return Result<CorrectionOutcome>.Success(new(changes, lines, nextOpen, Saved: true));
    }
}

/// <summary>The reason a correction or a restore must give, checked as the aggregate's rule checks it.</summary>
public static class CorrectionReasonRules
{
    public static IRuleBuilderOptions<T, string> CorrectionReason<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage(_ => Messages.Get("CorrectionReasonRequired"))
            .MaximumLength(CorrectionNeedsReason.MaxLength).WithMessage(_ => Messages.Format("TextTooLong", CorrectionNeedsReason.MaxLength));
}

/// <summary>The community is not one of the jurisdiction's.</summary>
public sealed record UnknownCommunity : IBusinessRule
{
    public bool IsBroken() => true;
    public string Message => Messages.Get("UnknownCommunity");
}
