using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Applications;

/// <summary>
/// 审核确认: the county approves (with the tier and the month payment starts) or rejects with a reason; where the county has
/// entrusted the programme to the townships (<see cref="ApplicationPolicy.EntrustedToTownship"/>), the township's reviewer may.
/// Only an approval writes the roster: a new household, or the beneficiary enrolled in the household they are in.
/// </summary>
[RequiresPermission(Permission.ReviewApplications)]
public sealed record DecideApplication(int ApplicationId, bool Approve, YearMonth? FromMonth = null, string? VariantCode = null,
    string? Reason = null, string? SpotCheck = null) : IRequest<Result<int?>>;

/// <summary>Field checks of a decision.</summary>
public sealed class DecideApplicationValidator : AbstractValidator<DecideApplication>
{
    public DecideApplicationValidator()
    {
        RuleFor(x => x.FromMonth).NotNull().When(x => x.Approve).WithMessage(_ => Messages.Get("MonthRequired"));
        RuleFor(x => x.Reason).NotEmpty().When(x => !x.Approve).WithMessage(_ => Messages.Get("ReasonRequired"));
        RuleFor(x => x.VariantCode).Must(code => code is null || ProgrammeCatalogue.Find(code) is not null)
            .WithMessage(x => Messages.Format("UnknownVariant", x.VariantCode));
    }
}

/// <summary>Checks who decides, re-checks the county's records (things change during a posting), decides, and writes the roster in the same save.</summary>
public sealed class DecideApplicationHandler(IDataSessionFactory data, IClock clock, Actor actor, ApplicationPolicy policy)
    : IRequestHandler<DecideApplication, Result<int?>>
{
    public async ValueTask<Result<int?>> Handle(DecideApplication request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var application = await session.LoadApplicationAsync(request.ApplicationId, ct);
        if (application is null) return Result<int?>.Failure([new(nameof(request.ApplicationId), Messages.Get("Application.Unknown"))]);
        var applied = application.Variant;
        BusinessRules.Check(new DecisionIsTheCountysUnlessEntrusted(actor.Can(Permission.ApproveApplications), actor.Can(Permission.ReviewApplications),
            policy.IsEntrusted(applied), applied.Name), "DecidedBy");
        var variant = request.VariantCode is { } code ? ProgrammeCatalogue.Find(code)! : null;
        var now = clock.Now.UtcDateTime;
        if (!request.Approve)
        {
            application.Decide(false, null, null, request.Reason, request.SpotCheck, clock.Today, now, actor.UserName);
            session.AuditReason = $"审核确认不予批准 申请#{application.Id}";
            await session.SaveChangesAsync(ct);
            return Result<int?>.Success(null);
        }

        var from = request.FromMonth!.Value;
        BusinessRules.Check(new ApprovalStartsNoEarlierThanNextOpen(from, await session.NextOpenMonthAsync(application.JurisdictionId, clock, ct)), "FromMonth");
        // Between 受理 and now the person may have been put on a roster or into another file.
        var standings = await session.StandingOfAsync(application.CheckedIdNumbers, applied.Programme, application.Id, ct);
        var joinsNew = application.ExistingHouseholdId is null;
        var errors = standings.Select(s => s.Rule(applied, joinsNew)).Where(r => r.IsBroken())
            .Select(r => new FieldError("Members", r.Message, nameof(ApplicantMayApply))).ToList();
        if (errors.Count > 0) return Result<int?>.Failure(errors);

        application.Decide(true, variant, from, null, request.SpotCheck, clock.Today, now, actor.UserName);
        var approved = application.Variant;
        Household household;
        if (application.ExistingHouseholdId is { } existingId)
        {
            household = await session.LoadHouseholdAsync(existingId, ct)
                        ?? throw new BusinessRuleViolationException(new ApplicantMayApply(application.BeneficiaryIdNumber!, true, false, false, null, null, false), "Members");
            var person = household.ActiveMembers.First(m => m.IdNumber == application.BeneficiaryIdNumber);
            household.EnrollMember(person, approved, from, null, now, actor.UserName, application.CareLevel);
        }
        else
        {
            var community = await session.FirstOrDefaultAsync(session.Edit<Area>().Where(a => a.Id == application.CommunityId), ct);
            household = Household.Register(application.JurisdictionId, community!, application.Address, application.Residence, null,
                application.Members.Select(m => m.ToDraft()).ToList(), approved.CoversHousehold ? approved : null, from, now, actor.UserName);
            if (!approved.CoversHousehold)
                household.EnrollMember(household.Members.First(m => m.IdNumber == application.BeneficiaryIdNumber), approved, from, null, now, actor.UserName,
                    application.CareLevel);
            session.Add(household);
        }
        application.Enrolled(household);
        household.NoteApplication(application.PathSummary, from, now, actor.UserName);
        session.AuditReason = $"审核确认 申请#{application.Id}";
        await session.SaveChangesAsync(ct);
        return Result<int?>.Success(household.Id);
    }
}
