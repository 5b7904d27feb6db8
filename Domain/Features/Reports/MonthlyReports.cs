using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using Mediator;

namespace CivilAffairs.Domain.Features.Reports;

/// <summary>The monthly statistical report of a computed or closed month, optionally for one street/township, with its self-checks.</summary>
[RequiresPermission(Permission.ViewReports)]
public sealed record GetMonthlyReport(string JurisdictionCode, YearMonth Month, int? TownshipId = null) : IRequest<Result<CheckedReport>>;

/// <summary>A report and the checks it failed (none, or it is not produced as a workbook).</summary>
public sealed record CheckedReport(MonthlyReport Report, IReadOnlyList<ReportCheckFailure> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>Reads the year's summaries (a few thousand rows) and the standards, builds the sheets, runs the checks.</summary>
public sealed class GetMonthlyReportHandler(IDataSessionFactory data, IClock clock, Actor actor, IUserDirectory users) : IRequestHandler<GetMonthlyReport, Result<CheckedReport>>
{
    public async ValueTask<Result<CheckedReport>> Handle(GetMonthlyReport request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        return await BuildAsync(session, request, clock, (await users.NamesAsync(ct)).NameOf(actor.UserName), ct);
    }

    public static async Task<Result<CheckedReport>> BuildAsync(IDataSession session, GetMonthlyReport request, IClock clock, string preparedBy, CancellationToken ct)
    {
        var bureau = await session.FirstOrDefaultAsync(session.Query<Area>()
            .Where(a => a.Code == request.JurisdictionCode && a.Level == AreaLevel.Jurisdiction), ct);
        if (bureau is null) return Result<CheckedReport>.Failure([new("", Messages.Format("UnknownJurisdiction", request.JurisdictionCode))]);
        var month = await session.FirstOrDefaultAsync(session.Query<PaymentMonth>()
            .Where(m => m.JurisdictionId == bureau.Id && m.Month == request.Month && m.State != PaymentMonthState.Open), ct);
        if (month is null) return Result<CheckedReport>.Failure([new(nameof(request.Month), Messages.Format("ReportNoMonth", request.Month))]);

        var townships = await session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == bureau.Id && a.Level == AreaLevel.Township)
            .OrderBy(a => a.SortOrder).Select(a => new ReportTownship(a.Id, a.Name)), ct);
        if (request.TownshipId is { } chosen)
        {
            townships = townships.Where(t => t.Id == chosen).ToList();
            if (townships.Count == 0) return Result<CheckedReport>.Failure([new(nameof(request.TownshipId), Messages.Get("UnknownTownship"))]);
        }
        var january = new YearMonth(request.Month.Year, 1);
        var summaries = await session.ToListAsync(session.Query<PaymentSummary>()
            .Where(s => s.JurisdictionId == bureau.Id && s.Month >= january && s.Month <= request.Month), ct);
        var standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(s => s.JurisdictionId == bureau.Id), ct);
        var headcounts = await session.ToListAsync(session.Query<PaymentHeadcount>().Where(s => s.JurisdictionId == bureau.Id && s.Month == request.Month), ct);

        var report = new MonthlyReport($"{bureau.Name}民政局", request.Month, townships.Count == 1 && request.TownshipId is not null ? townships[0].Name : null,
            MonthlyReportLayout.Build(request.Month, townships, summaries, headcounts, standards), clock.Now.UtcDateTime, preparedBy);
        var failures = MonthlyReportChecks.Run(report, request.TownshipId is null ? month.PaidAmount : null);
        return Result<CheckedReport>.Success(new CheckedReport(report, failures));
    }
}

/// <summary>Writes a report as the bureau's workbook; implemented by Infrastructure (ClosedXML).</summary>
public interface IMonthlyReportWorkbook
{
    void Write(MonthlyReport report, Stream output);
}

/// <summary>
/// The report as an .xlsx workbook: produced only when every self-check passes; otherwise the failed checks come back
/// and nothing is written. The page and the command line both use this request, so their files are the same.
/// </summary>
[RequiresPermission(Permission.ExportReports)]
public sealed record ExportMonthlyReport(string JurisdictionCode, YearMonth Month, int? TownshipId, Stream Output) : IRequest<Result<CheckedReport>>;

/// <summary>Builds, checks, writes, and audits the export.</summary>
public sealed class ExportMonthlyReportHandler(IDataSessionFactory data, IMonthlyReportWorkbook workbook, IAuditTrail audit, IClock clock, Actor actor,
    IUserDirectory users)
    : IRequestHandler<ExportMonthlyReport, Result<CheckedReport>>
{
    public async ValueTask<Result<CheckedReport>> Handle(ExportMonthlyReport request, CancellationToken ct)
    {
        Result<CheckedReport> built;
        await using (var session = await data.OpenAsync(ct))
            built = await GetMonthlyReportHandler.BuildAsync(session, new GetMonthlyReport(request.JurisdictionCode, request.Month, request.TownshipId),
                clock, (await users.NamesAsync(ct)).NameOf(actor.UserName), ct);
        if (!built.Succeeded) return built;
        var report = built.Value!;
        if (!report.Passed)
            return Result<CheckedReport>.Failure(report.Failures.Select(f => new FieldError("", Messages.Format("Check.Failed", f.Sheet, f.Row, f.Check))).ToList());
        workbook.Write(report.Report, request.Output);
        await audit.RecordAsync(new AuditEvent(AuditAction.Export, actor.UserName, nameof(MonthlyReport), request.Month.ToString(),
            $"导出统计月报 {request.Month}" + (report.Report.Township is { } t ? $"（{t}）" : "")), ct);
        return built;
    }
}
