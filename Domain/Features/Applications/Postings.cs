using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Applications;

/// <summary>
/// 公示: publishes a village's posting. A proposal posting lists every file of the village waiting to be posted (after 初审),
/// a result posting every decided file not yet announced; a correction lists the files of the posting it corrects again
/// and restarts their posting period. Published, it never changes.
/// </summary>
[RequiresPermission(Permission.ReviewApplications)]
public sealed record PublishPosting(int CommunityId, PostingKind Kind, DateOnly StartsOn, int? Days = null, int? CorrectsId = null) : IRequest<Result<int>>;

/// <summary>Field checks of a posting.</summary>
public sealed class PublishPostingValidator : AbstractValidator<PublishPosting>
{
    public PublishPostingValidator()
    {
        RuleFor(x => x.CommunityId).GreaterThan(0).WithMessage(_ => Messages.Get("UnknownCommunity"));
        RuleFor(x => x.StartsOn).NotEqual(default(DateOnly)).WithMessage(_ => Messages.Get("Posting.StartRequired"));
        RuleFor(x => x.Days).Must(d => d is null || !new PostingPeriodInRange(d.Value).IsBroken()).WithMessage(_ => Messages.Get("Posting.Days"));
    }
}

/// <summary>Gathers the village's files, computes each line's amount at the standard in force, publishes and posts them in one save.</summary>
public sealed class PublishPostingHandler(IDataSessionFactory data, IClock clock, Actor actor, ApplicationPolicy policy)
    : IRequestHandler<PublishPosting, Result<int>>
{
    public async ValueTask<Result<int>> Handle(PublishPosting request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var community = await session.FirstOrDefaultAsync(session.Query<Area>()
            .Where(a => a.Id == request.CommunityId && a.Level == AreaLevel.Community).Select(a => new { a.Id, JurisdictionId = a.Parent!.ParentId }), ct);
        if (community?.JurisdictionId is not { } jurisdictionId || actor.Scope is { } s && !s.Covers(community.Id))
            return Result<int>.Failure([new(nameof(request.CommunityId), Messages.Get("UnknownCommunity"))]);
        var corrected = request.CorrectsId is { } correctsId
            ? await session.FirstOrDefaultAsync(session.Query<Posting>().Where(p => p.Id == correctsId && p.CommunityId == community.Id), ct)
            : null;
        if (request.CorrectsId is not null && (corrected is null || corrected.Kind != request.Kind))
            return Result<int>.Failure([new(nameof(request.CorrectsId), Messages.Get("Posting.UnknownCorrected"))]);
        var correctedFiles = corrected is null ? [] : await session.ToListAsync(session.Query<PostingEntry>()
            .Where(e => e.PostingId == corrected.Id).Select(e => e.ApplicationId), ct);

        var files = session.Edit<AssistanceApplication>().Where(a => a.CommunityId == community.Id);
        var announced = session.Query<PostingEntry>().Join(session.Query<Posting>().Where(p => p.Kind == PostingKind.Result),
            e => e.PostingId, p => p.Id, (e, p) => e.ApplicationId);
        files = request.Kind == PostingKind.Proposal
            ? files.Where(a => a.Stage == ApplicationStage.AwaitingPosting || (correctedFiles.Contains(a.Id) && a.Stage == ApplicationStage.Posted))
            : files.Where(a => (a.Stage == ApplicationStage.Approved || a.Stage == ApplicationStage.Rejected) && a.DecidedOn != null
                               && (correctedFiles.Contains(a.Id) || !announced.Contains(a.Id)));
        var applications = await session.ToListAsync(files.OrderBy(a => a.Id), ct);
        var ids = applications.Select(a => a.Id).ToList();
        await session.ToListAsync(session.Edit<ApplicationMember>().Where(m => ids.Contains(m.ApplicationId)), ct);
        await session.ToListAsync(session.Edit<ApplicationStep>().Where(m => ids.Contains(m.ApplicationId)), ct);

        var standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(b => b.JurisdictionId == jurisdictionId), ct);
        var month = YearMonth.Of(request.StartsOn);
        var entries = applications.Select(a =>
        {
            var rejected = a.Stage == ApplicationStage.Rejected;
            var amount = rejected ? 0m : (BenefitStandard.AmountInForce(standards, a.Variant.Code, a.FromMonth ?? month) ?? 0m) * a.CoveredPersons;
            var outcome = request.Kind == PostingKind.Result
                ? rejected ? Messages.Format("Posting.Rejected", a.RejectionReason) : Messages.Format("Posting.Approved", a.FromMonth)
                : null;
            return new PostingEntry(a.Id, a.Applicant.Name, a.Applicant.IdNumber, a.Members.Count, a.Variant.Name, amount, outcome);
        }).ToList();
        var posting = Posting.Publish(jurisdictionId, community.Id, request.Kind, request.StartsOn, request.Days ?? policy.PostingDays,
            policy.SupervisionTelephone, entries, corrected?.Id, clock.Now.UtcDateTime, actor.UserName);
        session.Add(posting);
        if (request.Kind == PostingKind.Proposal)
            foreach (var application in applications) application.Post(posting, clock.Today, clock.Now.UtcDateTime, actor.UserName);
        session.AuditReason = request.Kind == PostingKind.Proposal ? "公示拟保障对象" : "公示审批结果";
        await session.SaveChangesAsync(ct);
        return Result<int>.Success(posting.Id);
    }
}

/// <summary>The postings of the caller's area, newest first.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record ListPostings(string JurisdictionCode, int? CommunityId = null) : IRequest<IReadOnlyList<PostingRow>>;

/// <summary>A posting as listed.</summary>
public sealed record PostingRow(int Id, string Community, string Township, PostingKind Kind, DateOnly StartsOn, DateOnly EndsOn, int Entries,
    string PublishedBy, int? CorrectsId, int? CorrectedById);

/// <summary>One posting with its lines, as printed.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record GetPosting(int Id) : IRequest<PostingSheet?>;

/// <summary>What the printed posting shows: its title, period, lines and the supervision telephone.</summary>
public sealed record PostingSheet(int Id, string Bureau, string Township, string Community, PostingKind Kind, DateOnly StartsOn, DateOnly EndsOn,
    string Telephone, string PublishedBy, DateTime PublishedAtUtc, int? CorrectsId, int? CorrectedById, IReadOnlyList<PostingLine> Lines)
{
    public string Title => Messages.Format(Kind == PostingKind.Proposal ? "Posting.Title.Proposal" : "Posting.Title.Result", Township, Community);
}

/// <summary>One line of a posting (already masked).</summary>
public sealed record PostingLine(int ApplicationId, string Name, string IdNumber, int HouseholdSize, string Programme, decimal MonthlyAmount, string? Outcome);

/// <summary>Writes a posting as a workbook ready to print on A4 (Infrastructure, ClosedXML).</summary>
public interface IPostingWorkbook
{
    void Write(PostingSheet posting, Stream output);
}

/// <summary>The posting as an Excel sheet to print and put up.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record ExportPosting(int Id, Stream Output) : IRequest<Result>;

/// <summary>Reads postings in the caller's area.</summary>
public sealed class PostingQueries(IDataSessionFactory data, IPostingWorkbook workbook)
    : IRequestHandler<ListPostings, IReadOnlyList<PostingRow>>, IRequestHandler<GetPosting, PostingSheet?>, IRequestHandler<ExportPosting, Result>
{
    public async ValueTask<IReadOnlyList<PostingRow>> Handle(ListPostings request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var postings = session.Query<Posting>().Where(p => p.JurisdictionId == j);
        if (request.CommunityId is { } c) postings = postings.Where(p => p.CommunityId == c);
        var rows = await session.ToListAsync(postings.OrderByDescending(p => p.Id).Take(500)
            .Join(session.Query<Area>(), p => p.CommunityId, a => a.Id, (p, a) => new
            {
                p.Id, Community = a.Name, Township = a.Parent!.Name, p.Kind, p.StartsOn, p.Days, Entries = p.Entries.Count, p.PublishedBy, p.CorrectsId,
                CorrectedBy = session.Query<Posting>().Where(n => n.CorrectsId == p.Id).Select(n => (int?)n.Id).FirstOrDefault(),
            }), ct);
        return rows.Select(r => new PostingRow(r.Id, r.Community, r.Township, r.Kind, r.StartsOn, r.StartsOn.AddDays(r.Days - 1), r.Entries,
            r.PublishedBy, r.CorrectsId, r.CorrectedBy)).ToList();
    }

    public async ValueTask<PostingSheet?> Handle(GetPosting request, CancellationToken ct) => await ReadAsync(request.Id, ct);

    private async Task<PostingSheet?> ReadAsync(int id, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var posting = await session.FirstOrDefaultAsync(session.Query<Posting>().Where(p => p.Id == id), ct);
        if (posting is null) return null;
        var lines = await session.ToListAsync(session.Query<PostingEntry>().Where(e => e.PostingId == posting.Id).OrderBy(e => e.Id), ct);
        var area = await session.FirstOrDefaultAsync(session.Query<Area>().Where(a => a.Id == posting.CommunityId)
            .Select(a => new { a.Name, Township = a.Parent!.Name, Bureau = a.Parent!.Parent!.Name }), ct);
        var correctedBy = await session.FirstOrDefaultAsync(session.Query<Posting>().Where(n => n.CorrectsId == posting.Id).Select(n => (int?)n.Id), ct);
        return new PostingSheet(posting.Id, area!.Bureau, area.Township, area.Name, posting.Kind, posting.StartsOn, posting.EndsOn, posting.Telephone,
            posting.PublishedBy, posting.PublishedAtUtc, posting.CorrectsId, correctedBy,
            lines.Select(l => new PostingLine(l.ApplicationId, l.MaskedName, l.MaskedIdNumber, l.HouseholdSize, l.Programme, l.MonthlyAmount, l.Outcome)).ToList());
    }

    public async ValueTask<Result> Handle(ExportPosting request, CancellationToken ct)
    {
        // The same read as the page's, so the sheet written is exactly the one shown, in the same area.
        if (await ReadAsync(request.Id, ct) is not { } sheet) return Result.Failure(nameof(request.Id), Messages.Get("Posting.Unknown"));
        workbook.Write(sheet, request.Output);
        return Result.Success();
    }
}
