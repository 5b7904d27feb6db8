using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Applications;

/// <summary>The files of the caller's area (open ones by default), longest-waiting first, with each township's queue.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record ListApplications(string JurisdictionCode, ApplicationStage? Stage = null, bool IncludeClosed = false, int? TownshipId = null,
    int Page = 0, int PageSize = 50) : IRequest<ApplicationList>;

/// <summary>One page of files, how many match, and the open files of each township by stage.</summary>
public sealed record ApplicationList(IReadOnlyList<ApplicationRow> Rows, int Total, IReadOnlyList<ApplicationQueue> Queues);

/// <summary>A file as listed: where it waits, and since when.</summary>
public sealed record ApplicationRow(int Id, string Applicant, string Township, string Community, string Variant, ApplicationStage Stage,
    DateOnly ReceivedOn, DateOnly StageSince, int DaysWaiting, string WaitingFor, int? HouseholdId);

/// <summary>A township's open files by stage.</summary>
public sealed record ApplicationQueue(int TownshipId, string Township, int Received, int Investigated, int AwaitingPosting, int Posted)
{
    public int Open => Received + Investigated + AwaitingPosting + Posted;
}

/// <summary>One file with its members (ID numbers masked), objections, timeline and what the county's records say of its members now.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record GetApplication(int Id) : IRequest<ApplicationFile?>;

/// <summary>A file as its page shows it.</summary>
public sealed record ApplicationFile(int Id, string Township, string Community, int CommunityId, string Address, Residence Residence,
    string AppliedFor, string AppliedForCode, string? Proposed, string? ProposedCode, string? Approved, ApplicationStage Stage, string WaitingFor,
    int DaysWaiting, string Documents, DateOnly ReceivedOn, string ReceivedBy,
    DateOnly? VisitedOn, string? Visitors, string? Findings, decimal? DeclaredMonthlyIncome, string? DeclaredProperty, string? Verification,
    int? PostingId, DateOnly? PostingStartsOn, DateOnly? PostingEndsOn, YearMonth? FromMonth, string? SpotCheck, string? RejectionReason,
    int? HouseholdId, int? ExistingHouseholdId, string? DecidedBy, IReadOnlyList<string> Makers,
    IReadOnlyList<ApplicationMemberRow> Members, IReadOnlyList<ApplicationObjectionRow> Objections, IReadOnlyList<ApplicationStepRow> Steps,
    IReadOnlyList<string> Checks, bool Entrusted, CareLevel? CareLevel = null);

/// <summary>A member of the file (ID masked).</summary>
public sealed record ApplicationMemberRow(string Name, string IdNumber, Relationship Relationship, bool IsBeneficiary);

/// <summary>An objection and its answer.</summary>
public sealed record ApplicationObjectionRow(int Id, DateOnly RaisedOn, string Content, string RecordedBy, string? Resolution, DateOnly? ResolvedOn, string? ResolvedBy);

/// <summary>An entry of the file's timeline.</summary>
public sealed record ApplicationStepRow(DateOnly On, DateTime AtUtc, ApplicationStage Stage, string Text, string By);

/// <summary>Reads the files in the caller's area.</summary>
public sealed class ApplicationQueries(IDataSessionFactory data, IClock clock, ApplicationPolicy policy)
    : IRequestHandler<ListApplications, ApplicationList>, IRequestHandler<GetApplication, ApplicationFile?>
{
    public const int MaxPageSize = 200;

    public async ValueTask<ApplicationList> Handle(ListApplications request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var all = session.Query<AssistanceApplication>().Where(a => a.JurisdictionId == j);
        var open = all.Where(a => a.Stage != ApplicationStage.Approved && a.Stage != ApplicationStage.Rejected);
        var counts = await session.ToListAsync(open.GroupBy(a => new { a.TownshipId, a.Stage }).Select(g => new { g.Key.TownshipId, g.Key.Stage, Count = g.Count() }), ct);
        var townships = await session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == j && a.Level == AreaLevel.Township)
            .OrderBy(a => a.SortOrder).Select(a => new { a.Id, a.Name }), ct);
        int Count(int township, ApplicationStage stage) => counts.Where(c => c.TownshipId == township && c.Stage == stage).Sum(c => c.Count);
        var queues = townships.Where(t => counts.Any(c => c.TownshipId == t.Id))
            .Select(t => new ApplicationQueue(t.Id, t.Name, Count(t.Id, ApplicationStage.Received), Count(t.Id, ApplicationStage.Investigated),
                Count(t.Id, ApplicationStage.AwaitingPosting), Count(t.Id, ApplicationStage.Posted))).ToList();

        var query = request.IncludeClosed || request.Stage is ApplicationStage.Approved or ApplicationStage.Rejected ? all : open;
        if (request.Stage is { } stage) query = query.Where(a => a.Stage == stage);
        if (request.TownshipId is { } township) query = query.Where(a => a.TownshipId == township);
        var total = await session.CountAsync(query, ct);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = await session.ToListAsync(query.OrderBy(a => a.StageSince).ThenBy(a => a.Id).Skip(Math.Max(0, request.Page) * size).Take(size)
            .Join(session.Query<Area>(), a => a.CommunityId, c => c.Id, (a, c) => new
            {
                a.Id, a.VariantCode, a.ProposedVariantCode, a.ApprovedVariantCode, a.Stage, a.ReceivedOn, a.StageSince, a.PostingStartsOn, a.PostingDays,
                a.HouseholdId, Community = c.Name, Township = c.Parent!.Name,
                Applicant = session.Query<ApplicationMember>().Where(m => m.ApplicationId == a.Id && m.Relationship == Relationship.Head)
                    .Select(m => m.Name).FirstOrDefault(),
                OpenObjections = session.Query<ApplicationObjection>().Count(o => o.ApplicationId == a.Id && o.Resolution == null),
            }), ct);
        var today = clock.Today;
        var rows = page.Select(a =>
        {
            var ends = a.PostingStartsOn?.AddDays((a.PostingDays ?? 0) - 1);
            var variant = Programmes.ProgrammeCatalogue.Find(a.ApprovedVariantCode ?? a.ProposedVariantCode ?? a.VariantCode)!;
            return new ApplicationRow(a.Id, a.Applicant ?? "", a.Township, a.Community, variant.Name, a.Stage, a.ReceivedOn, a.StageSince,
                Math.Max(0, today.DayNumber - a.StageSince.DayNumber), AssistanceApplication.WaitingFor(a.Stage, ends, a.OpenObjections, today), a.HouseholdId);
        }).ToList();
        return new ApplicationList(rows, total, queues);
    }

    public async ValueTask<ApplicationFile?> Handle(GetApplication request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var a = await session.LoadApplicationAsync(request.Id, ct);
        if (a is null) return null;
        var area = await session.FirstOrDefaultAsync(session.Query<Area>().Where(c => c.Id == a.CommunityId)
            .Select(c => new { c.Name, Township = c.Parent!.Name }), ct);
        var today = clock.Today;
        var checks = a.IsOpen
            ? (await session.StandingOfAsync(a.CheckedIdNumbers, a.Variant.Programme, a.Id, ct))
                .Where(s => s.Rule(a.Variant, a.ExistingHouseholdId is null).IsBroken()).Select(s => s.Finding).OfType<string>().ToList()
            : [];
        string? Name(string? code) => code is null ? null : Programmes.ProgrammeCatalogue.Find(code)?.Name;
        return new ApplicationFile(a.Id, area?.Township ?? "", area?.Name ?? "", a.CommunityId, a.Address, a.Residence,
            Name(a.VariantCode)!, a.VariantCode, Name(a.ProposedVariantCode), a.ProposedVariantCode, Name(a.ApprovedVariantCode), a.Stage,
            AssistanceApplication.WaitingFor(a.Stage, a.PostingEndsOn, a.Objections.Count(o => !o.IsResolved), today),
            Math.Max(0, today.DayNumber - a.StageSince.DayNumber), a.Documents, a.ReceivedOn, a.ReceivedBy,
            a.VisitedOn, a.Visitors, a.Findings, a.DeclaredMonthlyIncome, a.DeclaredProperty, a.Verification,
            a.PostingId, a.PostingStartsOn, a.PostingEndsOn, a.FromMonth, a.SpotCheck, a.RejectionReason, a.HouseholdId, a.ExistingHouseholdId,
            a.DecidedBy, new[] { a.ReceivedBy, a.InvestigatedBy, a.ReviewedBy }.OfType<string>().Distinct().ToList(),
            a.Members.Select(m => new ApplicationMemberRow(m.Name, Masking.Mask(m.IdNumber), m.Relationship, m.IdNumber == a.BeneficiaryIdNumber)).ToList(),
            a.Objections.OrderBy(o => o.Id).Select(o => new ApplicationObjectionRow(o.Id, o.RaisedOn, o.Content, o.RecordedBy, o.Resolution, o.ResolvedOn, o.ResolvedBy)).ToList(),
            a.Steps.OrderBy(s => s.AtUtc).ThenBy(s => s.Id).Select(s => new ApplicationStepRow(s.On, s.AtUtc, s.Stage, s.Text, s.By)).ToList(),
            checks, policy.IsEntrusted(a.Variant), a.CareLevel);
    }
}
