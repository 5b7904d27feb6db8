using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Applications;

/// <summary>受理: a township or village (or the county) records an application; it is not on the roster and is not paid.</summary>
[RequiresPermission(Permission.RecordApplications)]
public sealed class ReceiveApplication : IRequest<Result<int>>
{
    public int CommunityId { get; set; }
    public string Address { get; set; } = "";
    public Residence Residence { get; set; } = Residence.Rural;
    /// <summary>The programme and tier applied for (e.g. RURAL_DIBAO_B, DISABILITY_NURSING).</summary>
    public string VariantCode { get; set; } = "";
    /// <summary>For a per-person programme, the member it is for.</summary>
    public string? BeneficiaryIdNumber { get; set; }
    /// <summary>Papers received (申请书、身份证、户口簿、收入证明 …).</summary>
    public string Documents { get; set; } = "";
    /// <summary>The day the application was received; today when not given.</summary>
    public DateOnly? ReceivedOn { get; set; }
    public List<MemberInput> Members { get; set; } = [];
    /// <summary>For 特困: the 照料护理 level as declared (assessed again at the home visit).</summary>
    public CareLevel? CareLevel { get; set; }
}

/// <summary>Field checks of an application.</summary>
public sealed class ReceiveApplicationValidator : AbstractValidator<ReceiveApplication>
{
    public ReceiveApplicationValidator()
    {
        RuleFor(x => x.CommunityId).GreaterThan(0).WithMessage(_ => Messages.Get("UnknownCommunity"));
        RuleFor(x => x.Address)
            .NotEmpty().WithMessage(_ => Messages.Get("AddressRequired"))
            .MaximumLength(Household.AddressMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Household.AddressMaxLength));
        RuleFor(x => x.VariantCode).Must(code => ProgrammeCatalogue.Find(code) is not null)
            .WithMessage(x => Messages.Format("UnknownVariant", x.VariantCode));
        RuleFor(x => x.Documents).NotEmpty().WithMessage(_ => Messages.Get("Application.DocumentsRequired"))
            .MaximumLength(AssistanceApplication.TextMaxLength).WithMessage(_ => Messages.Format("TextTooLong", AssistanceApplication.TextMaxLength));
        RuleFor(x => x.Members).NotEmpty().WithMessage(_ => Messages.Get("MembersRequired"));
        RuleForEach(x => x.Members).SetValidator(new MemberInputValidator());
    }
}

/// <summary>Checks every member against the whole county (是否在保, 重复申请), then records the file.</summary>
public sealed class ReceiveApplicationHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<ReceiveApplication, Result<int>>
{
    public async ValueTask<Result<int>> Handle(ReceiveApplication request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        if (await session.FindCommunityAsync(request.CommunityId, ct) is not { } found)
            return Result<int>.Failure([new(nameof(request.CommunityId), Messages.Get("UnknownCommunity"))]);
        var (community, jurisdictionId) = found;
        // A file for a community outside the caller's area is refused by the save (DashboardDbContext), audited as any refusal.
        var receivedOn = request.ReceivedOn ?? clock.Today;
        BusinessRules.Check(new DateNotInFuture(receivedOn, clock.Today), nameof(request.ReceivedOn));
        var variant = ProgrammeCatalogue.Find(request.VariantCode)!;

        var beneficiary = variant.CoversHousehold ? null : request.BeneficiaryIdNumber is { } b ? AssistanceApplication.Normalize(b) : null;
        var ids = request.Members.Select(m => AssistanceApplication.Normalize(m.IdNumber)).ToList();
        var standings = await session.StandingOfAsync(ids, variant.Programme, null, ct);
        var existing = beneficiary is null ? null : standings.FirstOrDefault(s => s.IdNumber == beneficiary && s.OnRoster);
        var errors = new List<FieldError>();
        for (var i = 0; i < ids.Count; i++)
        {
            var standing = standings.First(s => s.IdNumber == ids[i]);
            // Beside a beneficiary already on the roster, the others are that household's members: only the beneficiary is checked.
            if (existing is not null && ids[i] != beneficiary) continue;
            var rule = standing.Rule(variant, joinsNewHousehold: existing is null);
            if (rule.IsBroken()) errors.Add(new FieldError($"Members[{i}].IdNumber", rule.Message, nameof(ApplicantMayApply)));
        }
        if (errors.Count > 0) return Result<int>.Failure(errors);

        var application = AssistanceApplication.Receive(jurisdictionId, community.Id, community.ParentId ?? 0, request.Address, request.Residence,
            variant, beneficiary, existing?.HouseholdId, request.Members.Select(m => m.ToDraft()).ToList(), request.Documents, receivedOn,
            clock.Now.UtcDateTime, actor.UserName, request.CareLevel);
        session.Add(application);
        session.AuditReason = $"受理 {variant.Name}";
        await session.SaveChangesAsync(ct);
        return Result<int>.Success(application.Id);
    }
}

/// <summary>是否在保 at once, while the clerk types: what the county's records say of these ID numbers for this programme.</summary>
[RequiresPermission(Permission.RecordApplications)]
public sealed record CheckApplicants(string VariantCode, IReadOnlyList<string> IdNumbers, int? ApplicationId = null) : IRequest<IReadOnlyList<string>>;

/// <summary>The findings, one line per ID number found (masked); empty when everyone is clear.</summary>
public sealed class CheckApplicantsHandler(IDataSessionFactory data) : IRequestHandler<CheckApplicants, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(CheckApplicants request, CancellationToken ct)
    {
        if (ProgrammeCatalogue.Find(request.VariantCode) is not { } variant) return [];
        var ids = request.IdNumbers.Where(id => !new IdNumberMustBeValid(id).IsBroken()).Take(20).ToList();
        if (ids.Count == 0) return [];
        await using var session = await data.OpenAsync(ct);
        var standings = await session.StandingOfAsync(ids, variant.Programme, request.ApplicationId, ct);
        return standings.Select(s => s.Finding).OfType<string>().ToList();
    }
}
