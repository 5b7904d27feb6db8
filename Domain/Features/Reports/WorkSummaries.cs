using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using FluentValidation;
using Mediator;

namespace CivilAffairs.Domain.Features.Reports;

/// <summary>The social-assistance part of the 工作总结 for a period of one year (a half-year, the year, months to date), drafted from the data.</summary>
[RequiresPermission(Permission.ViewReports)]
public sealed record GetWorkSummary(string JurisdictionCode, YearMonth From, YearMonth To) : IRequest<Result<WorkSummary>>, IWorkSummaryPeriod;

/// <summary>
/// The summary as a .docx: the draft, or the clerk's edit of it (<see cref="EditedText"/>: paragraphs separated by a
/// blank line, each starting with its heading line).
/// </summary>
[RequiresPermission(Permission.ExportReports)]
public sealed record ExportWorkSummary(string JurisdictionCode, YearMonth From, YearMonth To, string? EditedText, Stream Output)
    : IRequest<Result<WorkSummary>>, IWorkSummaryPeriod;

/// <summary>A period of the summary.</summary>
public interface IWorkSummaryPeriod
{
    YearMonth From { get; }
    YearMonth To { get; }
}

/// <summary>A period is months of one year, from its first to its last.</summary>
public sealed class WorkSummaryPeriodValidator<T> : AbstractValidator<T> where T : IWorkSummaryPeriod
{
    public WorkSummaryPeriodValidator()
    {
        RuleFor(x => x.From).RequiredMonth();
        RuleFor(x => x.To).RequiredMonth()
            .Must((x, to) => x.From <= to).WithMessage(_ => Messages.Get("SummaryPeriodReversed"))
            .Must((x, to) => x.From.Year == to.Year).WithMessage(_ => Messages.Get("SummaryPeriodOneYear"));
    }
}

/// <summary>Checks of a summary's period.</summary>
public sealed class GetWorkSummaryValidator : AbstractValidator<GetWorkSummary>
{
    public GetWorkSummaryValidator() => Include(new WorkSummaryPeriodValidator<GetWorkSummary>());
}

/// <summary>Checks of an exported summary's period and text.</summary>
public sealed class ExportWorkSummaryValidator : AbstractValidator<ExportWorkSummary>
{
    public const int MaxTextLength = 20_000;

    public ExportWorkSummaryValidator()
    {
        Include(new WorkSummaryPeriodValidator<ExportWorkSummary>());
        RuleFor(x => x.EditedText).MaximumLength(MaxTextLength).WithMessage(_ => Messages.Format("TextTooLong", MaxTextLength));
    }
}

/// <summary>Writes the summary as a Word document; implemented by Infrastructure (Open XML SDK 2.20).</summary>
public interface IWorkSummaryDocument
{
    void Write(string title, IReadOnlyList<SummaryParagraph> paragraphs, string footer, Stream output);
}

/// <summary>Reads the period's summaries, head counts and standards and drafts the text; exports it as a document.</summary>
public sealed class WorkSummaryHandlers(IDataSessionFactory data, IWorkSummaryDocument document, IAuditTrail audit, IClock clock, Actor actor,
    IUserDirectory users) : IRequestHandler<GetWorkSummary, Result<WorkSummary>>, IRequestHandler<ExportWorkSummary, Result<WorkSummary>>
{
    public async ValueTask<Result<WorkSummary>> Handle(GetWorkSummary request, CancellationToken ct) =>
        await BuildAsync(request.JurisdictionCode, request.From, request.To, ct);

    public async ValueTask<Result<WorkSummary>> Handle(ExportWorkSummary request, CancellationToken ct)
    {
        var built = await BuildAsync(request.JurisdictionCode, request.From, request.To, ct);
        if (!built.Succeeded) return built;
        var summary = built.Value!;
        var paragraphs = string.IsNullOrWhiteSpace(request.EditedText) ? summary.Paragraphs : Paragraphs(request.EditedText);
        var prepared = TimeZoneInfo.ConvertTimeFromUtc(clock.Now.UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        document.Write(summary.Title, paragraphs, $"数据来源：本系统月度汇总（{summary.From}—{summary.To}）。起草：{(await users.NamesAsync(ct)).NameOf(actor.UserName)}，{prepared:yyyy年M月d日}。",
            request.Output);
        await audit.RecordAsync(new AuditEvent(AuditAction.Export, actor.UserName, nameof(WorkSummary), $"{request.From}—{request.To}",
            $"导出工作总结（数据部分）{request.From}—{request.To}" + (string.IsNullOrWhiteSpace(request.EditedText) ? "" : "（经编辑）")), ct);
        return built;
    }

    /// <summary>The clerk's text back into paragraphs: blocks between blank lines, the first line of each its heading.</summary>
    public static IReadOnlyList<SummaryParagraph> Paragraphs(string text) =>
        text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(block => block.Split('\n', 2) is var lines && lines.Length == 2 ? new SummaryParagraph(lines[0].Trim(), lines[1].Trim()) : new SummaryParagraph("", block))
            .ToList();

    private async Task<Result<WorkSummary>> BuildAsync(string code, YearMonth from, YearMonth to, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var bureau = await session.FirstOrDefaultAsync(session.Query<Area>().Where(a => a.Code == code && a.Level == AreaLevel.Jurisdiction), ct);
        if (bureau is null) return Result<WorkSummary>.Failure([new("", Messages.Format("UnknownJurisdiction", code))]);
        var done = (await session.ToListAsync(session.Query<PaymentMonth>().Where(m => m.JurisdictionId == bureau.Id && m.Month >= from && m.Month <= to
            && m.State != PaymentMonthState.Open).Select(m => m.Month), ct)).ToHashSet();
        var missing = Enumerable.Range(0, from.MonthsUntil(to) + 1).Select(from.AddMonths).Where(m => !done.Contains(m)).ToList();
        if (missing.Count > 0)
            return Result<WorkSummary>.Failure([new(nameof(GetWorkSummary.To), Messages.Format("SummaryMonthsMissing", string.Join("、", missing)))]);
        var summaries = await session.ToListAsync(session.Query<PaymentSummary>().Where(s => s.JurisdictionId == bureau.Id && s.Month >= from && s.Month <= to), ct);
        var headcounts = await session.ToListAsync(session.Query<PaymentHeadcount>().Where(h => h.JurisdictionId == bureau.Id && h.Month == to), ct);
        var standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(s => s.JurisdictionId == bureau.Id), ct);
        var tracked = await GetTrackedGroupsHandler.CountAsync(session, bureau.Id, to, null, ct);
        return Result<WorkSummary>.Success(WorkSummaryDraft.Build(bureau.Name, from, to, summaries, headcounts, standards,
            (tracked.NearPovertyHouseholds, tracked.NearPovertyPersons, tracked.SentDownYouth)));
    }
}
