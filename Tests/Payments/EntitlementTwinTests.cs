using System.Globalization;
using CsCheck;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Standards;
using CivilAffairs.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CivilAffairs.Tests.Payments;

/// <summary>
/// Each SQL twin of the payment rules (<c>Entitlement.Sql.cs</c>, <c>Settlement.Sql.cs</c>, <c>ProgrammeCatalogue.Sql.cs</c>)
/// evaluated by SQLite on a migrated database against its C# twin, over generated values: the two say the same for
/// every month, date and code, at every boundary the generators lean towards.
/// </summary>
public sealed class EntitlementTwinTests : IAsyncLifetime
{
    private const int Iterations = 400;
    private TestDatabase _db = default!;
    private SqliteConnection _connection = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _connection = new SqliteConnection(_db.ConnectionString);
        await _connection.OpenAsync();
        // Temporary tables shadow the real ones of the same name, so a twin reads exactly the rows a sample gives it.
        Execute("""
            CREATE TEMP TABLE HouseholdMoves (HouseholdId INTEGER, FromMonth INTEGER, FromCommunityId INTEGER);
            CREATE TEMP TABLE RetroactiveChanges (JurisdictionId INTEGER, FromMonth INTEGER, HouseholdId INTEGER, VariantCode TEXT);
            CREATE TEMP TABLE PaymentLines (JurisdictionId INTEGER, ForMonth INTEGER, HouseholdId INTEGER, VariantCode TEXT);
            CREATE TEMP TABLE Enrollments (HouseholdId INTEGER, VariantCode TEXT, FromMonth INTEGER, ToMonth INTEGER);
            """);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _db.DisposeAsync();
    }

    // Months over six years; the month-relative generators below lean on every cut-off.
    private static readonly Gen<YearMonth> Month = Gen.Int[0, 71].Select(i => new YearMonth(2020, 1).AddMonths(i));
    private static readonly Gen<YearMonth?> MaybeMonth = Gen.Frequency((1, Gen.Const(default(YearMonth?))), (3, Month.Select(m => (YearMonth?)m)));
    /// <summary>A month and a birth date at or beside one of its cut-offs: 18 and 60 on the first day, born in its last days, or any age.</summary>
    private static readonly Gen<(YearMonth Month, DateOnly Birth)> MonthAndBirth = Gen.Select(Month, Gen.Int[0, 3], Gen.Int[-1, 1], Gen.Int[0, 30_000],
        (month, kind, edge, days) => (month, kind switch
        {
            0 => month.FirstDay.AddYears(-Person.AdultAge).AddDays(edge),
            1 => month.FirstDay.AddYears(-Person.ElderlyAge).AddDays(edge),
            2 => month.LastDay.AddDays(edge),
            _ => month.FirstDay.AddDays(-days),
        }));
    private static readonly Gen<string> Variant = Gen.Int[0, ProgrammeCatalogue.All.Count - 1].Select(i => ProgrammeCatalogue.All[i].Code);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command.ExecuteScalar();
    }

    private bool Holds(string condition, string from, params (string, object?)[] parameters) =>
        Convert.ToInt32(Scalar($"SELECT CASE WHEN {condition} THEN 1 ELSE 0 END FROM {from}", parameters), CultureInfo.InvariantCulture) == 1;

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Over every number the column can hold, not only today's programmes: a programme added later pays monthly unless it says otherwise.</summary>
    [Fact]
    public void HasMonthlyStandard_agrees() =>
        Gen.Int[0, 20].Sample(number =>
            Assert.Equal(number is >= 1 and <= 7 ? ProgrammeCatalogue.All.First(v => (int)v.Programme == number).HasMonthlyStandard
                    : (Programme)number != Programme.Temporary,
                Holds(ProgrammeCatalogue.HasMonthlyStandardSql("v.Programme"), "(SELECT $p AS Programme) v", ("$p", number))),
            iter: Iterations, threads: 1);

    [Fact]
    public void IsEnrolledIn_agrees() =>
        Gen.Select(Month, MaybeMonth, Month).Sample((from, to, month) =>
            Assert.Equal(Entitlement.IsEnrolledIn(from, to, month),
                Holds(Entitlement.IsEnrolledInSql("e", month), "(SELECT $from AS FromMonth, $to AS ToMonth) e", ("$from", from.Key), ("$to", to?.Key))),
            iter: Iterations, threads: 1);

    [Fact]
    public void IsMemberIn_agrees() =>
        Gen.Select(Month, MaybeMonth, MonthAndBirth).Sample((joined, last, monthAndBirth) =>
            Assert.Equal(Entitlement.IsMemberIn(joined, last, monthAndBirth.Birth, monthAndBirth.Month),
                Holds(Entitlement.IsMemberInSql("p", monthAndBirth.Month), "(SELECT $joined AS JoinedMonth, $left AS LeftMonth, $birth AS BirthDate) p",
                    ("$joined", joined.Key), ("$left", last?.Key), ("$birth", Text(monthAndBirth.Birth)))),
            iter: Iterations, threads: 1);

    [Fact]
    public void IsWithinAgeLimit_agrees() =>
        Gen.Select(Gen.Enum<Programme>(), MonthAndBirth).Sample((programme, x) =>
            Assert.Equal(Entitlement.IsWithinAgeLimit(programme, x.Birth, x.Month),
                Holds(Entitlement.IsWithinAgeLimitSql("x.Programme", "x", x.Month), "(SELECT $programme AS Programme, $birth AS BirthDate) x",
                    ("$programme", (int)programme), ("$birth", Text(x.Birth)))),
            iter: Iterations, threads: 1);

    [Fact]
    public void FlagsOf_agrees() =>
        Gen.Select(Gen.Enum<Sex>(), MonthAndBirth, Gen.Bool).Sample((sex, x, disabled) =>
            Assert.Equal((int)Entitlement.FlagsOf(sex, x.Birth, disabled, x.Month),
                Convert.ToInt32(Scalar($"SELECT {Entitlement.FlagsOfSql("p", x.Month)} FROM (SELECT $sex AS Sex, $birth AS BirthDate, $grade AS DisabilityGrade) p",
                    ("$sex", (int)sex), ("$birth", Text(x.Birth)), ("$grade", disabled ? (int)DisabilityGrade.Two : null)), CultureInfo.InvariantCulture)),
            iter: Iterations, threads: 1);

    [Fact]
    public void CommunityIn_agrees()
    {
        var moves = Gen.Select(Gen.Int[0, 71], Gen.Int[1, 9]).Array[0, 4]
            .Select(ms => ms.DistinctBy(m => m.Item1).Select(m => (new YearMonth(2020, 1).AddMonths(m.Item1), m.Item2)).ToArray());
        Gen.Select(moves, Gen.Int[1, 9], Month).Sample((history, current, month) =>
        {
            Execute("DELETE FROM temp.HouseholdMoves");
            foreach (var (from, community) in history)
                Execute($"INSERT INTO temp.HouseholdMoves VALUES (7, {from.Key}, {community})");
            var sql = Convert.ToInt32(Scalar($"SELECT {Entitlement.CommunityInSql("h", month)} FROM (SELECT 7 AS Id, $current AS CommunityId) h",
                ("$current", current)), CultureInfo.InvariantCulture);
            Assert.Equal(Entitlement.CommunityIn(current, history, month), sql);
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void ReasonAgainst_agrees()
    {
        var last = Gen.Frequency((1, Gen.Const(default((string, long)?))), (4, Gen.Select(Variant, Gen.Long[37_000, 38_002]).Select(x => ((string, long)?)x)));
        Gen.Select(Variant, Gen.Long[37_000, 38_002], last).Sample((variant, fen, previous) =>
        {
            var expected = Entitlement.ReasonAgainst(variant, new Money(fen), previous?.Item1, previous is { } p ? new Money(p.Item2) : null);
            var sql = Scalar($"SELECT {Entitlement.ReasonAgainstSql("d.VariantCode", "d.Fen", "prev")} FROM (SELECT $variant AS VariantCode, $fen AS Fen) d " +
                             "LEFT JOIN (SELECT $id AS Id, $lastVariant AS VariantCode, $lastFen AS AmountFen) prev ON prev.Id IS NOT NULL",
                ("$variant", variant), ("$fen", fen), ("$id", previous is null ? null : 1), ("$lastVariant", previous?.Item1), ("$lastFen", previous?.Item2));
            Assert.Equal((int)expected, Convert.ToInt32(sql, CultureInfo.InvariantCulture));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void IsRegular_and_ReasonOf_agree()
    {
        Gen.Enum<PaymentReason>().Sample(reason =>
            Assert.Equal(Entitlement.IsRegular(reason), Holds(Entitlement.IsRegularSql("x.Reason"), "(SELECT $r AS Reason) x", ("$r", (int)reason))),
            iter: 100, threads: 1);
        Gen.Long[-3, 3].Sample(fen =>
        {
            if (fen == 0) return; // a zero difference writes no line (HAVING SUM <> 0)
            Assert.Equal((int)Settlement.ReasonOf(new Money(fen)), Convert.ToInt32(Scalar($"SELECT {Settlement.ReasonOfSql("$d")}", ("$d", fen)), CultureInfo.InvariantCulture));
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void TemporaryDue_and_GroupOf_agree()
    {
        Gen.Select(Gen.Long[1, 5_000_000], Gen.Bool).Sample((fen, revoked) =>
        {
            var assistance = TemporaryAssistance.Record(1, 1, null, 1, new YearMonth(2023, 1), new Money(fen).Yuan, "r", "a", "b", null, DateTime.UtcNow, "t");
            if (revoked) assistance.Revoke("r", DateTime.UtcNow, "t");
            var sql = Scalar($"SELECT {Settlement.TemporaryDueSql("t")} FROM (SELECT $fen AS AmountFen, $revoked AS RevokedAtUtc) t",
                ("$fen", fen), ("$revoked", revoked ? "2023-05-01" : null));
            Assert.Equal(Settlement.TemporaryDue(assistance).Fen, Convert.ToInt64(sql, CultureInfo.InvariantCulture));
        }, iter: 200, threads: 1);
        foreach (var programme in Enum.GetValues<Programme>())
            Assert.Equal((int)ProgrammeCatalogue.GroupOf(programme),
                Convert.ToInt32(Scalar($"SELECT {ProgrammeCatalogue.GroupOfSql("$p")}", ("$p", (int)programme)), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Reaches_agrees()
    {
        var change = Gen.Select(Month, Gen.Bool, Gen.Int[1, 3], Variant);
        var variants = Variant.Array[0, 3];
        Gen.Select(change.Array[0, 4], variants, variants, Month).Sample((changes, lineVariants, enrolledVariants, month) =>
        {
            foreach (var table in new[] { "RetroactiveChanges", "PaymentLines", "Enrollments" }) Execute($"DELETE FROM temp.{table}");
            var records = changes.Select(c => c.Item2
                ? RetroactiveChange.ForHousehold(1, c.Item3, c.Item1, c.Item1, DateTime.UtcNow)!
                : RetroactiveChange.ForStandard(1, c.Item4, c.Item1, c.Item1, DateTime.UtcNow)!).ToList();
            foreach (var r in records)
                Execute($"INSERT INTO temp.RetroactiveChanges VALUES (1, {r.FromMonth.Key}, {r.HouseholdId?.ToString() ?? "NULL"}, {(r.VariantCode is null ? "NULL" : $"'{r.VariantCode}'")})");
            foreach (var v in lineVariants) Execute($"INSERT INTO temp.PaymentLines VALUES (1, {month.Key}, 1, '{v}')");
            foreach (var v in enrolledVariants) Execute($"INSERT INTO temp.Enrollments VALUES (1, '{v}', {month.Key}, NULL)");
            var expected = records.Any(r => Settlement.Reaches(r, month, 1, lineVariants.Concat(enrolledVariants)));
            Assert.Equal(expected, Holds(Settlement.ReachesSql("x.Id", 1, month), "(SELECT 1 AS Id) x"));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void StandardInForce_agrees()
    {
        var id = typeof(BenefitStandard).GetProperty(nameof(BenefitStandard.Id))!;
        var versions = Gen.Select(Gen.Int[0, 40], Gen.Int[1, 99_999]).Array[1, 5];
        Gen.Select(versions, Gen.Int[0, 2], Month).Sample((steps, corrections, month) =>
        {
            var schedule = new StandardSchedule(1, ProgrammeCatalogue.Find(ProgrammeCatalogue.RuralDibaoA)!, []);
            var next = 1;
            var from = new YearMonth(2020, 1);
            foreach (var (gap, fen) in steps)
            {
                from = from.AddMonths(gap + 1);
                if (new Money(fen).Yuan == schedule.Current?.MonthlyAmount) continue;
                id.SetValue(schedule.Adjust(new Money(fen).Yuan, from, "doc", "r", DateTime.UtcNow, "t"), next++);
            }
            for (var c = 0; c < corrections && schedule.Current is { } current; c++)
                id.SetValue(schedule.Correct(current.Id, current.MonthlyAmount + 1m, "doc", "r", DateTime.UtcNow, "t"), next++);
            var (fenSql, standardSql) = Entitlement.StandardInForceSql(schedule.Versions, month, "x.VariantCode");
            var expected = BenefitStandard.InForce(schedule.Versions, ProgrammeCatalogue.RuralDibaoA, month);
            var from_ = $"(SELECT '{ProgrammeCatalogue.RuralDibaoA}' AS VariantCode) x";
            Assert.Equal(expected is null ? null : Money.FromYuan(expected.MonthlyAmount).Fen, Scalar($"SELECT {fenSql} FROM {from_}") as long?);
            Assert.Equal(expected?.Id, Scalar($"SELECT {standardSql} FROM {from_}") is long s ? (int)s : null);
        }, iter: Iterations, threads: 1);
    }
}
