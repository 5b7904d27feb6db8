using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Monitoring;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Monitoring;

/// <summary>Reads a department's file (xlsx, or csv in UTF-8 or GB18030) as rows of named cells; implemented by Infrastructure.</summary>
public interface IRecordFile
{
    /// <summary>The rows under the header row, each cell by its header; throws <see cref="UnreadableRecordFileException"/> on a file it cannot read.</summary>
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Read(byte[] content, string fileName);
}

/// <summary>A file that is neither a workbook nor a text table: nothing is imported.</summary>
public sealed class UnreadableRecordFileException(string message) : Exception(message);

/// <summary>
/// 动态监测 import: a department's records matched to the persons on the roster (assisted, active), each match a warning on
/// the person and household for their township; rows already imported are not matched twice; a dry run reports only.
/// </summary>
[RequiresPermission(Permission.EditRoster)]
[BureauWide]
public sealed record ImportRecords(string JurisdictionCode, string Source, string FileName, Stream File, bool DryRun = false) : IRequest<Result<RecordImportReport>>;

/// <summary>What an import found: rows read, matched to assisted persons, unmatched, invalid (with row numbers), already imported.</summary>
public sealed record RecordImportReport(int Rows, int Matched, int Unmatched, int AlreadyImported, int WarningsRaised, IReadOnlyList<RecordRowError> Invalid, bool Written);

/// <summary>A row that could not be read (row number as in the file, the header being row 1).</summary>
public sealed record RecordRowError(int Row, string Message);

/// <summary>Reads, checks every row, matches, and writes the import, its records and warnings in one save; a file with a bad row, nothing.</summary>
public sealed class ImportRecordsHandler(IDataSessionFactory data, IRecordFile files, MonitoringOptions options, IClock clock, Actor actor)
    : IRequestHandler<ImportRecords, Result<RecordImportReport>>
{
    public async ValueTask<Result<RecordImportReport>> Handle(ImportRecords request, CancellationToken ct)
    {
        if (options.Find(request.Source) is not { } source)
            return Result<RecordImportReport>.Failure([new(nameof(request.Source), Messages.Format("Records.UnknownSource", request.Source,
                string.Join("、", options.Sources.Select(s => s.Name))))]);
        using var buffer = new MemoryStream();
        await request.File.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content));
        IReadOnlyList<IReadOnlyDictionary<string, object?>> rows;
        try
        {
            rows = files.Read(content, request.FileName);
        }
        catch (UnreadableRecordFileException e)
        {
            return Result<RecordImportReport>.Failure([new(nameof(request.File), e.Message)]);
        }
        var missing = new[] { source.IdNumberColumn, source.NameColumn, source.DateColumn }.OfType<string>()
            .Where(c => rows.Count > 0 && !rows[0].ContainsKey(c)).ToList();
        if (missing.Count > 0)
            return Result<RecordImportReport>.Failure([new(nameof(request.File), Messages.Format("Records.MissingColumns", string.Join("、", missing)))]);

        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct)
                ?? throw new InvalidOperationException(Messages.Format("UnknownJurisdiction", request.JurisdictionCode));
        var import = new RecordImport(j, source.Name, Path.GetFileName(request.FileName), sha, clock.Now.UtcDateTime, actor.UserName);
        var invalid = new List<RecordRowError>();
        var parsed = new List<(int Row, string Id, string Name, DateOnly? Date, decimal? Amount, string? Detail, string Key)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var id = (Convert.ToString(row.GetValueOrDefault(source.IdNumberColumn)) ?? "").Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(id) && row.Values.All(v => string.IsNullOrWhiteSpace(Convert.ToString(v)))) continue;   // a blank line
            var idRule = new IdNumberMustBeValid(id);
            if (idRule.IsBroken()) { invalid.Add(new(i + 2, $"【{source.IdNumberColumn}】{idRule.Message}")); continue; }
            DateOnly? date = null;
            if (source.DateColumn is { } dateColumn)
            {
                date = RecordDate.Parse(row.GetValueOrDefault(dateColumn));
                if (date is null) { invalid.Add(new(i + 2, Messages.Format("Records.BadDate", dateColumn, row.GetValueOrDefault(dateColumn)))); continue; }
                if (date > clock.Today) { invalid.Add(new(i + 2, Messages.Format("Records.FutureDate", dateColumn, date.Value.ToString("yyyy-MM-dd")))); continue; }
            }
            decimal? amount = null;
            if (source.AmountColumn is { } amountColumn && row.GetValueOrDefault(amountColumn) is { } raw)
            {
                if (!decimal.TryParse(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Number,
                        System.Globalization.CultureInfo.InvariantCulture, out var value)) { invalid.Add(new(i + 2, Messages.Format("Records.BadAmount", amountColumn, raw))); continue; }
                amount = value;
            }
            var name = EnteredText.Clean(Convert.ToString(row.GetValueOrDefault(source.NameColumn)) ?? "");
            var detail = source.DetailColumn is { } d ? EnteredText.Clean(Convert.ToString(row.GetValueOrDefault(d)) ?? "") : null;
            parsed.Add((i + 2, id, name, date, amount, detail, ExternalRecord.KeyOf(source.Name, id, date, amount, detail)));
        }

        var keys = parsed.Select(p => p.Key).Distinct().ToList();
        var known = new HashSet<string>();
        foreach (var chunk in keys.Chunk(500))
            known.UnionWith(await session.ToListAsync(session.Query<ExternalRecord>().Where(r => r.Source == source.Name && chunk.Contains(r.RowKey))
                .Select(r => r.RowKey), ct));
        var fresh = parsed.Where(p => !known.Contains(p.Key)).DistinctBy(p => p.Key).ToList();
        var already = parsed.Count - fresh.Count;

        // The persons those numbers are: active members of active households of the jurisdiction, with an open enrolment.
        var ids = fresh.Select(p => p.Id).Distinct().ToList();
        var persons = new List<(int PersonId, string IdNumber, int HouseholdId, int TownshipId)>();
        foreach (var chunk in ids.Chunk(500))
            persons.AddRange((await session.ToListAsync(session.Query<Person>()
                .Where(p => chunk.Contains(p.IdNumber) && p.Status == PersonStatus.Active && p.Household!.JurisdictionId == j
                            && p.Household.Status == HouseholdStatus.Active && p.Household.Enrollments.Any(e => e.ToMonth == null))
                .Select(p => new { p.Id, p.IdNumber, p.HouseholdId, TownshipId = p.Household!.Community!.ParentId ?? 0 }), ct))
                .Select(p => (p.Id, p.IdNumber, p.HouseholdId, p.TownshipId)));
        var personIds = persons.Select(p => p.PersonId).ToList();
        var lastPaid = new Dictionary<int, YearMonth>();
        foreach (var chunk in personIds.Chunk(500))
            foreach (var paid in await session.ToListAsync(session.Query<PaymentLine>().Where(l => l.JurisdictionId == j && l.PersonId != null
                         && chunk.Contains(l.PersonId!.Value) && l.Amount > 0).GroupBy(l => l.PersonId!.Value)
                         .Select(g => new { PersonId = g.Key, Last = g.Max(l => l.ForMonth) }), ct))
                lastPaid[paid.PersonId] = paid.Last;

        var matched = 0;
        var warnings = 0;
        foreach (var p in fresh)
        {
            var record = new ExternalRecord(import, source.Name, p.Key, p.Id, p.Name, p.Date, p.Amount, p.Detail);
            session.Add(record);
            var person = persons.FirstOrDefault(x => x.IdNumber == p.Id);
            if (person.PersonId == 0) continue;
            matched++;
            // An income below the source's threshold cannot lift the household over the line: matched, no warning.
            if (source.MinimumAmount is { } minimum && (p.Amount ?? 0) < minimum) continue;
            warnings++;
            session.Add(new MonitoringWarning(j, record, person.HouseholdId, person.PersonId, person.TownshipId, WarningRules.SeverityOf(source.Kind),
                WarningRules.TextOf(source, record, lastPaid.TryGetValue(person.PersonId, out var last) ? last : null), clock.Today,
                clock.Today.AddDays(options.DueDays)));
        }
        import.Count(parsed.Count + invalid.Count, matched, fresh.Count - matched, invalid.Count, already, warnings);
        // A file with a bad row changes nothing: the department corrects it and it is imported whole.
        var write = !request.DryRun && invalid.Count == 0;
        var report = new RecordImportReport(parsed.Count + invalid.Count, matched, fresh.Count - matched, already, warnings, invalid, write);
        if (!write) return Result<RecordImportReport>.Success(report);
        session.Add(import);
        session.AuditReason = $"导入{source.Department} {import.FileName}";
        await session.SaveChangesAsync(ct);
        return Result<RecordImportReport>.Success(report);
    }
}

/// <summary>The warnings of the caller's area, open first, red first, the longest overdue first.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record ListWarnings(string JurisdictionCode, bool OpenOnly = true, int Page = 0, int PageSize = 50) : IRequest<WarningList>;

/// <summary>A page of warnings and how many are open by severity.</summary>
public sealed record WarningList(IReadOnlyList<WarningRow> Rows, int Total, int Red, int Yellow, int Blue);

/// <summary>A warning as listed.</summary>
public sealed record WarningRow(long Id, int HouseholdId, string Person, string Township, WarningSeverity Severity, string Text, DateOnly RaisedOn,
    DateOnly DueOn, WarningState State, bool Overdue, bool IsDeath = false);

/// <summary>Reads the warnings in the caller's area.</summary>
public sealed class ListWarningsHandler(IDataSessionFactory data, IClock clock, MonitoringOptions options) : IRequestHandler<ListWarnings, WarningList>
{
    public async ValueTask<WarningList> Handle(ListWarnings request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var all = session.Query<MonitoringWarning>().Where(w => w.JurisdictionId == j);
        var query = request.OpenOnly ? all.Where(w => w.State == WarningState.Open) : all;
        var open = await session.ToListAsync(all.Where(w => w.State == WarningState.Open).GroupBy(w => w.Severity)
            .Select(g => new { g.Key, Count = g.Count() }), ct);
        var total = await session.CountAsync(query, ct);
        var size = Math.Clamp(request.PageSize, 1, 200);
        var today = clock.Today;
        var rows = await session.ToListAsync(query.OrderBy(w => w.State).ThenBy(w => w.Severity).ThenBy(w => w.DueOn).ThenBy(w => w.Id)
            .Skip(Math.Max(0, request.Page) * size).Take(size)
            .Join(session.Query<Person>(), w => w.PersonId, p => p.Id, (w, p) => new { w, p.Name })
            .Join(session.Query<Area>(), x => x.w.TownshipId, a => a.Id, (x, a) => new { x.w, x.Name, Township = a.Name })
            .Join(session.Query<ExternalRecord>(), x => x.w.RecordId, r => r.Id, (x, r) => new { x.w, x.Name, x.Township, r.Source }), ct);
        int Of(WarningSeverity s) => open.Where(o => o.Key == s).Sum(o => o.Count);
        return new WarningList(rows.Select(x => new WarningRow(x.w.Id, x.w.HouseholdId, x.Name, x.Township, x.w.Severity, x.w.Text, x.w.RaisedOn,
                x.w.DueOn, x.w.State, x.w.State == WarningState.Open && x.w.DueOn < today, options.Find(x.Source)?.Kind == RecordKind.Death)).ToList(), total,
            Of(WarningSeverity.Red), Of(WarningSeverity.Yellow), Of(WarningSeverity.Blue));
    }
}

/// <summary>Leadership's view of the warnings: open by severity, overdue, per township (overdue first), and the money at risk.</summary>
[RequiresPermission(Permission.ViewCockpit)]
public sealed record GetWarningSummary(string JurisdictionCode) : IRequest<WarningSummary>;

/// <summary>The open warnings in figures; <see cref="AtRisk"/> is what the latest computed month pays to persons under a red warning.</summary>
public sealed record WarningSummary(int Red, int Yellow, int Blue, int Overdue, decimal AtRisk, YearMonth? Month, IReadOnlyList<TownshipWarnings> Townships)
{
    public int Open => Red + Yellow + Blue;
}

/// <summary>One township's open and overdue warnings.</summary>
public sealed record TownshipWarnings(int TownshipId, string Township, int Open, int Overdue);

/// <summary>Counts in the caller's area; the money from the latest month's ledger lines of the persons under red warnings.</summary>
public sealed class GetWarningSummaryHandler(IDataSessionFactory data, IClock clock) : IRequestHandler<GetWarningSummary, WarningSummary>
{
    public async ValueTask<WarningSummary> Handle(GetWarningSummary request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var today = clock.Today;
        var open = session.Query<MonitoringWarning>().Where(w => w.JurisdictionId == j && w.State == WarningState.Open);
        var counts = await session.ToListAsync(open.GroupBy(w => new { w.TownshipId, w.Severity })
            .Select(g => new { g.Key.TownshipId, g.Key.Severity, Count = g.Count(), Overdue = g.Count(w => w.DueOn < today) }), ct);
        var names = (await session.ToListAsync(session.Query<Area>().Where(a => a.ParentId == j && a.Level == AreaLevel.Township)
            .Select(a => new { a.Id, a.Name }), ct)).ToDictionary(a => a.Id, a => a.Name);
        var month = await session.FirstOrDefaultAsync(session.Query<PaymentMonth>().Where(m => m.JurisdictionId == j && m.State != PaymentMonthState.Open)
            .OrderByDescending(m => m.Month).Select(m => (YearMonth?)m.Month), ct);
        var atRisk = 0m;
        if (month is { } latest)
        {
            var red = open.Where(w => w.Severity == WarningSeverity.Red).Select(w => w.PersonId);
            atRisk = (await session.ToListAsync(session.Query<PaymentLine>().Where(l => l.JurisdictionId == j && l.Month == latest && l.PersonId != null
                && red.Contains(l.PersonId!.Value)).Select(l => l.Amount), ct)).Sum();
        }
        var townships = counts.GroupBy(c => c.TownshipId)
            .Select(g => new TownshipWarnings(g.Key, names.GetValueOrDefault(g.Key, ""), g.Sum(c => c.Count), g.Sum(c => c.Overdue)))
            .OrderByDescending(t => t.Overdue).ThenByDescending(t => t.Open).ToList();
        int Of(WarningSeverity s) => counts.Where(c => c.Severity == s).Sum(c => c.Count);
        return new WarningSummary(Of(WarningSeverity.Red), Of(WarningSeverity.Yellow), Of(WarningSeverity.Blue), counts.Sum(c => c.Overdue), atRisk, month, townships);
    }
}
