using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>新增: a household with its members, from a month, with its dibao tier if it receives dibao.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class RegisterHousehold : IRequest<Result<int>>
{
    public int CommunityId { get; set; }
    public string Address { get; set; } = "";
    public Residence Residence { get; set; } = Residence.Rural;
    public string? BankAccount { get; set; }
    /// <summary>The dibao tier (e.g. RURAL_DIBAO_A), or null for a household without dibao.</summary>
    public string? VariantCode { get; set; }
    public YearMonth Month { get; set; }
    /// <summary>The month is after the next open one on purpose (see <see cref="ChangeMonthNoLaterThanNextOpen"/>).</summary>
    public bool Planned { get; set; }
    public List<MemberInput> Members { get; set; } = [];
}

/// <summary>Field checks of a new household.</summary>
public sealed class RegisterHouseholdValidator : AbstractValidator<RegisterHousehold>
{
    public RegisterHouseholdValidator()
    {
        RuleFor(x => x.CommunityId).GreaterThan(0).WithMessage(_ => Messages.Get("UnknownCommunity"));
        RuleFor(x => x.Address)
            .NotEmpty().WithMessage(_ => Messages.Get("AddressRequired"))
            .MaximumLength(Household.AddressMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Household.AddressMaxLength));
        RuleFor(x => x.BankAccount).Must(a => !new BankAccountMustBeDigits(a?.Trim()).IsBroken())
            .WithMessage(x => new BankAccountMustBeDigits(x.BankAccount?.Trim()).Message);
        RuleFor(x => x.Month).RequiredMonth();
        RuleFor(x => x.Members).NotEmpty().WithMessage(_ => Messages.Get("MembersRequired"));
        RuleForEach(x => x.Members).SetValidator(new MemberInputValidator());
        RuleFor(x => x.VariantCode)
            .Must(code => code is null || ProgrammeCatalogue.Find(code) is not null)
            .WithMessage(x => Messages.Format("UnknownVariant", x.VariantCode));
    }
}

/// <summary>Checks each member against the whole roster, then lets the household check itself, then saves.</summary>
public sealed class RegisterHouseholdHandler(IDataSessionFactory data, IClock clock, Actor actor)
    : IRequestHandler<RegisterHousehold, Result<int>>
{
    public async ValueTask<Result<int>> Handle(RegisterHousehold request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        if (await session.FindCommunityAsync(request.CommunityId, ct) is not { } found)
            return Result<int>.Failure([new(nameof(request.CommunityId), Messages.Get("UnknownCommunity"))]);
        var (community, jurisdictionId) = found;
        await session.EnsureMonthOpenAsync(jurisdictionId, request.Month, ct);
        BusinessRules.Check(await session.MonthNoLaterThanNextOpenAsync(jurisdictionId, request.Month, request.Planned, clock, ct), "Month");

        var errors = new List<FieldError>();
        for (var i = 0; i < request.Members.Count; i++)
        {
            var rule = new PersonBelongsToOneHouseholdAtATime(request.Members[i].IdNumber,
                await session.ActiveHouseholdOfAsync(request.Members[i].IdNumber, ct));
            if (rule.IsBroken()) errors.Add(new FieldError($"Members[{i}].IdNumber", rule.Message, nameof(PersonBelongsToOneHouseholdAtATime)));
        }
        if (errors.Count > 0) return Result<int>.Failure(errors);

        var dibao = request.VariantCode is null ? null : ProgrammeCatalogue.Find(request.VariantCode);
        var household = Household.Register(jurisdictionId, community, request.Address, request.Residence, request.BankAccount,
            request.Members.Select(m => m.ToDraft()).ToList(), dibao, request.Month, clock.Now.UtcDateTime, actor.UserName);
        session.Add(household);
        session.AuditReason = "新增";
        await session.SaveChangesAsync(ct);
        return Result<int>.Success(household.Id);
    }
}
