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
/// 更正: a standard version entered with the wrong amount is replaced, over exactly its months, by the right amount
/// under a document number and a reason. The history keeps both; months already paid settle by back pay or recovery.
/// </summary>
[RequiresPermission(Permission.AdjustStandards)]
[BureauWide]
public sealed class CorrectStandard : IRequest<Result<int>>
{
    public int VersionId { get; set; }
    public decimal NewAmount { get; set; }
    public string DocumentNumber { get; set; } = "";
    public string Reason { get; set; } = "";
}

/// <summary>Field checks of a correction, with the domain's own amount rules.</summary>
public sealed class CorrectStandardValidator : AbstractValidator<CorrectStandard>
{
    public CorrectStandardValidator()
    {
        RuleFor(x => x.NewAmount)
            .Must(a => !new StandardAmountMustBePositive(a).IsBroken()).WithMessage(x => new StandardAmountMustBePositive(x.NewAmount).Message)
            .Must(a => !new StandardAmountMustNotExceedCap(a).IsBroken()).WithMessage(x => new StandardAmountMustNotExceedCap(x.NewAmount).Message)
            .Must(a => !new StandardAmountMustBeInFen(a).IsBroken()).WithMessage(x => new StandardAmountMustBeInFen(x.NewAmount).Message);
        RuleFor(x => x.DocumentNumber)
            .NotEmpty().WithMessage(_ => Messages.Get("DocumentNumberRequired"))
            .MaximumLength(BenefitStandard.DocumentNumberMaxLength).WithMessage(_ => Messages.Format("TextTooLong", BenefitStandard.DocumentNumberMaxLength));
        RuleFor(x => x.Reason)
            .Must(r => !new CorrectionRequiresReason(r).IsBroken()).WithMessage(_ => Messages.Get("CorrectionNeedsReason"))
            .MaximumLength(BenefitStandard.ReasonMaxLength).WithMessage(_ => Messages.Format("TextTooLong", BenefitStandard.ReasonMaxLength));
    }
}

/// <summary>Corrects the version through its schedule and notes the closed months it reaches for the next payment run.</summary>
public sealed class CorrectStandardHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<CorrectStandard, Result<int>>
{
    public async ValueTask<Result<int>> Handle(CorrectStandard request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var version = await session.FirstOrDefaultAsync(session.Query<BenefitStandard>().Where(s => s.Id == request.VersionId), ct);
        if (version is null) return Result<int>.Failure([new(nameof(request.VersionId), Messages.Format("CorrectionUnknownVersion", $"#{request.VersionId}"))]);
        var variant = ProgrammeCatalogue.Find(version.VariantCode)!;
        var versions = await session.ToListAsync(session.Edit<BenefitStandard>()
            .Where(s => s.JurisdictionId == version.JurisdictionId && s.VariantCode == version.VariantCode), ct);
        var schedule = new StandardSchedule(version.JurisdictionId, variant, versions);
        var corrected = schedule.Correct(request.VersionId, request.NewAmount, request.DocumentNumber, request.Reason,
            clock.Now.UtcDateTime, actor.UserName);
        session.Add(corrected);
        var lastClosed = await session.LastClosedMonthAsync(version.JurisdictionId, ct);
        if (RetroactiveChange.ForStandard(version.JurisdictionId, version.VariantCode, version.EffectiveFrom, lastClosed, clock.Now.UtcDateTime) is { } retroactive)
            session.Add(retroactive);
        session.AuditReason = $"更正救助标准 {request.DocumentNumber.Trim()}：{variant.Name} {version.EffectiveFrom} 起 {version.MonthlyAmount:N2} → {request.NewAmount:N2}（{request.Reason.Trim()}）";
        await session.SaveChangesAsync(ct);
        return Result<int>.Success(corrected.Id);
    }
}
