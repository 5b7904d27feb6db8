using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using CivilAffairs.Domain.Standards.Rules;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Standards;

/// <summary>
/// The yearly adjustment (年度调标): new amounts for several variants under one document number and one
/// effective month, written all together or not at all. Rows without a new amount are left as they are.
/// </summary>
[RequiresPermission(Permission.AdjustStandards)]
[BureauWide]
public sealed class AdjustStandards : IRequest<Result<AdjustmentOutcome>>
{
    public string JurisdictionCode { get; set; } = "";
    public DateOnly EffectiveFrom { get; set; }
    public string DocumentNumber { get; set; } = "";
    public string? Reason { get; set; }
    public List<StandardAdjustmentItem> Items { get; set; } = [];

    public IEnumerable<(StandardAdjustmentItem Item, int Index)> Changes =>
        Items.Select((item, index) => (item, index)).Where(x => x.item.NewAmount is not null);
}

/// <summary>One variant's new amount, and why where it is lowered.</summary>
public sealed class StandardAdjustmentItem
{
    public string VariantCode { get; set; } = "";
    public decimal? NewAmount { get; set; }
    public string? Reason { get; set; }
}

/// <summary>What the adjustment wrote, or the proposal it became when a second person must approve it.</summary>
public sealed record AdjustmentOutcome(int VersionsCreated, YearMonth EffectiveFrom, string DocumentNumber, int? ProposalId = null);

/// <summary>The checks that need no database; the page runs the same validator on the form.</summary>
public sealed class AdjustStandardsValidator : AbstractValidator<AdjustStandards>
{
    public AdjustStandardsValidator()
    {
        RuleFor(x => x.JurisdictionCode).NotEmpty();
        RuleFor(x => x.EffectiveFrom)
            .Must(d => d != default).WithMessage(_ => Messages.Get("EffectiveMonthRequired"))
            .Must(d => !new StandardMustStartOnFirstOfMonth(d).IsBroken())
            .WithMessage(_ => Messages.Get("StandardMustStartOnFirstOfMonth"))
            .Must(d => d == default || d.Year is >= YearMonth.MinYear and <= YearMonth.MaxYear)
            .WithMessage(_ => Messages.Format("EffectiveMonthOutOfRange", YearMonth.MinYear, YearMonth.MaxYear));
        RuleFor(x => x.DocumentNumber)
            .NotEmpty().WithMessage(_ => Messages.Get("DocumentNumberRequired"))
            .MaximumLength(BenefitStandard.DocumentNumberMaxLength)
            .WithMessage(_ => Messages.Format("TextTooLong", BenefitStandard.DocumentNumberMaxLength));
        RuleFor(x => x.Reason).MaximumLength(BenefitStandard.ReasonMaxLength)
            .WithMessage(_ => Messages.Format("TextTooLong", BenefitStandard.ReasonMaxLength));
        RuleFor(x => x.Items)
            .Must(items => items.Any(i => i.NewAmount is not null))
            .WithMessage(_ => Messages.Get("AdjustmentNeedsItems"));
        RuleForEach(x => x.Items).SetValidator(new StandardAdjustmentItemValidator());
        RuleForEach(x => x.Items)
            .Must((request, item) => request.Items.Count(i => i.VariantCode == item.VariantCode) == 1)
            .WithMessage((_, item) => Messages.Format("DuplicateVariant", ProgrammeCatalogue.Find(item.VariantCode)?.Name ?? item.VariantCode));
    }
}

/// <summary>Checks one row of the adjustment with the domain's own amount rules.</summary>
public sealed class StandardAdjustmentItemValidator : AbstractValidator<StandardAdjustmentItem>
{
    public StandardAdjustmentItemValidator()
    {
        RuleFor(x => x.VariantCode)
            .NotEmpty().WithMessage(_ => Messages.Get("VariantRequired"))
            .Must(code => ProgrammeCatalogue.Find(code) is not null)
            .WithMessage(x => Messages.Format("UnknownVariant", x.VariantCode))
            .Must(code => ProgrammeCatalogue.Find(code) is not { HasMonthlyStandard: false })
            .WithMessage(x => Messages.Format("VariantHasNoMonthlyStandard", ProgrammeCatalogue.Find(x.VariantCode)?.Name));
        When(x => x.NewAmount is not null, () =>
        {
            RuleFor(x => x.NewAmount!.Value)
                .Must(a => !new StandardAmountMustBePositive(a).IsBroken())
                .WithMessage(x => new StandardAmountMustBePositive(x.NewAmount!.Value).Message)
                .Must(a => !new StandardAmountMustNotExceedCap(a).IsBroken())
                .WithMessage(x => new StandardAmountMustNotExceedCap(x.NewAmount!.Value).Message)
                .Must(a => !new StandardAmountMustBeInFen(a).IsBroken())
                .WithMessage(x => new StandardAmountMustBeInFen(x.NewAmount!.Value).Message)
                .OverridePropertyName(nameof(StandardAdjustmentItem.NewAmount));
        });
        RuleFor(x => x.Reason).MaximumLength(BenefitStandard.ReasonMaxLength)
            .WithMessage(_ => Messages.Format("TextTooLong", BenefitStandard.ReasonMaxLength));
    }
}

/// <summary>
/// Checks every row against the standards already recorded, then writes all new versions in one save; or, where a second
/// person must approve (<see cref="StandardsPolicy.SecondApproval"/>), records the proposal with its impact instead.
/// </summary>
public sealed class AdjustStandardsHandler(IDataSessionFactory data, IClock clock, Actor actor, StandardsPolicy policy, IPaymentRun run)
    : IRequestHandler<AdjustStandards, Result<AdjustmentOutcome>>
{
    public async ValueTask<Result<AdjustmentOutcome>> Handle(AdjustStandards request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var (jurisdictionId, schedules, errors) = await CheckAsync(session, request, ct);
        if (errors.Count > 0) return Result<AdjustmentOutcome>.Failure(errors);
        var effectiveFrom = YearMonth.Of(request.EffectiveFrom);
        if (policy.SecondApproval)
        {
            var impact = await PreviewStandardImpactHandler.ComputeAsync(session, run, clock, request, ct);
            if (!impact.Succeeded) return Result<AdjustmentOutcome>.Failure(impact.Errors);
            var i = impact.Value!;
            var proposal = StandardsProposal.Propose(jurisdictionId, request.EffectiveFrom, request.DocumentNumber, request.Reason,
                request.Changes.Select(c => (c.Item.VariantCode, c.Item.NewAmount!.Value, c.Item.Reason)),
                (i.Persons, i.Households, i.MonthlyChange, i.BackPay), clock.Now.UtcDateTime, actor.UserName);
            session.Add(proposal);
            session.AuditReason = $"提交年度调标 {request.DocumentNumber.Trim()}，待审核";
            await session.SaveChangesAsync(ct);
            return Result<AdjustmentOutcome>.Success(new AdjustmentOutcome(0, effectiveFrom, request.DocumentNumber.Trim(), proposal.Id));
        }
        Apply(session, request, jurisdictionId, schedules, await session.LastClosedMonthAsync(jurisdictionId, ct), clock, actor);
        session.AuditReason = $"年度调标 {request.DocumentNumber.Trim()}" + (string.IsNullOrWhiteSpace(request.Reason) ? "" : $"：{request.Reason.Trim()}");
        await session.SaveChangesAsync(ct);
        return Result<AdjustmentOutcome>.Success(new AdjustmentOutcome(schedules.Count, effectiveFrom, request.DocumentNumber.Trim()));
    }

    /// <summary>Adds the new versions (and, for a closed month, the retroactive change the next run settles) to the session.</summary>
    public static void Apply(IDataSession session, AdjustStandards request, int jurisdictionId,
        IEnumerable<(StandardAdjustmentItem Item, int Index, StandardSchedule Schedule)> schedules, YearMonth? lastClosed, IClock clock, Actor actor)
    {
        var effectiveFrom = YearMonth.Of(request.EffectiveFrom);
        // A standard effective from a closed month is settled by the next payment run as back pay (or recovery).
        foreach (var (item, _, schedule) in schedules)
        {
            var reason = string.IsNullOrWhiteSpace(item.Reason) ? request.Reason : item.Reason;
            session.Add(schedule.Adjust(item.NewAmount!.Value, effectiveFrom, request.DocumentNumber, reason,
                clock.Now.UtcDateTime, actor.UserName));
            if (RetroactiveChange.ForStandard(jurisdictionId, item.VariantCode, effectiveFrom, lastClosed, clock.Now.UtcDateTime) is { } retroactive)
                session.Add(retroactive);
        }
    }

    /// <summary>Every row checked against the standards already recorded, before anything is written (the impact preview runs it too).</summary>
    public static async Task<(int JurisdictionId, List<(StandardAdjustmentItem Item, int Index, StandardSchedule Schedule)> Schedules, List<FieldError> Errors)>
        CheckAsync(IDataSession session, AdjustStandards request, CancellationToken ct)
    {
        var jurisdictionId = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct);
        if (jurisdictionId is null)
            return (0, [], [new(nameof(request.JurisdictionCode), Messages.Format("UnknownJurisdiction", request.JurisdictionCode))]);

        var changes = request.Changes.ToList();
        var codes = changes.Select(c => c.Item.VariantCode).ToList();
        var recorded = await session.ToListAsync(session.Edit<BenefitStandard>()
            .Where(s => s.JurisdictionId == jurisdictionId && codes.Contains(s.VariantCode)), ct);
        var effectiveFrom = YearMonth.Of(request.EffectiveFrom);

        var schedules = changes.Select(c => (c.Item, c.Index, Schedule: new StandardSchedule(jurisdictionId.Value,
            ProgrammeCatalogue.Find(c.Item.VariantCode)!, recorded.Where(s => s.VariantCode == c.Item.VariantCode)))).ToList();

        // Every row is checked before anything is written, so the user sees all problems at once.
        var errors = schedules.SelectMany(s => s.Schedule
                .BrokenRules(s.Item.NewAmount!.Value, effectiveFrom, s.Item.Reason)
                .Select(rule => new FieldError(FieldOf(rule, s.Index), rule.Message, rule.Name)))
            .ToList();
        return (jurisdictionId.Value, schedules, errors);
    }

    private static string FieldOf(IBusinessRule rule, int index) => rule switch
    {
        LoweringStandardRequiresReason => $"Items[{index}].Reason",
        TwoVersionsCannotStartInSameMonth or HistoryIsNeverRewritten => nameof(AdjustStandards.EffectiveFrom),
        _ => $"Items[{index}].NewAmount",
    };
}
