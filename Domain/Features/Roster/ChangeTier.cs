using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>调档: the household's dibao moves to another tier from a month.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class ChangeTier : IRequest<Result>, ICorrectsClosedMonths
{
    public int HouseholdId { get; set; }
    public YearMonth Month { get; set; }
    public string VariantCode { get; set; } = "";
    /// <summary>The month is after the next open one on purpose.</summary>
    public bool Planned { get; set; }
}

/// <summary>Field checks of a tier change.</summary>
public sealed class ChangeTierValidator : AbstractValidator<ChangeTier>
{
    public ChangeTierValidator()
    {
        RuleFor(x => x.Month).RequiredMonth();
        RuleFor(x => x.VariantCode).Must(code => ProgrammeCatalogue.Find(code) is not null)
            .WithMessage(_ => Messages.Get("VariantRequired"));
    }
}

/// <summary>Changes the tier through the household aggregate.</summary>
public sealed class ChangeTierHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<ChangeTier, Result>
{
    public async ValueTask<Result> Handle(ChangeTier request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, "调档", (_, household) =>
        {
            household.ChangeTier(ProgrammeCatalogue.Find(request.VariantCode)!, request.Month, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
}
