using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Payments;

/// <summary>Computes a month's ledger and summaries as a preview (recomputable until the month is closed).</summary>
[RequiresPermission(Permission.RunPayments)]
[BureauWide]
public sealed class ComputePaymentMonth : IRequest<Result<PaymentRunOutcome>>, IPaymentMonthOrder
{
    public string JurisdictionCode { get; set; } = "";
    public YearMonth Month { get; set; }
    /// <summary>The month's version as the page showed it; null when the page showed no row.</summary>
    public Guid? ExpectedVersion { get; set; }
    public IProgress<PaymentRunProgress>? Progress { get; set; }
}

/// <summary>
/// Closes a month: its lines are locked for ever. Recomputes first when anything changed since the preview;
/// <see cref="ComputeFirst"/> (the command line) also allows closing a month never previewed.
/// </summary>
[RequiresPermission(Permission.RunPayments)]
[BureauWide]
public sealed class ClosePaymentMonth : IRequest<Result<PaymentRunOutcome>>, IPaymentMonthOrder
{
    public string JurisdictionCode { get; set; } = "";
    public YearMonth Month { get; set; }
    public Guid? ExpectedVersion { get; set; }
    public bool ComputeFirst { get; set; }
    public IProgress<PaymentRunProgress>? Progress { get; set; }
}

/// <summary>What the compute and close requests share.</summary>
public interface IPaymentMonthOrder
{
    string JurisdictionCode { get; }
    YearMonth Month { get; }
}

/// <summary>What a compute or close did; <see cref="AlreadyClosed"/> when someone had closed the month before.</summary>
public sealed record PaymentRunOutcome(PaymentRunResult Run, bool AlreadyClosed, string? ClosedBy);

/// <summary>A month is required.</summary>
public sealed class PaymentMonthOrderValidator<T> : AbstractValidator<T> where T : IPaymentMonthOrder
{
    public PaymentMonthOrderValidator()
    {
        RuleFor(x => x.JurisdictionCode).NotEmpty();
        RuleFor(x => x.Month).Must(m => m != default).WithMessage(_ => Messages.Get("MonthRequired"));
    }
}

/// <summary>The compute validator.</summary>
public sealed class ComputePaymentMonthValidator : AbstractValidator<ComputePaymentMonth>
{
    public ComputePaymentMonthValidator() => Include(new PaymentMonthOrderValidator<ComputePaymentMonth>());
}

/// <summary>The close validator.</summary>
public sealed class ClosePaymentMonthValidator : AbstractValidator<ClosePaymentMonth>
{
    public ClosePaymentMonthValidator() => Include(new PaymentMonthOrderValidator<ClosePaymentMonth>());
}

/// <summary>Checks the month's rules, then hands the set-based work to <see cref="IPaymentRun"/>.</summary>
public sealed class ComputePaymentMonthHandler(IDataSessionFactory data, IPaymentRun run, Actor actor)
    : IRequestHandler<ComputePaymentMonth, Result<PaymentRunOutcome>>
{
    public ValueTask<Result<PaymentRunOutcome>> Handle(ComputePaymentMonth request, CancellationToken ct) =>
        PaymentMonthRun.RunAsync(data, run, actor, request.JurisdictionCode, request.Month, close: false, computeFirst: true,
            request.ExpectedVersion, request.Progress, ct);
}

/// <summary>Checks the month's rules, then closes it through <see cref="IPaymentRun"/>.</summary>
public sealed class ClosePaymentMonthHandler(IDataSessionFactory data, IPaymentRun run, Actor actor)
    : IRequestHandler<ClosePaymentMonth, Result<PaymentRunOutcome>>
{
    public ValueTask<Result<PaymentRunOutcome>> Handle(ClosePaymentMonth request, CancellationToken ct) =>
        PaymentMonthRun.RunAsync(data, run, actor, request.JurisdictionCode, request.Month, close: true, request.ComputeFirst,
            request.ExpectedVersion, request.Progress, ct);
}

/// <summary>
/// Finds the jurisdiction and hands the month to <see cref="IPaymentRun"/>, which checks <see cref="PaymentMonthRules"/>
/// inside its own transaction, so nothing can change between the check and the run.
/// </summary>
public static class PaymentMonthRun
{
    public static async ValueTask<Result<PaymentRunOutcome>> RunAsync(IDataSessionFactory data, IPaymentRun run, Actor actor, string code,
        YearMonth month, bool close, bool computeFirst, Guid? expected, IProgress<PaymentRunProgress>? progress, CancellationToken ct)
    {
        int jurisdictionId;
        await using (var session = await data.OpenAsync(ct))
        {
            if (await session.FindJurisdictionIdAsync(code, ct) is not { } j)
                return Result<PaymentRunOutcome>.Failure([new(nameof(IPaymentMonthOrder.JurisdictionCode), Messages.Format("UnknownJurisdiction", code))]);
            jurisdictionId = j;
        }
        var result = await run.RunAsync(new PaymentRunOrder(jurisdictionId, month, close, expected, actor.UserName, computeFirst), progress, ct);
        return Result<PaymentRunOutcome>.Success(new(result, result.AlreadyClosed, result.AlreadyClosedBy));
    }
}

/// <summary>The rules a month must pass before it is computed or closed, checked by the run inside its transaction.</summary>
public static class PaymentMonthRules
{
    /// <summary>Raises the first broken rule: months in order, a closed month locked, a preview before a close, a standard for every enrolled variant.</summary>
    public static void Check(YearMonth month, PaymentMonth? existing, YearMonth? lastClosed, bool close, bool computeFirst,
        IReadOnlyList<string> enrolledVariants, IReadOnlyList<BenefitStandard> standards)
    {
        if (!close) BusinessRules.Check(new ClosedMonthIsLocked(month, existing?.State ?? PaymentMonthState.Open), "Month");
        BusinessRules.Check(new MonthsArePaidInOrder(month, lastClosed), "Month");
        if (close && !computeFirst) BusinessRules.Check(new MonthMustBeComputedBeforeClosing(month, existing?.State ?? PaymentMonthState.Open), "Month");
        var without = enrolledVariants.Where(v => BenefitStandard.InForce(standards, v, month) is null)
            .Select(v => ProgrammeCatalogue.Find(v)?.Name ?? v).ToList();
        BusinessRules.Check(new EnrolledVariantsNeedAStandard(month, without), "Month");
    }
}
