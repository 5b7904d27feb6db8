using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Applications;

/// <summary>入户调查 and 核对: the home visit, what the household declared and what the checks verified.</summary>
[RequiresPermission(Permission.RecordApplications)]
public sealed class InvestigateApplication : IRequest<Result>
{
    public int ApplicationId { get; set; }
    public DateOnly VisitedOn { get; set; }
    /// <summary>Who visited (at least two: 入户调查 is done in pairs).</summary>
    public string Visitors { get; set; } = "";
    public string Findings { get; set; } = "";
    public decimal? DeclaredMonthlyIncome { get; set; }
    public string? DeclaredProperty { get; set; }
    /// <summary>The result of the verification of income and property (核对结果).</summary>
    public string Verification { get; set; } = "";
    /// <summary>For 特困: the 照料护理 level the visit assessed.</summary>
    public CareLevel? CareLevel { get; set; }
}

/// <summary>Field checks of a home visit.</summary>
public sealed class InvestigateApplicationValidator : AbstractValidator<InvestigateApplication>
{
    public InvestigateApplicationValidator()
    {
        RuleFor(x => x.VisitedOn).NotEqual(default(DateOnly)).WithMessage(_ => Messages.Get("Application.VisitDateRequired"));
        RuleFor(x => x.Visitors).NotEmpty().WithMessage(_ => Messages.Get("Application.VisitorsRequired"));
        RuleFor(x => x.Findings).NotEmpty().WithMessage(_ => Messages.Get("Application.FindingsRequired"));
        RuleFor(x => x.Verification).NotEmpty().WithMessage(_ => Messages.Get("Application.VerificationRequired"));
        RuleFor(x => x.DeclaredMonthlyIncome).Must(i => i is null or >= 0 and < 1_000_000m)
            .WithMessage(_ => Messages.Get("Application.IncomeInvalid"));
    }
}

/// <summary>初审 by the township: approve with the tier proposed for posting, or reject with the reason the applicant is told.</summary>
[RequiresPermission(Permission.ReviewApplications)]
public sealed record ReviewApplication(int ApplicationId, bool Approve, string? ProposedVariantCode = null, string? Reason = null) : IRequest<Result>;

/// <summary>An objection raised while the file is posted.</summary>
[RequiresPermission(Permission.ReviewApplications)]
public sealed record RecordObjection(int ApplicationId, DateOnly RaisedOn, string Content) : IRequest<Result>;

/// <summary>An objection verified and answered.</summary>
[RequiresPermission(Permission.ReviewApplications)]
public sealed record ResolveObjection(int ApplicationId, int ObjectionId, string Resolution) : IRequest<Result>;

/// <summary>Each step loads the file in the caller's area, lets it check itself, and saves it with its audit records.</summary>
public sealed class ApplicationStepsHandler(IDataSessionFactory data, IClock clock, Actor actor)
    : IRequestHandler<InvestigateApplication, Result>, IRequestHandler<ReviewApplication, Result>,
      IRequestHandler<RecordObjection, Result>, IRequestHandler<ResolveObjection, Result>
{
    public ValueTask<Result> Handle(InvestigateApplication request, CancellationToken ct) =>
        StepAsync(request.ApplicationId, "入户调查", a => a.Investigate(request.VisitedOn, request.Visitors, request.Findings,
            request.DeclaredMonthlyIncome, request.DeclaredProperty, request.Verification, clock.Today, clock.Now.UtcDateTime, actor.UserName,
            request.CareLevel), ct);

    public ValueTask<Result> Handle(ReviewApplication request, CancellationToken ct)
    {
        ProgrammeVariant? proposed = null;
        if (request.Approve && request.ProposedVariantCode is { } code && (proposed = ProgrammeCatalogue.Find(code)) is null)
            return ValueTask.FromResult(Result.Failure(nameof(request.ProposedVariantCode), Messages.Format("UnknownVariant", code)));
        return StepAsync(request.ApplicationId, request.Approve ? "初审通过" : "初审不通过",
            a => a.Review(request.Approve, proposed, request.Reason, clock.Today, clock.Now.UtcDateTime, actor.UserName), ct);
    }

    public ValueTask<Result> Handle(RecordObjection request, CancellationToken ct) =>
        StepAsync(request.ApplicationId, "公示异议",
            a => a.RaiseObjection(request.RaisedOn == default ? clock.Today : request.RaisedOn, request.Content, clock.Today, clock.Now.UtcDateTime, actor.UserName), ct);

    public ValueTask<Result> Handle(ResolveObjection request, CancellationToken ct) =>
        StepAsync(request.ApplicationId, "异议处理",
            a => a.ResolveObjection(request.ObjectionId, request.Resolution, clock.Today, clock.Now.UtcDateTime, actor.UserName), ct);

    private async ValueTask<Result> StepAsync(int id, string reason, Action<AssistanceApplication> step, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var application = await session.LoadApplicationAsync(id, ct);
        if (application is null) return Result.Failure("ApplicationId", Messages.Get("Application.Unknown"));
        step(application);
        session.AuditReason = $"{reason} 申请#{id}";
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }
}
