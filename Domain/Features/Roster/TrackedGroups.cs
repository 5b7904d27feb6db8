using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>纳入 or 退出 低保边缘家庭 from a month: the household is counted (cockpit, work summary), never paid for it.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class SetNearPoverty : IRequest<Result>, IHouseholdChange
{
    public int HouseholdId { get; set; }
    public bool Include { get; set; } = true;
    public YearMonth Month { get; set; }
}

/// <summary>知青 set or cleared for one member.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class SetSentDownYouth : IRequest<Result>, IHouseholdChange
{
    public int HouseholdId { get; set; }
    public int PersonId { get; set; }
    public bool Value { get; set; } = true;
    public YearMonth Month { get; set; }
}

/// <summary>Field checks of the two.</summary>
public sealed class SetNearPovertyValidator : AbstractValidator<SetNearPoverty>
{
    public SetNearPovertyValidator() => RuleFor(x => x.Month).RequiredMonth();
}

/// <summary>Field checks of 知青.</summary>
public sealed class SetSentDownYouthValidator : AbstractValidator<SetSentDownYouth>
{
    public SetSentDownYouthValidator() => RuleFor(x => x.Month).RequiredMonth();
}

/// <summary>Both through the household, like any change of the roster.</summary>
public sealed class TrackedStatusHandlers(IDataSessionFactory data, IClock clock, Actor actor)
    : IRequestHandler<SetNearPoverty, Result>, IRequestHandler<SetSentDownYouth, Result>
{
    public async ValueTask<Result> Handle(SetNearPoverty request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, request.Include ? "纳入低保边缘家庭" : "退出低保边缘家庭", (_, household) =>
        {
            household.SetNearPoverty(request.Include, request.Month, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);

    public async ValueTask<Result> Handle(SetSentDownYouth request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, request.Value ? "登记知青" : "取消知青登记", (_, household) =>
        {
            household.SetSentDownYouth(request.PersonId, request.Value, request.Month, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
}

/// <summary>The groups the bureau counts without paying them, in a month: 低保边缘家庭 (户/人) and 知青 (人), in the caller's area.</summary>
[RequiresPermission(Permission.ViewCockpit)]
public sealed record GetTrackedGroups(string JurisdictionCode, YearMonth Month, int? TownshipId = null) : IRequest<TrackedGroups>;

/// <summary>The counts.</summary>
public sealed record TrackedGroups(int NearPovertyHouseholds, int NearPovertyPersons, int SentDownYouth)
{
    public bool Any => NearPovertyHouseholds + SentDownYouth > 0;
}

/// <summary>Counts active households and members as <see cref="Household.IsNearPovertyIn"/> says (its query twin here).</summary>
public sealed class GetTrackedGroupsHandler(IDataSessionFactory data) : IRequestHandler<GetTrackedGroups, TrackedGroups>
{
    public async ValueTask<TrackedGroups> Handle(GetTrackedGroups request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        return await CountAsync(session, j, request.Month, request.TownshipId, ct);
    }

    /// <summary>The counts in a month; the work summary reads them in its own session.</summary>
    public static async Task<TrackedGroups> CountAsync(IDataSession session, int j, YearMonth month, int? townshipId, CancellationToken ct)
    {
        var households = session.Query<Household>().Where(h => h.JurisdictionId == j && h.Status == HouseholdStatus.Active);
        if (townshipId is { } t) households = households.Where(h => h.Community!.ParentId == t);
        var near = households.Where(h => h.NearPovertySince != null && h.NearPovertySince <= month && (h.NearPovertyUntil == null || month <= h.NearPovertyUntil));
        var nearHouseholds = await session.CountAsync(near, ct);
        var nearPersons = await session.CountAsync(session.Query<Person>().Where(p => p.Status == PersonStatus.Active && near.Any(h => h.Id == p.HouseholdId)), ct);
        var youth = await session.CountAsync(session.Query<Person>().Where(p => p.SentDownYouth && p.Status == PersonStatus.Active
            && households.Any(h => h.Id == p.HouseholdId)), ct);
        return new TrackedGroups(nearHouseholds, nearPersons, youth);
    }
}

/// <summary>单人保: one severely disabled adult of a 低保边缘家庭 receives dibao alone, from a month.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed record EnrollSinglePerson(int HouseholdId, int PersonId, string VariantCode, YearMonth Month) : IRequest<Result>, IHouseholdChange;

/// <summary>Field checks of 单人保.</summary>
public sealed class EnrollSinglePersonValidator : AbstractValidator<EnrollSinglePerson>
{
    public EnrollSinglePersonValidator()
    {
        RuleFor(x => x.Month).RequiredMonth();
        RuleFor(x => x.VariantCode).Must(c => Programmes.ProgrammeCatalogue.Find(c) is not null).WithMessage(_ => Messages.Get("VariantRequired"));
    }
}

/// <summary>Enrols the member through the household, like any enrolment.</summary>
public sealed class EnrollSinglePersonHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<EnrollSinglePerson, Result>
{
    public async ValueTask<Result> Handle(EnrollSinglePerson request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, "单人保", (_, household) =>
        {
            household.EnrollSinglePersonDibao(request.PersonId, Programmes.ProgrammeCatalogue.Find(request.VariantCode)!, request.Month,
                clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
}

/// <summary>重病 set or cleared for one member: counts as steady for 复核 and qualifies for 单人保.</summary>
[RequiresPermission(Permission.EditRoster)]
public sealed class SetSeriouslyIll : IRequest<Result>, IHouseholdChange
{
    public int HouseholdId { get; set; }
    public int PersonId { get; set; }
    public bool Value { get; set; } = true;
    public YearMonth Month { get; set; }
}

/// <summary>Sets it through the household, like any change.</summary>
public sealed class SetSeriouslyIllHandler(IDataSessionFactory data, IClock clock, Actor actor) : IRequestHandler<SetSeriouslyIll, Result>
{
    public async ValueTask<Result> Handle(SetSeriouslyIll request, CancellationToken ct) =>
        await HouseholdChange.ApplyAsync(data, clock, request, request.Value ? "登记重病" : "取消重病登记", (_, household) =>
        {
            household.SetSeriouslyIll(request.PersonId, request.Value, request.Month, clock.Now.UtcDateTime, actor.UserName);
            return Task.FromResult<Result?>(null);
        }, ct);
}
