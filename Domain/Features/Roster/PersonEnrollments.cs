using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>A member starts a per-person programme (extreme poverty, disability subsidies, children's allowances).</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed record EnrollPerson(int HouseholdId, int PersonId, string VariantCode, YearMonth Month, string? LocalException = null)
    : IRequest<Result>, IHouseholdChange;

/// <summary>A member's per-person programme ends from a month.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed record EndEnrollment(int HouseholdId, int EnrollmentId, YearMonth Month, StopReason Reason, string? Note = null)
    : IRequest<Result>, ICorrectsClosedMonths;

/// <summary>Field checks of an enrolment.</summary>
public sealed class EnrollPersonValidator : AbstractValidator<EnrollPerson>
{
    public EnrollPersonValidator()
    {
        RuleFor(x => x.Month).RequiredMonth();
        RuleFor(x => x.VariantCode).Must(code => ProgrammeCatalogue.Find(code) is not null).WithMessage(_ => Messages.Get("VariantRequired"));
        RuleFor(x => x.LocalException).MaximumLength(Enrollment.NoteMaxLength).WithMessage(_ => Messages.Format("TextTooLong", Enrollment.NoteMaxLength));
    }
}

/// <summary>Field checks of an end.</summary>
public sealed class EndEnrollmentValidator : AbstractValidator<EndEnrollment>
{
    public EndEnrollmentValidator() => RuleFor(x => x.Month).RequiredMonth();
}

/// <summary>Starts or ends per-person enrolments through the household aggregate, which applies the programme rules.</summary>
public sealed class PersonEnrollmentsHandler(IDataSessionFactory data, IClock clock, Actor actor)
    : IRequestHandler<EnrollPerson, Result>, IRequestHandler<EndEnrollment, Result>
{
    public async ValueTask<Result> Handle(EnrollPerson request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, "纳入救助", (_, household) =>
        {
            household.EnrollPerson(request.PersonId, ProgrammeCatalogue.Find(request.VariantCode)!, request.Month,
                request.LocalException, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);

    public async ValueTask<Result> Handle(EndEnrollment request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, "停止享受", (_, household) =>
        {
            household.EndEnrollment(request.EnrollmentId, request.Month, request.Reason, request.Note, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
}
