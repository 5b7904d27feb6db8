using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using Mediator;

namespace CivilAffairs.Domain.Features.Reports;

/// <summary>
/// A form of a computed or closed month (统计月报 by default), optionally for one street/township, with its self-checks.
/// The change lists show full ID numbers only when asked and allowed (<see cref="FullIdNumbers"/>).
/// </summary>
[RequiresPermission(Permission.ViewReports)]
public sealed record GetMonthlyReport(string JurisdictionCode, YearMonth Month, int? TownshipId = null, ReportForm Form = ReportForm.Monthly,
    bool FullIdNumbers = false) : IRequest<Result<CheckedReport>>, IRevealsSensitiveData
{
    public bool RevealsFullIdNumbers => FullIdNumbers;
}

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
        BusinessRules.Check(new FullIdNumbersNeedPermission(request.FullIdNumbers, actor.Can(Permission.RevealSensitive)), nameof(request.FullIdNumbers));
        await using var session = await data.OpenAsync(ct);
        return await BuildAsync(session, request, clock, (await users.NamesAsync(ct)).NameOf(actor.UserName), ct);
    }

    public static async Task<Result<CheckedReport>> BuildAsync(IDataSession session, GetMonthlyReport request, IClock clock, string preparedBy, CancellationToken ct)
    {
        var bureau = await session.FirstOrDefaultAsync(session.Query<Area>()
            .Where(a => a.Code == request.JurisdictionCode && a.Level == AreaLevel.Jurisdiction), ct);
        if (bureau is null) return Result<CheckedReport>.Failure([new("", Messages.Format("UnknownJurisdiction", request.JurisdictionCode))]);
        var monthRow = await session.FirstOrDefaultAsync(session.Query<PaymentMonth>()
            .Where(m => m.JurisdictionId == bureau.Id && m.Month == request.Month && m.State != PaymentMonthState.Open), ct);
        if (monthRow is null) return Result<CheckedReport>.Failure([new(nameof(request.Month), Messages.Format("ReportNoMonth", request.Month))]);

        var townships = await session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == bureau.Id && a.Level == AreaLevel.Township)
            .OrderBy(a => a.SortOrder).Select(a => new ReportTownship(a.Id, a.Name)), ct);
        if (request.TownshipId is { } chosen)
        {
            townships = townships.Where(t => t.Id == chosen).ToList();
            if (townships.Count == 0) return Result<CheckedReport>.Failure([new(nameof(request.TownshipId), Messages.Get("UnknownTownship"))]);
        }
        var january = new YearMonth(request.Month.Year, 1);
        var standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(s => s.JurisdictionId == bureau.Id), ct);
        var townshipName = townships.Count == 1 && request.TownshipId is not null ? townships[0].Name : null;
        var areaCode = (request.TownshipId is { } t ? (await session.FirstOrDefaultAsync(session.Query<Area>().Where(a => a.Id == t).Select(a => a.Code), ct))!
            : bureau.Code).PadRight(12, '0');
        MonthlyReport Report(IReadOnlyList<ReportSheet> sheets, IReadOnlyList<ListSheet>? lists = null) =>
            new(ReportBureau(bureau), request.Month, townshipName, sheets, clock.Now.UtcDateTime, preparedBy)
            {
                Form = request.Form, Lists = lists ?? [], AreaCode = areaCode,
                UnitLine = request.Form == ReportForm.Monthly ? MonthlyReport.Unit : Messages.Get("Report.UnitInHeaders"),
            };
        var ids = townships.Select(x => x.Id).ToList();

        switch (request.Form)
        {
            case ReportForm.UrbanDibao or ReportForm.RuralDibao:
            {
                var programme = request.Form == ReportForm.UrbanDibao ? Programme.UrbanDibao : Programme.RuralDibao;
                var codes = ProgrammeCatalogue.All.Where(v => v.Programme == programme).Select(v => v.Code).ToList();
                var year = (await session.ToListAsync(session.Query<PaymentSummary>().Where(s => s.JurisdictionId == bureau.Id && s.Month >= january
                    && s.Month <= request.Month && codes.Contains(s.VariantCode) && ids.Contains(s.TownshipId)), ct)).Select(AreaFigures.Of).ToList();
                var sheet = request.TownshipId is { } one
                    ? DibaoForm.Build(programme, request.Month, await CommunitiesAsync(session, one, ct),
                        await CommunityFiguresAsync(session, bureau.Id, one, january, request.Month, programme, ct), year, standards, "社区（村）")
                    : DibaoForm.Build(programme, request.Month, townships, year, year, standards, "街道（乡镇）");
                return Checked(Report([sheet]), null);
            }
            case ReportForm.Quarterly:
            {
                if (!QuarterlyForm.IsQuarterEnd(request.Month))
                    return Result<CheckedReport>.Failure([new(nameof(request.Month), Messages.Format("ReportNotQuarterEnd", request.Month))]);
                var from = new YearMonth(request.Month.AddMonths(-3).Year, 1);
                var previousEnd = request.Month.AddMonths(-3);
                var summaries = await session.ToListAsync(session.Query<PaymentSummary>().Where(s => s.JurisdictionId == bureau.Id && s.Month >= from
                    && s.Month <= request.Month && ids.Contains(s.TownshipId)), ct);
                var counts = await session.ToListAsync(session.Query<PaymentHeadcount>().Where(s => s.JurisdictionId == bureau.Id
                    && (s.Month == request.Month || s.Month == previousEnd) && ids.Contains(s.TownshipId)), ct);
                var sheet = QuarterlyForm.Build(request.Month, townshipName ?? ReportBureau(bureau), areaCode, summaries, counts, standards);
                return Checked(Report([], [sheet]), null);
            }
            case ReportForm.Changes:
            {
                var rows = await ChangeRowsAsync(session, bureau.Id, request.Month, request.TownshipId, request.FullIdNumbers, ct);
                var month = await session.ToListAsync(session.Query<PaymentSummary>().Where(s => s.JurisdictionId == bureau.Id && s.Month == request.Month
                    && ids.Contains(s.TownshipId)), ct);
                var lists = ChangeListsForm.Build(request.Month, rows);
                return Result<CheckedReport>.Success(new CheckedReport(Report([], lists), ChangeListsForm.Check(lists, rows, month)));
            }
        }

        var summariesOfYear = await session.ToListAsync(session.Query<PaymentSummary>()
            .Where(s => s.JurisdictionId == bureau.Id && s.Month >= january && s.Month <= request.Month), ct);
        var headcounts = await session.ToListAsync(session.Query<PaymentHeadcount>().Where(s => s.JurisdictionId == bureau.Id && s.Month == request.Month), ct);
        return Checked(Report(MonthlyReportLayout.Build(request.Month, townships, summariesOfYear, headcounts, standards)),
            request.TownshipId is null ? monthRow.PaidAmount : null);

        static Result<CheckedReport> Checked(MonthlyReport report, decimal? recordedPaid) =>
            Result<CheckedReport>.Success(new CheckedReport(report, MonthlyReportChecks.Run(report, recordedPaid)));
    }

    private static string ReportBureau(Area bureau) => $"{bureau.Name}民政局";

    private static Task<List<ReportTownship>> CommunitiesAsync(IDataSession session, int township, CancellationToken ct) =>
        session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == township && a.Level == AreaLevel.Community)
            .OrderBy(a => a.SortOrder).ThenBy(a => a.Id).Select(a => new ReportTownship(a.Id, a.Name)), ct);

    /// <summary>
    /// A township's figures by community (社区/村), month by month: the summary rule itself (<see cref="MonthlySummaries.Of"/>)
    /// over the township's lines, each booked to the community its household lived in that month.
    /// </summary>
    private static async Task<IReadOnlyList<AreaFigures>> CommunityFiguresAsync(IDataSession session, int j, int township, YearMonth from,
        YearMonth to, Programme programme, CancellationToken ct)
    {
        var lines = await session.ToListAsync(session.Query<PaymentLine>().Where(l => l.JurisdictionId == j && l.TownshipId == township
            && l.Month >= from && l.Month <= to && l.Programme == programme).OrderBy(l => l.Month).ThenBy(l => l.HouseholdId), ct);
        var communityOf = await CommunityOfAsync(session, lines.Select(l => l.HouseholdId).Distinct().ToList(), ct);
        var figures = new List<AreaFigures>();
        foreach (var month in lines.GroupBy(l => l.Month))
        {
            var (rows, _) = MonthlySummaries.Of(month.Select(l => new SummaryLine(l.HouseholdId, communityOf(l.HouseholdId, month.Key), l.VariantCode,
                l.PersonId, l.Programme, l.Reason, l.Flags, l.PersonCount, Money.FromYuan(l.Amount).Fen,
                l.PreviousAmount is { } p ? Money.FromYuan(p).Fen : null)), []);
            figures.AddRange(rows.Select(r => AreaFigures.Of(month.Key, r)));
        }
        return figures;
    }

    /// <summary>Where each household lived in a month, from its community now and its moves.</summary>
    private static async Task<Func<int, YearMonth, int>> CommunityOfAsync(IDataSession session, List<int> households, CancellationToken ct)
    {
        var now = new Dictionary<int, int>();
        var moves = new List<(int HouseholdId, YearMonth FromMonth, int FromCommunityId)>();
        foreach (var chunk in households.Chunk(1000))
        {
            foreach (var h in await session.ToListAsync(session.Query<Household>().Where(h => chunk.Contains(h.Id)).Select(h => new { h.Id, h.CommunityId }), ct))
                now[h.Id] = h.CommunityId;
            moves.AddRange((await session.ToListAsync(session.Query<HouseholdMove>().Where(m => chunk.Contains(m.HouseholdId))
                .Select(m => new { m.HouseholdId, m.FromMonth, m.FromCommunityId }), ct)).Select(m => (m.HouseholdId, m.FromMonth, m.FromCommunityId)));
        }
        var byHousehold = moves.ToLookup(m => m.HouseholdId, m => (m.FromMonth, m.FromCommunityId));
        return (household, month) => Entitlement.CommunityIn(now.GetValueOrDefault(household), byHousehold[household], month);
    }

    /// <summary>The month's change lists, one row per line behind each figure, named and masked.</summary>
    private static async Task<IReadOnlyList<ChangeRow>> ChangeRowsAsync(IDataSession session, int j, YearMonth month, int? township, bool fullIdNumbers,
        CancellationToken ct)
    {
        var lists = new (ChangeList List, PreviewFigure Figure)[]
        {
            (ChangeList.New, PreviewFigure.New), (ChangeList.Stopped, PreviewFigure.Stopped), (ChangeList.Adjusted, PreviewFigure.TierChange),
            (ChangeList.Adjusted, PreviewFigure.StandardChange), (ChangeList.BackPay, PreviewFigure.BackPay), (ChangeList.Recovery, PreviewFigure.Recovery),
            (ChangeList.Temporary, PreviewFigure.Temporary),
        };
        var lines = await PreviewLines.FindManyAsync(session, j, month, lists.Select(l => l.Figure).ToList(), township, ct);
        var found = lists.SelectMany(l => lines[l.Figure].Select(line => (l.List, Line: line))).ToList();

        var householdIds = found.Select(f => f.Line.HouseholdId).Distinct().ToList();
        var persons = new Dictionary<int, (string Name, string IdNumber, PersonStatus Status, Relationship Relationship, int HouseholdId)>();
        var enrollments = new Dictionary<int, (YearMonth? To, StopReason? Reason, string? Note)>();
        foreach (var chunk in householdIds.Chunk(1000))
        {
            foreach (var p in await session.ToListAsync(session.Query<Person>().Where(p => chunk.Contains(p.HouseholdId))
                         .Select(p => new { p.Id, p.Name, p.IdNumber, p.Status, p.Relationship, p.HouseholdId }), ct))
                persons[p.Id] = (p.Name, p.IdNumber, p.Status, p.Relationship, p.HouseholdId);
            foreach (var e in await session.ToListAsync(session.Query<Enrollment>().Where(e => chunk.Contains(e.HouseholdId))
                         .Select(e => new { e.Id, e.ToMonth, e.StopReason, e.StopNote }), ct))
                enrollments[e.Id] = (e.ToMonth, e.StopReason, e.StopNote);
        }
        var heads = persons.Where(p => p.Value.Relationship == Relationship.Head && p.Value.Status == PersonStatus.Active)
            .GroupBy(p => p.Value.HouseholdId).ToDictionary(g => g.Key, g => g.First().Value);
        var areas = (await session.ToListAsync(session.Query<Area>().Where(a => a.Level != AreaLevel.Jurisdiction).Select(a => new { a.Id, a.Name }), ct))
            .ToDictionary(a => a.Id, a => a.Name);
        var communityOf = await CommunityOfAsync(session, householdIds, ct);

        string Why(ChangeList list, PaymentLine line)
        {
            if (list == ChangeList.Adjusted) return Messages.Get($"PaymentReason.{line.Reason}");
            if (list != ChangeList.Stopped) return "";
            if (line.EnrollmentId is { } e && enrollments.TryGetValue(e, out var ended) && ended.To is { } to && to < month && ended.Reason is { } reason)
                return Messages.Get($"StopReason.{reason}") + (ended.Note is null ? "" : $"（{ended.Note}）");
            return line.PersonId is { } p && persons.TryGetValue(p, out var person) && person.Status != PersonStatus.Active
                ? Messages.Get(person.Status == PersonStatus.Deceased ? "Report.MemberDied" : "Report.MemberLeft")
                : Messages.Get("Report.StopOther");
        }

        return found.Select(f =>
        {
            var who = f.Line.PersonId is { } id && persons.TryGetValue(id, out var person) ? person
                : heads.TryGetValue(f.Line.HouseholdId, out var head) ? head : default;
            return new ChangeRow(f.List, areas.GetValueOrDefault(f.Line.TownshipId, ""), areas.GetValueOrDefault(communityOf(f.Line.HouseholdId, f.Line.ForMonth), ""),
                f.Line.HouseholdId, who.Name ?? "", who.IdNumber is null ? "" : fullIdNumbers ? who.IdNumber : Masking.Mask(who.IdNumber),
                ProgrammeCatalogue.Find(f.Line.VariantCode)?.Name ?? f.Line.VariantCode, f.Line.ForMonth, f.Line.Amount, f.Line.PreviousAmount,
                Why(f.List, f.Line), f.Line.PersonCount);
        }).ToList();
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
public sealed record ExportMonthlyReport(string JurisdictionCode, YearMonth Month, int? TownshipId, Stream Output, ReportForm Form = ReportForm.Monthly,
    bool FullIdNumbers = false) : IRequest<Result<CheckedReport>>, IRevealsSensitiveData
{
    public bool RevealsFullIdNumbers => FullIdNumbers;
}

/// <summary>Builds, checks, writes, and audits the export.</summary>
public sealed class ExportMonthlyReportHandler(IDataSessionFactory data, IMonthlyReportWorkbook workbook, IAuditTrail audit, IClock clock, Actor actor,
    IUserDirectory users)
    : IRequestHandler<ExportMonthlyReport, Result<CheckedReport>>
{
    public async ValueTask<Result<CheckedReport>> Handle(ExportMonthlyReport request, CancellationToken ct)
    {
        BusinessRules.Check(new FullIdNumbersNeedPermission(request.FullIdNumbers, actor.Can(Permission.RevealSensitive)), nameof(request.FullIdNumbers));
        Result<CheckedReport> built;
        await using (var session = await data.OpenAsync(ct))
            built = await GetMonthlyReportHandler.BuildAsync(session, new GetMonthlyReport(request.JurisdictionCode, request.Month, request.TownshipId,
                request.Form, request.FullIdNumbers), clock, (await users.NamesAsync(ct)).NameOf(actor.UserName), ct);
        if (!built.Succeeded) return built;
        var report = built.Value!;
        if (!report.Passed)
            return Result<CheckedReport>.Failure(report.Failures.Select(f => new FieldError("", Messages.Format("Check.Failed", f.Sheet, f.Row, f.Check))).ToList());
        workbook.Write(report.Report, request.Output);
        await audit.RecordAsync(new AuditEvent(AuditAction.Export, actor.UserName, nameof(MonthlyReport), request.Month.ToString(),
            $"导出{ReportForms.Title(request.Form)} {request.Month}" + (report.Report.Township is { } t ? $"（{t}）" : "")
            + (request.Form == ReportForm.Changes ? request.FullIdNumbers ? "（含完整身份证号）" : "（身份证号已脱敏）" : "")), ct);
        return built;
    }
}
