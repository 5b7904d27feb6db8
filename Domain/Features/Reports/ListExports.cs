using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Reports;

/// <summary>
/// Writes a long list as a workbook row by row, never holding it whole (a million-person roster); implemented by
/// Infrastructure with MiniExcel.
/// </summary>
public interface IListWorkbook
{
    void Write(Stream output, string sheetName, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows);
}

/// <summary>How many rows an export wrote.</summary>
public sealed record ExportOutcome(int Rows, bool FullIdNumbers);

/// <summary>The roster (花名册) with the roster page's filters, one row per person; ID numbers masked unless asked for and allowed.</summary>
[RequiresPermission(Permission.ExportReports)]
public sealed record ExportRoster(RosterFilter Filter, bool FullIdNumbers, Stream Output, IProgress<int>? Progress = null)
    : IRequest<Result<ExportOutcome>>, IRevealsSensitiveData
{
    public bool RevealsFullIdNumbers => FullIdNumbers;
}

/// <summary>A closed or computed month's payment list (发放名单): one row per ledger line.</summary>
[RequiresPermission(Permission.ExportReports)]
public sealed record ExportPaymentList(string JurisdictionCode, YearMonth Month, bool FullIdNumbers, Stream Output, IProgress<int>? Progress = null)
    : IRequest<Result<ExportOutcome>>, IRevealsSensitiveData
{
    public bool RevealsFullIdNumbers => FullIdNumbers;
}

/// <summary>The audit log with the audit page's filters (administrators only).</summary>
[RequiresPermission(Permission.ViewAudit)]
[BureauWide]
public sealed record ExportAuditLog(SearchAudit Filter, Stream Output, IProgress<int>? Progress = null) : IRequest<Result<ExportOutcome>>;

/// <summary>Why an export may not hold full ID numbers.</summary>
public sealed record FullIdNumbersNeedPermission(bool Asked, bool Allowed) : IBusinessRule
{
    public bool IsBroken() => Asked && !Allowed;
    public string Message => Messages.Get("FullIdNumbersNotAllowed");
}

/// <summary>
/// The three list exports. Each reads in key order, 5,000 rows at a time (keyset paging), and hands the rows to the
/// streaming writer as they come, so memory stays flat whatever the size; full ID numbers only for roles that may
/// reveal them and only when asked, and every export is audited with its row count.
/// </summary>
public sealed class ListExportHandlers(IDataSessionFactory data, IListWorkbook workbook, IAuditTrail audit, Actor actor, IUserDirectory users)
    : IRequestHandler<ExportRoster, Result<ExportOutcome>>, IRequestHandler<ExportPaymentList, Result<ExportOutcome>>,
      IRequestHandler<ExportAuditLog, Result<ExportOutcome>>
{
    private const int Chunk = 10_000;

    public static readonly string[] RosterColumns = ["户编号", "街道（乡镇）", "社区（村）", "地址", "姓名", "与户主关系", "性别", "出生日期", "身份证号", "残疾等级", "救助项目", "状态"];
    public static readonly string[] PaymentColumns = ["发放月份", "所属月份", "街道（乡镇）", "户编号", "姓名", "身份证号", "救助项目", "金额（元）", "原因"];
    public static readonly string[] AuditColumns = ["序号", "时间", "用户", "操作", "对象", "编号", "变更", "原因"];

    public async ValueTask<Result<ExportOutcome>> Handle(ExportRoster request, CancellationToken ct)
    {
        BusinessRules.Check(new FullIdNumbersNeedPermission(request.FullIdNumbers, actor.Can(Permission.RevealSensitive)), nameof(request.FullIdNumbers));
        await using var session = await data.OpenAsync(ct);
        var persons = await SearchRosterHandler.FilterAsync(session, request.Filter, ct);
        // Areas are a few hundred rows: named from memory rather than joined for each of a million persons.
        var communities = (await session.ToListAsync(session.Query<Area>().Where(a => a.Level == AreaLevel.Community)
            .Select(a => new { a.Id, a.Name, Township = a.Parent!.Name }), ct)).ToDictionary(a => a.Id);
        var relationships = Enum.GetValues<Relationship>().ToDictionary(r => r, r => Messages.Get($"Relationship.{r}"));
        var count = 0;
        // One page of persons with their households' open enrolments.
        async Task<RosterPage?> FetchAsync(int after)
        {
            var page = await session.ToListAsync(persons!.Where(p => p.Id > after).OrderBy(p => p.Id).Take(Chunk).Select(p => new RosterPerson(
                p.Id, p.HouseholdId, p.Name, p.IdNumber, p.Relationship, p.Sex, p.BirthDate, p.DisabilityGrade, p.Household!.Status,
                p.Household.CommunityId, p.Household.Address)), ct);
            if (page.Count == 0) return null;
            // Persons in id order belong to households in (nearly) id order: one range over the household index, rather
            // than an IN list of thousands, which SQLite answers by walking every enrolment.
            var (low, high) = (page.Min(p => p.HouseholdId), page.Max(p => p.HouseholdId));
            var enrollments = (await session.ToListAsync(session.Query<Enrollment>().Where(e => e.HouseholdId >= low && e.HouseholdId <= high && e.ToMonth == null)
                .Select(e => new { e.PersonId, e.HouseholdId, e.VariantCode }), ct)).ToLookup(e => e.HouseholdId, e => (e.PersonId, e.VariantCode));
            return new RosterPage(page, enrollments);
        }
        IEnumerable<IReadOnlyList<object?>> Rows()
        {
            if (persons is null) yield break;
            // The next page is read while this one is written: the database and the workbook writer each keep a core busy.
            // Only the prefetch touches the session, one query at a time.
            var next = FetchAsync(0);
            try
            {
                while (true)
                {
                    var page = next.GetAwaiter().GetResult();
                    if (page is null) yield break;
                    var after = page.Persons[^1].Id;
                    next = Task.Run(() => FetchAsync(after), ct);
                    foreach (var p in page.Persons)
                    {
                        var programmes = page.Enrollments[p.HouseholdId].Where(e => e.PersonId is null || e.PersonId == p.Id)
                            .Select(e => ProgrammeCatalogue.Find(e.VariantCode)?.Name ?? e.VariantCode);
                        var area = communities.GetValueOrDefault(p.CommunityId);
                        yield return [p.HouseholdId, area?.Township, area?.Name, p.Address, p.Name, relationships[p.Relationship],
                            p.Sex == Sex.Female ? "女" : "男", p.BirthDate.ToString("yyyy-MM-dd"), request.FullIdNumbers ? p.IdNumber : Masking.Mask(p.IdNumber),
                            p.DisabilityGrade is { } g ? $"{(int)g}级" : "", string.Join("、", programmes), p.Status == HouseholdStatus.Active ? "在保" : "已停发"];
                        if (++count % Chunk == 0) request.Progress?.Report(count);
                    }
                }
            }
            finally
            {
                // A writer that stops early (a full disk) leaves no query running on the session it is about to close; the
                // prefetch's own failure, if any, is not the one to report.
                ((Task)next).ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter().GetResult();
            }
        }
        workbook.Write(request.Output, "花名册", RosterColumns, Rows());
        request.Progress?.Report(count);
        await audit.RecordAsync(new AuditEvent(AuditAction.Export, actor.UserName, "Roster", null,
            $"导出花名册 {count} 人" + (request.FullIdNumbers ? "（含完整身份证号）" : "（身份证号已脱敏）")), ct);
        return Result<ExportOutcome>.Success(new ExportOutcome(count, request.FullIdNumbers));
    }

    public async ValueTask<Result<ExportOutcome>> Handle(ExportPaymentList request, CancellationToken ct)
    {
        BusinessRules.Check(new FullIdNumbersNeedPermission(request.FullIdNumbers, actor.Can(Permission.RevealSensitive)), nameof(request.FullIdNumbers));
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var townships = (await session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == j && a.Level == AreaLevel.Township), ct))
            .ToDictionary(a => a.Id, a => a.Name);
        var count = 0;
        IEnumerable<IReadOnlyList<object?>> Rows()
        {
            var last = 0L;
            while (true)
            {
                var page = session.ToListAsync(session.Query<PaymentLine>().Where(l => l.JurisdictionId == j && l.Month == request.Month && l.Id > last)
                    .OrderBy(l => l.Id).Take(Chunk)
                    .GroupJoin(session.Query<Person>(), l => l.PersonId, p => p.Id, (l, p) => new { l, p })
                    .SelectMany(x => x.p.DefaultIfEmpty(), (x, p) => new { x.l, Name = p == null ? null : p.Name, IdNumber = p == null ? null : p.IdNumber }), ct)
                    .GetAwaiter().GetResult();
                if (page.Count == 0) yield break;
                foreach (var x in page)
                {
                    yield return [x.l.Month.ToString(), x.l.ForMonth.ToString(), townships.GetValueOrDefault(x.l.TownshipId, ""), x.l.HouseholdId,
                        x.Name ?? "（全户）", x.IdNumber is null ? "" : request.FullIdNumbers ? x.IdNumber : Masking.Mask(x.IdNumber),
                        ProgrammeCatalogue.Find(x.l.VariantCode)?.Name ?? x.l.VariantCode, x.l.Amount, Messages.Get($"PaymentReason.{x.l.Reason}")];
                    if (++count % Chunk == 0) request.Progress?.Report(count);
                }
                last = page[^1].l.Id;
            }
        }
        workbook.Write(request.Output, $"{request.Month} 发放名单", PaymentColumns, Rows());
        request.Progress?.Report(count);
        await audit.RecordAsync(new AuditEvent(AuditAction.Export, actor.UserName, nameof(PaymentLine), request.Month.ToString(),
            $"导出 {request.Month} 发放名单 {count} 条" + (request.FullIdNumbers ? "（含完整身份证号）" : "（身份证号已脱敏）")), ct);
        return Result<ExportOutcome>.Success(new ExportOutcome(count, request.FullIdNumbers));
    }

    public async ValueTask<Result<ExportOutcome>> Handle(ExportAuditLog request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var records = await Audit.AuditFilter.ApplyAsync(session, request.Filter, ct);
        var staff = await users.NamesAsync(ct);
        var count = 0;
        IEnumerable<IReadOnlyList<object?>> Rows()
        {
            var last = 0L;
            while (true)
            {
                var page = session.ToListAsync(records.Where(r => r.Sequence > last).OrderBy(r => r.Sequence).Take(Chunk), ct).GetAwaiter().GetResult();
                if (page.Count == 0) yield break;
                foreach (var r in page)
                {
                    // The page's words: who by name, entity, fields and values in Chinese, local time.
                    yield return [r.Sequence, r.TimestampUtc.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss"), staff.Describe(r.UserName),
                        Messages.Get($"AuditAction.{r.Action}"), AuditWording.EntityName(r.EntityType),
                        AuditWording.Subject(r.EntityType, r.EntityKey, staff), AuditWording.ChangesText(r.EntityType, r.Changes), r.Reason];
                    if (++count % Chunk == 0) request.Progress?.Report(count);
                }
                last = page[^1].Sequence;
            }
        }
        workbook.Write(request.Output, "审计日志", AuditColumns, Rows());
        await audit.RecordAsync(new AuditEvent(AuditAction.Export, actor.UserName, nameof(AuditRecord), null, $"导出审计日志 {count} 条"), ct);
        return Result<ExportOutcome>.Success(new ExportOutcome(count, false));
    }
}

/// <summary>A person as the roster export writes them.</summary>
internal sealed record RosterPerson(int Id, int HouseholdId, string Name, string IdNumber, Relationship Relationship, Sex Sex, DateOnly BirthDate,
    DisabilityGrade? DisabilityGrade, HouseholdStatus Status, int CommunityId, string Address);

/// <summary>A page of the roster export and its households' open enrolments.</summary>
internal sealed record RosterPage(List<RosterPerson> Persons, ILookup<int, (int? PersonId, string VariantCode)> Enrollments);

