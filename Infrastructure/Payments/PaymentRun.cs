using System.Data.Common;
using System.Globalization;
using CivilAffairs.Domain.Common;
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
/// enrolments cannot go through tracked entities in the time a bureau waits, so each step is one INSERT … SELECT that
/// applies <see cref="Entitlement"/>'s rule; the tests hold the two equal. Only integers and codes from the catalogue
/// are written into the SQL text, never user input.
/// </summary>
public sealed class PaymentRun(IDbContextFactory<DashboardDbContext> contexts, IClock clock) : IPaymentRun
{
    private const string LineColumns = "JurisdictionId, Month, ForMonth, HouseholdId, PersonId, EnrollmentId, VariantCode, Programme, TownshipId, " +
                                       "AmountFen, PreviousAmountFen, StandardId, Reason, Flags, PersonCount, TemporaryAssistanceId, RecoveryId";

    public async Task<PaymentRunResult> RunAsync(PaymentRunOrder order, IProgress<PaymentRunProgress>? progress, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditActor = order.Actor;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        await using var cache = await LargeCacheAsync(db, ct);
        // On SQLite this is BEGIN IMMEDIATE: a second run waits here and then finds the version moved.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        progress?.Report(new(PaymentRunStep.Preparing));

        var (j, m) = (order.JurisdictionId, order.Month);
        var month = await db.PaymentMonths.SingleOrDefaultAsync(x => x.JurisdictionId == j && x.Month == m, ct);
        if (month is null)
        {
            if (order.ExpectedVersion is not null) throw new ConcurrencyConflictException();
            month = new PaymentMonth(j, m);
            db.PaymentMonths.Add(month);
            db.AuditReason = $"月度发放 {m}";
            await db.SaveChangesAsync(ct);
        }
        else
        {
            if (order.ExpectedVersion is { } expected && expected != month.Version) throw new ConcurrencyConflictException();
            if (month.IsClosed)
                return new PaymentRunResult(m, month.State, Totals(month), false, 0);
            await ClaimAsync(db, month, ct);
        }

        var inputs = await ScalarAsync(db, ChangeCounterSql.InputsSql, ct);
        var stale = month.State != PaymentMonthState.Computed || month.ComputedAtChange != inputs;
        var recoveries = 0;
        PaymentTotals totals;
        if (!order.Close || stale)
        {
            recoveries = await ComputeAsync(db, j, m, progress, ct);
            totals = await TotalsAsync(db, j, m, ct);
            month.Computed(totals, inputs, clock.Now.UtcDateTime, order.Actor);
        }
        else totals = Totals(month);

        if (order.Close)
        {
            progress?.Report(new(PaymentRunStep.Locking));
            month.Close(clock.Now.UtcDateTime, order.Actor);
            // Every retroactive change recorded so far was part of this computation: its corrections are now locked in.
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM RetroactiveChanges WHERE JurisdictionId = {j}", ct);
        }
        db.AuditReason = order.Close
            ? $"月度发放关账 {m}：{totals.Lines:N0} 条，发放 {totals.Paid:N2} 元（补发 {totals.BackPay:N2} 元），追缴 {totals.Recovery:N2} 元"
            : $"月度发放计算 {m}：{totals.Lines:N0} 条，发放 {totals.Paid:N2} 元（补发 {totals.BackPay:N2} 元），追缴 {totals.Recovery:N2} 元";
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        progress?.Report(new(PaymentRunStep.Done));
        return new PaymentRunResult(m, month.State, totals, !order.Close || stale, recoveries);
    }

    public async Task<IReadOnlyList<string>> EnrolledVariantsAsync(int jurisdictionId, YearMonth month, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One probe per variant through the (VariantCode, FromMonth, ToMonth) index, stopping at the first enrolment found.
        var probes = ProgrammeCatalogue.All.Select(v => $"""
            SELECT '{v.Code}' WHERE EXISTS (SELECT 1 FROM Enrollments e JOIN Households h ON h.Id = e.HouseholdId
                WHERE e.VariantCode = '{v.Code}' AND e.FromMonth <= {month.Key} AND (e.ToMonth IS NULL OR e.ToMonth >= {month.Key})
                  AND h.JurisdictionId = {jurisdictionId})
            """);
        await using var command = await CommandAsync(db, string.Join(" UNION ALL ", probes), ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var codes = new List<string>();
        while (await reader.ReadAsync(ct)) codes.Add(reader.GetString(0));
        return codes;
    }

    public async Task<IReadOnlyList<VariantHeadCount>> HeadCountsAsync(int jurisdictionId, YearMonth month, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var none = new Rate("0", "NULL");
        await using var command = await CommandAsync(db, $"""
            SELECT VariantCode, COUNT(*), COUNT(DISTINCT HouseholdId) FROM (
                {Due(jurisdictionId, month, none, false, null)}
                UNION ALL
                {Due(jurisdictionId, month, none, true, null)}) d
            GROUP BY VariantCode
            """, ct);
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
        var problems = new List<string>();
        var columns = "TownshipId, VariantCode, " + SummaryColumns;
        foreach (var month in months)
        {
            var fromLedger = SummarySelect(jurisdictionId, month);
            var stored = $"SELECT {columns} FROM PaymentSummaries WHERE JurisdictionId = {jurisdictionId} AND Month = {month.Key}";
            var sql = $"SELECT TownshipId, VariantCode FROM (SELECT {columns} FROM ({fromLedger}) f EXCEPT {stored}) a " +
                      $"UNION SELECT TownshipId, VariantCode FROM ({stored} EXCEPT SELECT {columns} FROM ({fromLedger}) g) b";
            await using var command = await CommandAsync(db, sql, ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                problems.Add(Messages.Format("SummaryMismatch", month, reader.GetInt32(0), reader.GetString(1)));
        }
        return problems;
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
            "UPDATE PaymentMonths SET Version = {0} WHERE Id = {1} AND Version = {2}", [next, month.Id, version], ct);
        if (updated != 1) throw new ConcurrencyConflictException();
        var entry = db.Entry(month).Property(x => x.Version);
        entry.OriginalValue = claimed;
        entry.CurrentValue = claimed;
    }

    private async Task<int> ComputeAsync(DashboardDbContext db, int j, YearMonth m, IProgress<PaymentRunProgress>? progress, CancellationToken ct)
    {
        var standards = await db.BenefitStandards.AsNoTracking().Where(s => s.JurisdictionId == j).ToListAsync(ct);
        await ExecuteAsync(db, $"DELETE FROM PaymentLines WHERE JurisdictionId = {j} AND Month = {m.Key}", ct);
        await ExecuteAsync(db, $"DELETE FROM PaymentSummaries WHERE JurisdictionId = {j} AND Month = {m.Key}", ct);
        await ExecuteAsync(db, $"DELETE FROM Recoveries WHERE JurisdictionId = {j} AND DetectedMonth = {m.Key}", ct);

        progress?.Report(new(PaymentRunStep.RegularPayments));
        var rate = Rates(standards, m);
        var previous = m.Previous.Key;
        foreach (var household in new[] { false, true })
        {
            var due = Due(j, m, rate, household, scoped: null);
            await ExecuteAsync(db, $"""
                INSERT INTO PaymentLines ({LineColumns})
                SELECT {j}, {m.Key}, {m.Key}, d.HouseholdId, d.PersonId, d.EnrollmentId, d.VariantCode, d.Programme, d.TownshipId,
                       d.Fen, prev.AmountFen, d.StandardId,
                       CASE WHEN prev.Id IS NULL THEN {(int)PaymentReason.New}
                            WHEN prev.VariantCode <> d.VariantCode THEN {(int)PaymentReason.TierChange}
                            WHEN prev.AmountFen <> d.Fen THEN {(int)PaymentReason.StandardChange}
                            ELSE {(int)PaymentReason.Continuing} END,
                       d.Flags, 1, NULL, NULL
                FROM ({due}) d
                LEFT JOIN PaymentLines prev ON prev.JurisdictionId = {j} AND prev.ForMonth = {previous} AND prev.PersonId = d.PersonId
                     AND prev.Programme = d.Programme AND prev.Reason <= {(int)PaymentReason.StandardChange}
                """, ct);
        }

        progress?.Report(new(PaymentRunStep.Corrections));
        var recoveries = await CorrectionsAsync(db, j, m, standards, ct);

        progress?.Report(new(PaymentRunStep.TemporaryAssistance));
        await ExecuteAsync(db, $"""
            INSERT INTO PaymentLines ({LineColumns})
            SELECT {j}, {m.Key}, {m.Key}, t.HouseholdId, t.PersonId, NULL, '{ProgrammeCatalogue.Temporary}', {(int)Programme.Temporary}, a.ParentId,
                   t.AmountFen, NULL, NULL, {(int)PaymentReason.Temporary}, CASE WHEN p.Id IS NULL THEN 0 ELSE {Flags("p", m)} END,
                   t.Persons, t.Id, NULL
            FROM TemporaryAssistance t
            JOIN Households h ON h.Id = t.HouseholdId
            JOIN Areas a ON a.Id = h.CommunityId
            LEFT JOIN Persons p ON p.Id = t.PersonId
            WHERE t.JurisdictionId = {j} AND t.Month = {m.Key}
            """, ct);

        progress?.Report(new(PaymentRunStep.Summaries));
        await ExecuteAsync(db, $"""
            INSERT INTO PaymentSummaries (JurisdictionId, Month, TownshipId, VariantCode, {SummaryColumns})
            SELECT {j}, {m.Key}, TownshipId, VariantCode, {SummaryColumns} FROM ({SummarySelect(j, m)}) s
            """, ct);
        return recoveries;
    }

    /// <summary>
    /// Back pay and recovery: for each closed month a retroactive change reaches, what is due now (under today's roster
    /// and standards) less everything already settled for that month, per person and programme, within the changes' scope.
    /// </summary>
    private async Task<int> CorrectionsAsync(DashboardDbContext db, int j, YearMonth m, List<BenefitStandard> standards, CancellationToken ct)
    {
        var from = await db.RetroactiveChanges.AsNoTracking().Where(r => r.JurisdictionId == j && r.FromMonth < m)
            .OrderBy(r => r.FromMonth).Select(r => (YearMonth?)r.FromMonth).FirstOrDefaultAsync(ct);
        if (from is null) return 0;

        for (var c = from.Value; c < m; c = c.Next)
        {
            var rate = Rates(standards, c);
            var scope = $"EXISTS (SELECT 1 FROM RetroactiveChanges r WHERE r.JurisdictionId = {j} AND r.FromMonth <= {c.Key} " +
                        "AND (r.HouseholdId = {0} OR r.VariantCode = {1}))";
            var settled = $"""
                SELECT l.HouseholdId, l.PersonId, l.VariantCode, l.Programme, l.TownshipId, -l.AmountFen AS Fen, l.Flags, 0 AS Due
                FROM PaymentLines l
                WHERE l.JurisdictionId = {j} AND l.ForMonth = {c.Key} AND l.Programme <> {(int)Programme.Temporary}
                  AND {string.Format(CultureInfo.InvariantCulture, scope, "l.HouseholdId", "l.VariantCode")}
                """;
            string Pick(string column) => $"COALESCE(MAX(CASE WHEN x.Due = 1 THEN x.{column} END), MAX(x.{column}))";
            await ExecuteAsync(db, $"""
                INSERT INTO PaymentLines ({LineColumns})
                SELECT {j}, {m.Key}, {c.Key}, {Pick("HouseholdId")}, x.PersonId, NULL, {Pick("VariantCode")}, x.Programme, {Pick("TownshipId")},
                       SUM(x.Fen), NULL, NULL,
                       CASE WHEN SUM(x.Fen) > 0 THEN {(int)PaymentReason.BackPay} ELSE {(int)PaymentReason.Recovery} END,
                       {Pick("Flags")}, 0, NULL, NULL
                FROM (
                    SELECT HouseholdId, PersonId, VariantCode, Programme, TownshipId, Fen, Flags, 1 AS Due FROM ({Due(j, c, rate, false, scope)}) a
                    UNION ALL
                    SELECT HouseholdId, PersonId, VariantCode, Programme, TownshipId, Fen, Flags, 1 AS Due FROM ({Due(j, c, rate, true, scope)}) b
                    UNION ALL
                    {settled}
                ) x
                GROUP BY x.PersonId, x.Programme
                HAVING SUM(x.Fen) <> 0
                """, ct);
        }

        // One recovery case per person and programme, with the months it covers; its lines point to it.
        var found = new List<(int? PersonId, Programme Programme, int HouseholdId, string VariantCode, YearMonth From, YearMonth To, int Months, decimal Amount)>();
        await using (var command = await CommandAsync(db, $"""
            SELECT PersonId, Programme, MAX(HouseholdId), MAX(VariantCode), MIN(ForMonth), MAX(ForMonth), COUNT(*), SUM(AmountFen)
            FROM PaymentLines WHERE JurisdictionId = {j} AND Month = {m.Key} AND Reason = {(int)PaymentReason.Recovery}
            GROUP BY PersonId, Programme
            """, ct))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                found.Add((reader.IsDBNull(0) ? null : reader.GetInt32(0), (Programme)reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3),
                    YearMonth.FromKey(reader.GetInt32(4)), YearMonth.FromKey(reader.GetInt32(5)), reader.GetInt32(6), reader.GetInt64(7) / 100m));
        if (found.Count == 0) return 0;
        var cases = found.Select(f => (f, Recovery.Found(j, f.HouseholdId, f.PersonId, f.Programme, f.VariantCode, m, f.From, f.To, f.Months, -f.Amount))).ToList();
        db.Recoveries.AddRange(cases.Select(c => c.Item2));
        db.AuditReason = $"月度发放 {m} 发现追缴";
        await db.SaveChangesAsync(ct);
        foreach (var (f, recovery) in cases)
            await ExecuteAsync(db, $"UPDATE PaymentLines SET RecoveryId = {recovery.Id} WHERE JurisdictionId = {j} AND Month = {m.Key} " +
                                   $"AND Reason = {(int)PaymentReason.Recovery} AND PersonId = {f.PersonId} AND Programme = {(int)f.Programme}", ct);
        return cases.Count;
    }

    /// <summary>
    /// The SELECT of what is due in month <paramref name="c"/>: per-person enrolments, or household (dibao) enrolments
    /// with each member who belongs to the household that month. Columns: HouseholdId, PersonId, EnrollmentId,
    /// VariantCode, Programme, TownshipId, Fen, StandardId, Flags.
    /// </summary>
    private static string Due(int j, YearMonth c, Rate rate, bool household, string? scoped)
    {
        var members = household
            ? $"JOIN Persons p ON p.HouseholdId = e.HouseholdId AND p.JoinedMonth <= {c.Key} AND (p.LeftMonth IS NULL OR p.LeftMonth >= {c.Key})"
            : "JOIN Persons p ON p.Id = e.PersonId";
        var scope = scoped is null ? "" : "AND " + string.Format(CultureInfo.InvariantCulture, scoped, "h.Id", "e.VariantCode");
        return $"""
            SELECT h.Id AS HouseholdId, p.Id AS PersonId, e.Id AS EnrollmentId, e.VariantCode, v.Programme, a.ParentId AS TownshipId,
                   {rate.Fen} AS Fen, {rate.StandardId} AS StandardId, {Flags("p", c)} AS Flags
            FROM Enrollments e
            JOIN ProgrammeVariants v ON v.Code = e.VariantCode
            JOIN Households h ON h.Id = e.HouseholdId
            JOIN Areas a ON a.Id = h.CommunityId
            {members}
            WHERE h.JurisdictionId = {j} AND e.PersonId IS {(household ? "" : "NOT ")}NULL AND v.Programme <> {(int)Programme.Temporary}
              AND e.FromMonth <= {c.Key} AND (e.ToMonth IS NULL OR e.ToMonth >= {c.Key}) {scope}
            """;
    }

    private static string Flags(string p, YearMonth month) =>
        $"(CASE WHEN {p}.Sex = {(int)Sex.Female} THEN {(int)PaymentLineFlags.Female} ELSE 0 END" +
        $" + CASE WHEN {p}.BirthDate <= '{Person.ElderlyIfBornOnOrBefore(month):yyyy-MM-dd}' THEN {(int)PaymentLineFlags.Elderly} ELSE 0 END" +
        $" + CASE WHEN {p}.BirthDate > '{Person.AdultIfBornOnOrBefore(month):yyyy-MM-dd}' THEN {(int)PaymentLineFlags.Minor} ELSE 0 END" +
        $" + CASE WHEN {p}.DisabilityGrade IS NOT NULL THEN {(int)PaymentLineFlags.Disabled} ELSE 0 END)";

    private const string SummaryColumns = "Households, Persons, Female, Elderly, Minors, Disabled, Cases, AmountFen, BackPayFen, RecoveryFen, " +
                                          "NewHouseholds, NewPersons, StoppedHouseholds, StoppedPersons, NewAmountFen, StoppedAmountFen, " +
                                          "TierChangeDeltaFen, StandardChangeDeltaFen";

    /// <summary>
    /// The month's summary rows computed from the ledger alone: per household first (to count households and tell a new
    /// or a stopped household from a member joining or leaving), then per township and variant.
    /// </summary>
    private static string SummarySelect(int j, YearMonth m)
    {
        const int regular = (int)PaymentReason.StandardChange;
        string Bit(PaymentLineFlags flag) => $"SUM(CASE WHEN l.Reason <= {regular} AND (l.Flags & {(int)flag}) <> 0 THEN 1 ELSE 0 END)";
        string When(string condition, string value) => $"SUM(CASE WHEN {condition} THEN {value} ELSE 0 END)";
        return $"""
            SELECT TownshipId, VariantCode, SUM(Households) AS Households, SUM(Persons) AS Persons, SUM(Female) AS Female,
                   SUM(Elderly) AS Elderly, SUM(Minors) AS Minors, SUM(Disabled) AS Disabled, SUM(Cases) AS Cases,
                   SUM(AmountFen) AS AmountFen, SUM(BackPayFen) AS BackPayFen, SUM(RecoveryFen) AS RecoveryFen,
                   SUM(NewHouseholds) AS NewHouseholds, SUM(NewPersons) AS NewPersons, SUM(StoppedHouseholds) AS StoppedHouseholds,
                   SUM(StoppedPersons) AS StoppedPersons, SUM(NewAmountFen) AS NewAmountFen, SUM(StoppedAmountFen) AS StoppedAmountFen,
                   SUM(TierChangeDeltaFen) AS TierChangeDeltaFen, SUM(StandardChangeDeltaFen) AS StandardChangeDeltaFen
            FROM (
                SELECT l.TownshipId, l.VariantCode, l.HouseholdId,
                       MAX(CASE WHEN l.Reason <= {regular} OR l.Reason = {(int)PaymentReason.Temporary} THEN 1 ELSE 0 END) AS Households,
                       {When($"l.Reason <= {regular} OR l.Reason = {(int)PaymentReason.Temporary}", "l.PersonCount")} AS Persons,
                       {Bit(PaymentLineFlags.Female)} AS Female, {Bit(PaymentLineFlags.Elderly)} AS Elderly,
                       {Bit(PaymentLineFlags.Minor)} AS Minors, {Bit(PaymentLineFlags.Disabled)} AS Disabled,
                       {When($"l.Reason = {(int)PaymentReason.Temporary}", "1")} AS Cases,
                       {When($"l.Reason <> {(int)PaymentReason.Recovery}", "l.AmountFen")} AS AmountFen,
                       {When($"l.Reason = {(int)PaymentReason.BackPay}", "l.AmountFen")} AS BackPayFen,
                       {When($"l.Reason = {(int)PaymentReason.Recovery}", "-l.AmountFen")} AS RecoveryFen,
                       CASE WHEN MIN(CASE WHEN l.Reason <= {regular} THEN l.Reason END) = {(int)PaymentReason.New}
                             AND MAX(CASE WHEN l.Reason <= {regular} THEN l.Reason END) = {(int)PaymentReason.New} THEN 1 ELSE 0 END AS NewHouseholds,
                       {When($"l.Reason = {(int)PaymentReason.New}", "1")} AS NewPersons,
                       0 AS StoppedHouseholds, 0 AS StoppedPersons,
                       {When($"l.Reason = {(int)PaymentReason.New}", "l.AmountFen")} AS NewAmountFen,
                       0 AS StoppedAmountFen,
                       {When($"l.Reason = {(int)PaymentReason.TierChange}", "l.AmountFen - l.PreviousAmountFen")} AS TierChangeDeltaFen,
                       {When($"l.Reason = {(int)PaymentReason.StandardChange}", "l.AmountFen - l.PreviousAmountFen")} AS StandardChangeDeltaFen
                FROM PaymentLines l
                WHERE l.JurisdictionId = {j} AND l.Month = {m.Key}
                GROUP BY l.TownshipId, l.VariantCode, l.HouseholdId
                UNION ALL
                SELECT s.TownshipId, s.VariantCode, s.HouseholdId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                       CASE WHEN COUNT(*) = (SELECT COUNT(*) FROM PaymentLines q WHERE q.JurisdictionId = {j} AND q.Month = {m.Previous.Key} AND q.HouseholdId = s.HouseholdId
                            AND q.Programme = s.Programme AND q.Reason <= {regular}) THEN 1 ELSE 0 END,
                       COUNT(*), 0, SUM(s.AmountFen), 0, 0
                FROM PaymentLines s
                WHERE s.JurisdictionId = {j} AND s.ForMonth = {m.Previous.Key} AND s.Reason <= {regular}
                  AND NOT EXISTS (SELECT 1 FROM PaymentLines c WHERE c.JurisdictionId = {j} AND c.ForMonth = {m.Key} AND c.PersonId = s.PersonId
                                  AND c.Programme = s.Programme AND c.Reason <= {regular})
                GROUP BY s.TownshipId, s.VariantCode, s.HouseholdId, s.Programme
            ) h
            GROUP BY TownshipId, VariantCode
            """;
    }

    private static async Task<PaymentTotals> TotalsAsync(DashboardDbContext db, int j, YearMonth m, CancellationToken ct)
    {
        await using var command = await CommandAsync(db, $"""
            SELECT COUNT(*), COALESCE(SUM(CASE WHEN Reason <> {(int)PaymentReason.Recovery} THEN AmountFen ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN Reason = {(int)PaymentReason.BackPay} THEN AmountFen ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN Reason = {(int)PaymentReason.Recovery} THEN -AmountFen ELSE 0 END), 0)
            FROM PaymentLines WHERE JurisdictionId = {j} AND Month = {m.Key}
            """, ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new PaymentTotals(reader.GetInt32(0), reader.GetInt64(1) / 100m, reader.GetInt64(2) / 100m, reader.GetInt64(3) / 100m);
    }

    private static PaymentTotals Totals(PaymentMonth month) => new(month.LineCount, month.PaidAmount, month.BackPayAmount, month.RecoveryAmount);

    /// <summary>The standards in force in a month as SQL CASE expressions over e.VariantCode: amount in fen and version id.</summary>
    private sealed record Rate(string Fen, string StandardId);

    private static Rate Rates(IEnumerable<BenefitStandard> standards, YearMonth month)
    {
        var inForce = standards.Where(s => s.IsInForceIn(month)).ToList();
        if (inForce.Count == 0) return new("NULL", "NULL");
        string Case(Func<BenefitStandard, string> value) =>
            "CASE e.VariantCode " + string.Concat(inForce.Select(s => $"WHEN '{s.VariantCode}' THEN {value(s)} ")) + "END";
        return new(Case(s => ((long)(s.MonthlyAmount * 100m)).ToString(CultureInfo.InvariantCulture)),
            Case(s => s.Id.ToString(CultureInfo.InvariantCulture)));
    }

    private static Task<int> ExecuteAsync(DashboardDbContext db, string sql, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(sql, ct);

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
