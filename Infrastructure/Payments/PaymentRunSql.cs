using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Infrastructure.Payments;

/// <summary>
/// Every statement the payment run sends, as text, for one jurisdiction. The rules come from the domain's SQL twins
/// (<see cref="Entitlement"/>, <see cref="Settlement"/>); this class only arranges them into INSERT … SELECT steps. The
/// text is the same on SQLite and SQL Server (a test parses every statement with SQL Server's own parser).
/// </summary>
public sealed class PaymentRunSql(int jurisdictionId)
{
    public const string LineColumns = "JurisdictionId, Month, ForMonth, HouseholdId, PersonId, EnrollmentId, VariantCode, Programme, TownshipId, " +
                                      "AmountFen, PreviousAmountFen, StandardId, Reason, Flags, PersonCount, TemporaryAssistanceId, RecoveryId";

    private readonly int _j = jurisdictionId;

    public int JurisdictionId => _j;
    private static readonly int Temporary = (int)Programme.Temporary;

    /// <summary>A preview is dropped before it is computed again; a closed month never reaches here.</summary>
    public IEnumerable<string> DeleteMonth(YearMonth m) =>
    [
        $"DELETE FROM PaymentLines WHERE JurisdictionId = {_j} AND Month = {m.Key}",
        $"DELETE FROM PaymentSummaries WHERE JurisdictionId = {_j} AND Month = {m.Key}",
        $"DELETE FROM PaymentHeadcounts WHERE JurisdictionId = {_j} AND Month = {m.Key}",
        $"DELETE FROM Recoveries WHERE JurisdictionId = {_j} AND DetectedMonth = {m.Key}",
    ];

    /// <summary>The month's regular lines, each with its reason against the person's regular line of last month.</summary>
    public string InsertRegular(YearMonth m, IReadOnlyList<BenefitStandard> standards, bool household) => $"""
        INSERT INTO PaymentLines ({LineColumns})
        SELECT {_j}, {m.Key}, {m.Key}, d.HouseholdId, d.PersonId, d.EnrollmentId, d.VariantCode, d.Programme, d.TownshipId,
               d.Fen, prev.AmountFen, d.StandardId, {Entitlement.ReasonAgainstSql("d.VariantCode", "d.Fen", "prev")}, d.Flags, 1, NULL, NULL
        FROM ({Due(m, standards, household, null)}) d
        LEFT JOIN PaymentLines prev ON prev.JurisdictionId = {_j} AND prev.ForMonth = {m.Previous.Key} AND prev.PersonId = d.PersonId
             AND prev.Programme = d.Programme AND {Entitlement.IsRegularSql("prev.Reason")}
        """;

    /// <summary>
    /// Back pay and recovery for closed month <paramref name="c"/>, written into month <paramref name="m"/>: per person and
    /// programme, what is due for <paramref name="c"/> now less everything the ledger holds for it, within the households
    /// some retroactive change reaches. Due lines lend the correction its household, variant, township and flags.
    /// </summary>
    public string InsertCorrections(YearMonth m, YearMonth c, IReadOnlyList<BenefitStandard> standards)
    {
        string Pick(string column) => $"COALESCE(MAX(CASE WHEN x.Due = 1 THEN x.{column} END), MAX(x.{column}))";
        return $"""
            INSERT INTO PaymentLines ({LineColumns})
            SELECT {_j}, {m.Key}, {c.Key}, {Pick("HouseholdId")}, x.PersonId, NULL, {Pick("VariantCode")}, x.Programme, {Pick("TownshipId")},
                   SUM(x.Fen), NULL, NULL, {Settlement.ReasonOfSql("SUM(x.Fen)")}, {Pick("Flags")}, 0, NULL, NULL
            FROM (
                SELECT a.HouseholdId, a.PersonId, a.VariantCode, a.Programme, a.TownshipId, a.Fen, a.Flags, 1 AS Due
                FROM ({Due(c, standards, false, Settlement.ReachesSql("h.Id", _j, c))}) a
                UNION ALL
                SELECT b.HouseholdId, b.PersonId, b.VariantCode, b.Programme, b.TownshipId, b.Fen, b.Flags, 1 AS Due
                FROM ({Due(c, standards, true, Settlement.ReachesSql("h.Id", _j, c))}) b
                UNION ALL
                SELECT l.HouseholdId, l.PersonId, l.VariantCode, l.Programme, l.TownshipId, -l.AmountFen AS Fen, l.Flags, 0 AS Due
                FROM PaymentLines l
                WHERE l.JurisdictionId = {_j} AND l.ForMonth = {c.Key} AND l.TemporaryAssistanceId IS NULL AND {Settlement.ReachesSql("l.HouseholdId", _j, c)}
            ) x
            GROUP BY x.PersonId, x.Programme
            HAVING SUM(x.Fen) <> 0
            """;
    }

    /// <summary>Revoked temporary assistance of closed month <paramref name="c"/>, per case: what is due now less what was paid.</summary>
    public string InsertTemporaryCorrections(YearMonth m, YearMonth c) => $"""
        INSERT INTO PaymentLines ({LineColumns})
        SELECT {_j}, {m.Key}, {c.Key}, t.HouseholdId, t.PersonId, NULL, '{ProgrammeCatalogue.Temporary}', {Temporary}, MAX(l.TownshipId),
               {Settlement.TemporaryDueSql("t")} - SUM(l.AmountFen), NULL, NULL, {Settlement.ReasonOfSql($"{Settlement.TemporaryDueSql("t")} - SUM(l.AmountFen)")},
               MAX(l.Flags), 0, t.Id, NULL
        FROM TemporaryAssistance t
        JOIN PaymentLines l ON l.JurisdictionId = {_j} AND l.ForMonth = {c.Key} AND l.TemporaryAssistanceId = t.Id
        WHERE t.JurisdictionId = {_j} AND t.Month = {c.Key} AND {Settlement.ReachesSql("t.HouseholdId", _j, c)}
        GROUP BY t.Id, t.HouseholdId, t.PersonId, t.AmountFen, t.RevokedAtUtc
        HAVING {Settlement.TemporaryDueSql("t")} - SUM(l.AmountFen) <> 0
        """;

    /// <summary>The recoveries the month's computation found, one per person and programme (or temporary case).</summary>
    public string RecoveriesFound(YearMonth m) => $"""
        SELECT PersonId, Programme, MAX(HouseholdId), MAX(VariantCode), MIN(ForMonth), MAX(ForMonth), COUNT(*), SUM(AmountFen), MAX(TemporaryAssistanceId)
        FROM PaymentLines WHERE JurisdictionId = {_j} AND Month = {m.Key} AND Reason = {(int)PaymentReason.Recovery}
        GROUP BY PersonId, Programme, HouseholdId, TemporaryAssistanceId
        """;

    /// <summary>Points the recovery lines of a person and programme (or temporary case) to their recovery case.</summary>
    public string LinkRecovery(YearMonth m, long recoveryId, int? personId, Programme programme, int householdId, int? temporaryAssistanceId) =>
        $"UPDATE PaymentLines SET RecoveryId = {recoveryId} WHERE JurisdictionId = {_j} AND Month = {m.Key} AND Reason = {(int)PaymentReason.Recovery} " +
        $"AND HouseholdId = {householdId} AND Programme = {(int)programme} " +
        (personId is null ? "AND PersonId IS NULL " : $"AND PersonId = {personId} ") +
        (temporaryAssistanceId is null ? "AND TemporaryAssistanceId IS NULL" : $"AND TemporaryAssistanceId = {temporaryAssistanceId}");

    /// <summary>The month's temporary assistance cases, one line each, booked to the household's township of that month.</summary>
    public string InsertTemporary(YearMonth m) => $"""
        INSERT INTO PaymentLines ({LineColumns})
        SELECT {_j}, {m.Key}, {m.Key}, t.HouseholdId, t.PersonId, NULL, '{ProgrammeCatalogue.Temporary}', {Temporary}, a.ParentId,
               {Settlement.TemporaryDueSql("t")}, NULL, NULL, {(int)PaymentReason.Temporary},
               CASE WHEN p.Id IS NULL THEN 0 ELSE {Entitlement.FlagsOfSql("p", m)} END, t.Persons, t.Id, NULL
        FROM TemporaryAssistance t
        JOIN Households h ON h.Id = t.HouseholdId
        JOIN Areas a ON a.Id = {Entitlement.CommunityInSql("h", m)}
        LEFT JOIN Persons p ON p.Id = t.PersonId
        WHERE t.JurisdictionId = {_j} AND t.Month = {m.Key} AND t.RevokedAtUtc IS NULL
        """;

    /// <summary>The lines <see cref="MonthlySummaries.Of"/> reads: the month's, household by household (the month's index order).</summary>
    public string SummaryLines(YearMonth m) => $"""
        SELECT HouseholdId, TownshipId, VariantCode, PersonId, Programme, Reason, Flags, PersonCount, AmountFen, PreviousAmountFen
        FROM PaymentLines WHERE JurisdictionId = {_j} AND Month = {m.Key} ORDER BY HouseholdId
        """;

    /// <summary>And last month's regular lines, the same way.</summary>
    public string LastMonthRegularLines(YearMonth m) => $"""
        SELECT HouseholdId, TownshipId, VariantCode, PersonId, Programme, Reason, Flags, PersonCount, AmountFen, PreviousAmountFen
        FROM PaymentLines WHERE JurisdictionId = {_j} AND Month = {m.Previous.Key} AND {Entitlement.IsRegularSql("Reason")} ORDER BY HouseholdId
        """;

    /// <summary>One summary row of the month, its values as parameters $p0 … in the order of <see cref="SummaryRow.Values"/>.</summary>
    public string InsertSummary(YearMonth m) => $"""
        INSERT INTO PaymentSummaries (JurisdictionId, Month, TownshipId, VariantCode, {MonthlySummaries.Columns})
        VALUES ({_j}, {m.Key}, @township, @variant, {string.Join(", ", MonthlySummaries.Columns.Split(", ").Select((_, i) => $"@p{i}"))})
        """;

    public string InsertHeadcount(YearMonth m) => $"""
        INSERT INTO PaymentHeadcounts (JurisdictionId, Month, TownshipId, GroupCode, Households, Persons)
        VALUES ({_j}, {m.Key}, @township, @group, @households, @persons)
        """;

    /// <summary>Lines, paid out, back pay and recovery of the month, in fen.</summary>
    public string Totals(YearMonth m) => $"""
        SELECT COUNT(*), COALESCE(SUM(CASE WHEN Reason <> {(int)PaymentReason.Recovery} THEN AmountFen ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN Reason = {(int)PaymentReason.BackPay} THEN AmountFen ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN Reason = {(int)PaymentReason.Recovery} THEN -AmountFen ELSE 0 END), 0)
        FROM PaymentLines WHERE JurisdictionId = {_j} AND Month = {m.Key}
        """;

    /// <summary>Every retroactive change recorded so far was part of the computation just closed: its corrections are locked in.</summary>
    public string ConsumeRetroactiveChanges() => $"DELETE FROM RetroactiveChanges WHERE JurisdictionId = {_j}";

    /// <summary>One probe per variant through the (VariantCode, FromMonth, ToMonth) index, stopping at the first enrolment found.</summary>
    public string EnrolledVariants(YearMonth month) => string.Join(" UNION ALL ", ProgrammeCatalogue.All.Select(v => $"""
        SELECT '{v.Code}' AS VariantCode WHERE EXISTS (SELECT 1 FROM Enrollments e JOIN Households h ON h.Id = e.HouseholdId
            WHERE e.VariantCode = '{v.Code}' AND {Entitlement.IsEnrolledInSql("e", month)} AND h.JurisdictionId = {_j})
        """));

    /// <summary>Persons and households due in the month per variant, under the entitlement rule, with no amounts.</summary>
    public string HeadCounts(YearMonth month) => $"""
        SELECT d.VariantCode, COUNT(*), COUNT(DISTINCT d.HouseholdId) FROM (
            {Due(month, [], false, null)}
            UNION ALL
            {Due(month, [], true, null)}) d
        GROUP BY d.VariantCode
        """;

    /// <summary>The rows of a month's stored summaries and head counts that differ from those recomputed from the ledger, both ways.</summary>
    public IEnumerable<(string What, string Sql)> SummaryDifferences(YearMonth month)
    {
        var columns = "TownshipId, VariantCode, " + MonthlySummaries.Columns;
        var fromLedger = MonthlySummaries.SummarySql(_j, month);
        var stored = $"SELECT {columns} FROM PaymentSummaries WHERE JurisdictionId = {_j} AND Month = {month.Key}";
        yield return ("PaymentSummaries",
            $"SELECT a.TownshipId, a.VariantCode FROM (SELECT {columns} FROM ({fromLedger}) f EXCEPT {stored}) a " +
            $"UNION SELECT b.TownshipId, b.VariantCode FROM ({stored} EXCEPT SELECT {columns} FROM ({fromLedger}) g) b");
        const string counts = "TownshipId, GroupCode, Households, Persons";
        var ledgerCounts = MonthlySummaries.HeadcountSql(_j, month);
        var storedCounts = $"SELECT {counts} FROM PaymentHeadcounts WHERE JurisdictionId = {_j} AND Month = {month.Key}";
        yield return ("PaymentHeadcounts",
            $"SELECT a.TownshipId, CAST(a.GroupCode AS VARCHAR(10)) FROM (SELECT {counts} FROM ({ledgerCounts}) f EXCEPT {storedCounts}) a " +
            $"UNION SELECT b.TownshipId, CAST(b.GroupCode AS VARCHAR(10)) FROM ({storedCounts} EXCEPT SELECT {counts} FROM ({ledgerCounts}) g) b");
    }

    /// <summary>
    /// The SELECT of what is due in month <paramref name="c"/> under the entitlement rule: per-person enrolments, or
    /// household (dibao) enrolments with each member who belongs to the household that month. Columns: HouseholdId,
    /// PersonId, EnrollmentId, VariantCode, Programme, TownshipId, Fen, StandardId, Flags.
    /// </summary>
    public string Due(YearMonth c, IReadOnlyList<BenefitStandard> standards, bool household, string? scope)
    {
        var (fen, standardId) = Entitlement.StandardInForceSql(standards, c, "e.VariantCode");
        var members = household ? "JOIN Persons p ON p.HouseholdId = e.HouseholdId" : "JOIN Persons p ON p.Id = e.PersonId";
        return $"""
            SELECT h.Id AS HouseholdId, p.Id AS PersonId, e.Id AS EnrollmentId, e.VariantCode, v.Programme, a.ParentId AS TownshipId,
                   {fen} AS Fen, {standardId} AS StandardId, {Entitlement.FlagsOfSql("p", c)} AS Flags
            FROM Enrollments e
            JOIN ProgrammeVariants v ON v.Code = e.VariantCode
            JOIN Households h ON h.Id = e.HouseholdId
            {members}
            JOIN Areas a ON a.Id = {Entitlement.CommunityInSql("h", c)}
            WHERE h.JurisdictionId = {_j} AND e.PersonId IS {(household ? "" : "NOT ")}NULL AND {ProgrammeCatalogue.HasMonthlyStandardSql("v.Programme")}
              AND {Entitlement.IsEnrolledInSql("e", c)} AND {Entitlement.IsMemberInSql("p", c)}
              AND {Entitlement.IsWithinAgeLimitSql("v.Programme", "p", c)}{(scope is null ? "" : " AND " + scope)}
            """;
    }

    /// <summary>Everything closed months' lines hold for one month of entitlement (verify-ledger, the model-based test).</summary>
    public string Settled(YearMonth forMonth) => $"""
            SELECT l.PersonId, l.Programme, l.AmountFen, l.TemporaryAssistanceId, l.Month, l.Reason, l.HouseholdId, l.VariantCode, l.TownshipId,
                   l.PreviousAmountFen, l.StandardId, l.Flags
            FROM PaymentLines l JOIN PaymentMonths pm ON pm.JurisdictionId = l.JurisdictionId AND pm.Month = l.Month
            WHERE l.JurisdictionId = {_j} AND l.ForMonth = {forMonth.Key} AND pm.State = {(int)PaymentMonthState.Closed}
            """;

    /// <summary>The roster as the entitlement rule sees it, in four reads: households, members, enrolments, moves.</summary>
    public string RosterHouseholds() => $"SELECT Id, CommunityId FROM Households WHERE JurisdictionId = {_j}";

    public string RosterMembers() => $"""
            SELECT p.HouseholdId, p.Id, p.BirthDate, p.Sex, CASE WHEN p.DisabilityGrade IS NULL THEN 0 ELSE 1 END, p.JoinedMonth, p.LeftMonth
            FROM Persons p JOIN Households h ON h.Id = p.HouseholdId WHERE h.JurisdictionId = {_j}
            """;

    public string RosterEnrollments() => $"""
            SELECT e.HouseholdId, e.Id, e.PersonId, e.VariantCode, e.FromMonth, e.ToMonth
            FROM Enrollments e JOIN Households h ON h.Id = e.HouseholdId WHERE h.JurisdictionId = {_j}
            """;

    public string RosterMoves() => $"""
            SELECT mv.HouseholdId, mv.FromMonth, mv.FromCommunityId
            FROM HouseholdMoves mv JOIN Households h ON h.Id = mv.HouseholdId WHERE h.JurisdictionId = {_j}
            """;

    /// <summary>Takes the month for a run: only the run that saw the current version updates it (EF numbers the parameters).</summary>
    public const string ClaimMonth = "UPDATE PaymentMonths SET Version = {0} WHERE Id = {1} AND Version = {2}";
}
