using System.Data.Common;
using System.Globalization;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Standards;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CivilAffairs.Infrastructure.Payments;

/// <summary>
/// The monthly payment run as set-based SQL in one transaction (docs/decisions/007-payment-run.md). A million
/// enrolments cannot go through tracked entities in the time a bureau waits, so each step is one INSERT … SELECT built by
/// <see cref="PaymentRunSql"/> from the domain's SQL twins of <see cref="Entitlement"/> and <see cref="Settlement"/>;
/// the tests hold each twin equal to its C# rule and the whole ledger equal to the C# rule over generated months.
/// </summary>
public sealed class PaymentRun(IDbContextFactory<DashboardDbContext> contexts, IClock clock) : IPaymentRun
{
    public async Task<PaymentRunResult> RunAsync(PaymentRunOrder order, IProgress<PaymentRunProgress>? progress, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditActor = order.Actor;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        await using var cache = await LargeCacheAsync(db, ct);
        // On SQLite this is BEGIN IMMEDIATE: a second run waits here, then reads what the first one left.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        progress?.Report(new(PaymentRunStep.Preparing));

        var (j, m) = (order.JurisdictionId, order.Month);
        var sql = new PaymentRunSql(j);
        var month = await db.PaymentMonths.SingleOrDefaultAsync(x => x.JurisdictionId == j && x.Month == m, ct);
        if (order.ExpectedVersion is { } expected && expected != month?.Version) throw new ConcurrencyConflictException();
        if (month is { IsClosed: true } && order.Close)
            return new PaymentRunResult(m, month.State, Totals(month), false, 0, month.ClosedBy ?? "", 0, month.ClosedAtUtc);

        // The month's rules, inside the transaction that acts on them.
        var lastClosed = await db.PaymentMonths.Where(x => x.JurisdictionId == j && x.State == PaymentMonthState.Closed)
            .OrderByDescending(x => x.Month).Select(x => (YearMonth?)x.Month).FirstOrDefaultAsync(ct);
        var standards = await db.BenefitStandards.AsNoTracking().Where(s => s.JurisdictionId == j).ToListAsync(ct);
        PaymentMonthRules.Check(m, month, lastClosed, order.Close, order.ComputeFirst, await ReadStringsAsync(db, sql.EnrolledVariants(m), ct), standards);

        if (month is null)
        {
            month = new PaymentMonth(j, m);
            db.PaymentMonths.Add(month);
            db.AuditReason = $"月度发放 {m}";
            await db.SaveChangesAsync(ct);
        }
        else await ClaimAsync(db, month, ct);

        var inputs = await ScalarAsync(db, ChangeCounterSql.InputsSql, ct);
        var stale = month.State != PaymentMonthState.Computed || month.ComputedAtChange != inputs;
        var recoveries = 0;
        PaymentTotals totals;
        if (!order.Close || stale)
        {
            recoveries = await ComputeAsync(db, sql, m, standards, progress, ct);
            totals = await TotalsAsync(db, sql, m, ct);
            month.Computed(totals, inputs, clock.Now.UtcDateTime, order.Actor);
        }
        else totals = Totals(month);

        var endedAt18 = 0;
        if (order.Close)
        {
            progress?.Report(new(PaymentRunStep.Locking));
            month.Close(clock.Now.UtcDateTime, order.Actor);
            await ExecuteAsync(db, sql.ConsumeRetroactiveChanges(), ct);
            endedAt18 = await EndChildAllowancesAsync(db, j, m.Next, order.Actor, ct);
            // The seal goes into the chain in the close's own transaction: no month is closed without one.
            var seal = await SealAsync(db, j, m, ct);
            db.AuditRecords.Add(new AuditRecord(clock.Now.UtcDateTime, order.Actor, AuditAction.MonthSealed, MonthSeal.EntityType,
                MonthSeal.KeyOf(j, m), seal.ToChanges(), seal.Describe()));
        }
        db.AuditReason = order.Close
            ? $"月度发放关账 {m}：{totals.Lines:N0} 条，发放 {totals.Paid:N2} 元（补发 {totals.BackPay:N2} 元），追缴 {totals.Recovery:N2} 元"
            : $"月度发放计算 {m}：{totals.Lines:N0} 条，发放 {totals.Paid:N2} 元（补发 {totals.BackPay:N2} 元），追缴 {totals.Recovery:N2} 元";
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        progress?.Report(new(PaymentRunStep.Done));
        return new PaymentRunResult(m, month.State, totals, !order.Close || stale, recoveries, null, endedAt18);
    }

    public async Task<MonthSeal> SealAsync(int jurisdictionId, YearMonth month, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await SealAsync(db, jurisdictionId, month, ct);
    }

    private static async Task<MonthSeal> SealAsync(DashboardDbContext db, int j, YearMonth m, CancellationToken ct)
    {
        using var sealer = new MonthSeal.Sealer(m, db.AuditKey ?? throw new InvalidOperationException("No audit key."));
        await foreach (var line in db.PaymentLines.AsNoTracking().Where(l => l.JurisdictionId == j && l.Month == m).OrderBy(l => l.Id)
                           .Select(l => new SealedLine(l.Id, l.ForMonth, l.HouseholdId, l.PersonId, l.EnrollmentId, l.VariantCode, l.Programme,
                               l.TownshipId, l.Amount, l.PreviousAmount, l.StandardId, l.Reason, l.Flags, l.PersonCount, l.TemporaryAssistanceId,
                               l.RecoveryId)).AsAsyncEnumerable().WithCancellation(ct))
            sealer.Add(line);
        return sealer.Finish();
    }

    public async Task<IReadOnlyList<string>> EnrolledVariantsAsync(int jurisdictionId, YearMonth month, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ReadStringsAsync(db, new PaymentRunSql(jurisdictionId).EnrolledVariants(month), ct);
    }

    public async Task<IReadOnlyList<VariantHeadCount>> HeadCountsAsync(int jurisdictionId, YearMonth month, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var command = await CommandAsync(db, new PaymentRunSql(jurisdictionId).HeadCounts(month), ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new List<VariantHeadCount>();
        while (await reader.ReadAsync(ct)) counts.Add(new VariantHeadCount(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        return counts;
    }

    public async Task<IReadOnlyList<string>> CheckSummariesAsync(int jurisdictionId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        var months = await db.PaymentMonths.AsNoTracking()
            .Where(x => x.JurisdictionId == jurisdictionId && x.State != PaymentMonthState.Open)
            .OrderBy(x => x.Month).Select(x => x.Month).ToListAsync(ct);
        var sql = new PaymentRunSql(jurisdictionId);
        var problems = new List<string>();
        foreach (var month in months)
        foreach (var (what, statement) in sql.SummaryDifferences(month))
        {
            await using var command = await CommandAsync(db, statement, ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                problems.Add(Messages.Format(what == "PaymentSummaries" ? "SummaryMismatch" : "HeadcountMismatch", month, reader.GetInt32(0),
                    Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }
        return problems;
    }

    public async Task<LedgerMonth> SettledAsync(int jurisdictionId, YearMonth forMonth, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        var settled = new Dictionary<SettlementKey, Money>();
        var temporary = new Dictionary<int, Money>();
        var regular = new List<RegularLine>();
        await using var command = await CommandAsync(db, new PaymentRunSql(jurisdictionId).Settled(forMonth), ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var programme = (Programme)reader.GetInt32(1);
            var amount = new Money(reader.GetInt64(2));
            if (programme == Programme.Temporary)
            {
                var id = reader.GetInt32(3);
                temporary[id] = temporary.GetValueOrDefault(id) + amount;
                continue;
            }
            var key = new SettlementKey(reader.GetInt32(0), programme);
            settled[key] = settled.GetValueOrDefault(key) + amount;
            var reason = (PaymentReason)reader.GetInt32(5);
            if (reader.GetInt32(4) == forMonth.Key && Entitlement.IsRegular(reason))
                regular.Add(new RegularLine(reader.GetInt32(6), key.PersonId, reader.GetString(7), programme, reader.GetInt32(8), amount,
                    reader.IsDBNull(9) ? null : new Money(reader.GetInt64(9)), reader.IsDBNull(10) ? null : reader.GetInt32(10), reason,
                    (PaymentLineFlags)reader.GetInt32(11)));
        }
        return new LedgerMonth(forMonth, settled, temporary, regular);
    }

    public async Task<RosterTerms> RosterTermsAsync(int jurisdictionId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        var townships = await db.Areas.AsNoTracking().Where(a => a.Level == Domain.Areas.AreaLevel.Community && a.Parent!.ParentId == jurisdictionId)
            .ToDictionaryAsync(a => a.Id, a => a.ParentId!.Value, ct);
        var sql = new PaymentRunSql(jurisdictionId);
        var households = new Dictionary<int, (int Community, List<MemberTerms> Members, List<EnrollmentTerms> Enrollments, List<MoveTerms> Moves)>();
        await using (var command = await CommandAsync(db, sql.RosterHouseholds(), ct))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) households[reader.GetInt32(0)] = (reader.GetInt32(1), [], [], []);
        await using (var command = await CommandAsync(db, sql.RosterMembers(), ct))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                households[reader.GetInt32(0)].Members.Add(new MemberTerms(reader.GetInt32(1), DateOnly.FromDateTime(reader.GetDateTime(2)),
                    (Sex)reader.GetInt32(3), reader.GetInt32(4) == 1, YearMonth.FromKey(reader.GetInt32(5)),
                    reader.IsDBNull(6) ? null : YearMonth.FromKey(reader.GetInt32(6))));
        await using (var command = await CommandAsync(db, sql.RosterEnrollments(), ct))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                households[reader.GetInt32(0)].Enrollments.Add(new EnrollmentTerms(reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    reader.GetString(3), YearMonth.FromKey(reader.GetInt32(4)), reader.IsDBNull(5) ? null : YearMonth.FromKey(reader.GetInt32(5))));
        await using (var command = await CommandAsync(db, sql.RosterMoves(), ct))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                households[reader.GetInt32(0)].Moves.Add(new MoveTerms(YearMonth.FromKey(reader.GetInt32(1)), reader.GetInt32(2)));
        return new RosterTerms(households.Select(h => new HouseholdTerms(h.Key, h.Value.Community, h.Value.Members, h.Value.Enrollments, h.Value.Moves)).ToList(),
            townships);
    }

    /// <summary>
    /// SQLite's default page cache (2 MB) makes a million-row insert into three indexes spill to disk over and over; for
    /// the run the connection gets 256 MB and in-memory sorting, and gives them back when the run ends.
    /// </summary>
    private static async Task<IAsyncDisposable> LargeCacheAsync(DashboardDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return new Restore(null);
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;", ct);
        return new Restore(db);
    }

    private sealed class Restore(DashboardDbContext? db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (db is null) return;
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT;");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Takes the month for this run: only the run that saw the current version may proceed.</summary>
    private static async Task ClaimAsync(DashboardDbContext db, PaymentMonth month, CancellationToken ct)
    {
        var claimed = Guid.NewGuid();
        var version = db.Database.IsSqlite() ? (object)month.Version.ToString().ToUpperInvariant() : month.Version;
        var next = db.Database.IsSqlite() ? (object)claimed.ToString().ToUpperInvariant() : claimed;
        var updated = await db.Database.ExecuteSqlRawAsync(
            PaymentRunSql.ClaimMonth, [next, month.Id, version], ct);
        if (updated != 1) throw new ConcurrencyConflictException();
        var entry = db.Entry(month).Property(x => x.Version);
        entry.OriginalValue = claimed;
        entry.CurrentValue = claimed;
    }

    private static async Task<int> ComputeAsync(DashboardDbContext db, PaymentRunSql sql, YearMonth m, IReadOnlyList<BenefitStandard> standards,
        IProgress<PaymentRunProgress>? progress, CancellationToken ct)
    {
        foreach (var statement in sql.DeleteMonth(m)) await ExecuteAsync(db, statement, ct);

        progress?.Report(new(PaymentRunStep.RegularPayments));
        await ExecuteAsync(db, sql.InsertRegular(m, standards, household: false), ct);
        await ExecuteAsync(db, sql.InsertRegular(m, standards, household: true), ct);

        progress?.Report(new(PaymentRunStep.Corrections));
        var recoveries = await CorrectionsAsync(db, sql, m, standards, ct);

        progress?.Report(new(PaymentRunStep.TemporaryAssistance));
        await ExecuteAsync(db, sql.InsertTemporary(m), ct);

        progress?.Report(new(PaymentRunStep.Summaries));
        await SummariesAsync(db, sql, m, ct);
        return recoveries;
    }

    /// <summary>
    /// The month's summaries and head counts under <see cref="MonthlySummaries"/>, in one read of its lines household by
    /// household: grouping a million lines in SQL took two thirds of the run. verify-summaries recomputes them with the SQL twin.
    /// </summary>
    private static async Task SummariesAsync(DashboardDbContext db, PaymentRunSql sql, YearMonth m, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var (summaries, headcounts) = MonthlySummaries.Of(Lines(db, sql.SummaryLines(m)), Lines(db, sql.LastMonthRegularLines(m)));

        await using (var insert = await CommandAsync(db, sql.InsertSummary(m), ct))
        {
            var township = Parameter(insert, "@township");
            var variant = Parameter(insert, "@variant");
            var values = MonthlySummaries.Columns.Split(", ").Select((_, i) => Parameter(insert, $"@p{i}")).ToArray();
            foreach (var row in summaries)
            {
                township.Value = row.TownshipId;
                variant.Value = row.VariantCode;
                var v = row.Values();
                for (var i = 0; i < values.Length; i++) values[i].Value = v[i];
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
        await using (var insert = await CommandAsync(db, sql.InsertHeadcount(m), ct))
        {
            var (township, group, households, persons) = (Parameter(insert, "@township"), Parameter(insert, "@group"),
                Parameter(insert, "@households"), Parameter(insert, "@persons"));
            foreach (var row in headcounts)
            {
                (township.Value, group.Value, households.Value, persons.Value) = (row.TownshipId, row.GroupCode, row.Households, row.Persons);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>A statement's rows as summary lines, read as they are enumerated (SQLite's reader is synchronous underneath).</summary>
    private static IEnumerable<SummaryLine> Lines(DashboardDbContext db, string statement)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = statement;
        command.CommandTimeout = 900;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new SummaryLine(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                (Programme)reader.GetInt32(4), (PaymentReason)reader.GetInt32(5), (PaymentLineFlags)reader.GetInt32(6), reader.GetInt32(7),
                reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetInt64(9));
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// Back pay and recovery (<see cref="Settlement"/>): every closed month a retroactive change reaches is settled per
    /// person and programme, and per revoked temporary case; each overpayment becomes a recovery case its lines point to.
    /// </summary>
    private static async Task<int> CorrectionsAsync(DashboardDbContext db, PaymentRunSql sql, YearMonth m, IReadOnlyList<BenefitStandard> standards,
        CancellationToken ct)
    {
        var j = sql.JurisdictionId;
        var from = await db.RetroactiveChanges.AsNoTracking().Where(r => r.JurisdictionId == j && r.FromMonth < m)
            .OrderBy(r => r.FromMonth).Select(r => (YearMonth?)r.FromMonth).FirstOrDefaultAsync(ct);
        if (from is null) return 0;
        // Only months the system paid are settled: a change dated before the first closed month has nothing to correct there.
        var closed = await db.PaymentMonths.AsNoTracking()
            .Where(x => x.JurisdictionId == j && x.State == PaymentMonthState.Closed && x.Month >= from.Value && x.Month < m)
            .OrderBy(x => x.Month).Select(x => x.Month).ToListAsync(ct);
        foreach (var c in closed)
        {
            await ExecuteAsync(db, sql.InsertCorrections(m, c, standards), ct);
            await ExecuteAsync(db, sql.InsertTemporaryCorrections(m, c), ct);
        }

        var found = new List<(int? PersonId, Programme Programme, int HouseholdId, string VariantCode, YearMonth From, YearMonth To, int Months, Money Amount, int? Temporary)>();
        await using (var command = await CommandAsync(db, sql.RecoveriesFound(m), ct))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                found.Add((reader.IsDBNull(0) ? null : reader.GetInt32(0), (Programme)reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3),
                    YearMonth.FromKey(reader.GetInt32(4)), YearMonth.FromKey(reader.GetInt32(5)), reader.GetInt32(6), new Money(reader.GetInt64(7)),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8)));
        if (found.Count == 0) return 0;
        var cases = found.Select(f => (f, Recovery.Found(j, f.HouseholdId, f.PersonId, f.Programme, f.VariantCode, m, f.From, f.To, f.Months, (-f.Amount).Yuan))).ToList();
        db.Recoveries.AddRange(cases.Select(c => c.Item2));
        db.AuditReason = $"月度发放 {m} 发现追缴";
        await db.SaveChangesAsync(ct);
        foreach (var (f, recovery) in cases)
            await ExecuteAsync(db, sql.LinkRecovery(m, recovery.Id, f.PersonId, f.Programme, f.HouseholdId, f.Temporary), ct);
        return cases.Count;
    }

    /// <summary>
    /// 年满18周岁: closing a month ends the children's allowances of those who are 18 on the first day of the next, with
    /// the last month they were under 18, through each household's aggregate (audited, in the run's transaction).
    /// </summary>
    private static async Task<int> EndChildAllowancesAsync(DashboardDbContext db, int j, YearMonth next, string actor, CancellationToken ct)
    {
        var adultIfBornBy = Person.AdultIfBornOnOrBefore(next);
        var limited = ProgrammeCatalogue.All.Where(v => Entitlement.HasAgeLimit(v.Programme)).Select(v => v.Code).ToList();
        var households = await db.Enrollments.Where(e => e.ToMonth == null && limited.Contains(e.VariantCode) && e.Person!.BirthDate <= adultIfBornBy
                                                         && e.Household!.JurisdictionId == j)
            .Select(e => e.HouseholdId).Distinct().ToListAsync(ct);
        var ended = 0;
        foreach (var id in households)
        {
            var household = await db.Households.Include(h => h.Members).Include(h => h.Enrollments).Include(h => h.Events)
                .SingleAsync(h => h.Id == id, ct);
            ended += household.EndChildAllowancesOfAdults(next, DateTime.UtcNow, actor).Count;
        }
        if (ended > 0)
        {
            db.AuditReason = $"年满18周岁停发儿童保障 {next}";
            await db.SaveChangesAsync(ct);
        }
        return ended;
    }

    private static async Task<PaymentTotals> TotalsAsync(DashboardDbContext db, PaymentRunSql sql, YearMonth m, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, sql.Totals(m), ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new PaymentTotals(reader.GetInt32(0), new Money(reader.GetInt64(1)).Yuan, new Money(reader.GetInt64(2)).Yuan, new Money(reader.GetInt64(3)).Yuan);
    }

    private static PaymentTotals Totals(PaymentMonth month) => new(month.LineCount, month.PaidAmount, month.BackPayAmount, month.RecoveryAmount);

    private static Task<int> ExecuteAsync(DashboardDbContext db, string sql, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(sql, ct);

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(DashboardDbContext db, string sql, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, sql, ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct)) values.Add(reader.GetString(0));
        return values;
    }

    private static async Task<long> ScalarAsync(DashboardDbContext db, string sql, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, sql, ct);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
    }

    private static async Task<DbCommand> CommandAsync(DashboardDbContext db, string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        command.CommandTimeout = 900;
        return command;
    }
}
