using CsCheck;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CivilAffairs.Tests.Payments;

/// <summary>
/// <see cref="MonthlySummaries.Of"/> (what the run stores) against its SQL twins (what verify-summaries recomputes), over
/// generated ledgers of two months: households in several townships and variants, members joining, leaving and changing
/// tier, temporary cases with and without a named member, corrections, and another bureau's lines the twins must ignore.
/// </summary>
public sealed class MonthlySummariesTwinTests : IAsyncLifetime
{
    private const int Iterations = 300;
    private const int Bureau = 1;
    private static readonly YearMonth Month = new(2024, 3);
    private TestDatabase _db = default!;
    private SqliteConnection _connection = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _connection = new SqliteConnection(_db.ConnectionString);
        await _connection.OpenAsync();
        // A temporary table shadows the real one, so the twins read exactly the lines a sample gives them.
        Execute("""
            CREATE TEMP TABLE PaymentLines (JurisdictionId INTEGER, Month INTEGER, ForMonth INTEGER, HouseholdId INTEGER, TownshipId INTEGER,
                VariantCode TEXT, PersonId INTEGER, Programme INTEGER, Reason INTEGER, Flags INTEGER, PersonCount INTEGER, AmountFen INTEGER,
                PreviousAmountFen INTEGER)
            """);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _db.DisposeAsync();
    }

    private sealed record Line(int Jurisdiction, YearMonth Month, YearMonth ForMonth, SummaryLine L);

    private static readonly string[] Variants = [ProgrammeCatalogue.UrbanDibaoA, ProgrammeCatalogue.UrbanDibaoB, ProgrammeCatalogue.RuralDibaoA,
        ProgrammeCatalogue.DisabilityLiving, ProgrammeCatalogue.DisabilityNursing];

    /// <summary>A line of the month or of last month; persons 1–12 so that the two months share many of them.</summary>
    private static readonly Gen<Line> OneLine = Gen.Select(Gen.Int[1, 6], Gen.Int[1, 3], Gen.Int[0, Variants.Length - 1], Gen.Int[1, 12],
        Gen.Enum<PaymentReason>(), Gen.Int[0, 15], Gen.Long[1, 90_000], Gen.Select(Gen.Bool, Gen.Int[0, 3], Gen.Int[0, 9]))
        .Select((household, township, v, person, reason, flags, fen, x) =>
        {
            var (lastMonth, persons, bureau) = x;
            var variant = reason == PaymentReason.Temporary ? ProgrammeCatalogue.Temporary : Variants[v];
            var programme = ProgrammeCatalogue.Find(variant)!.Programme;
            if (lastMonth && !Entitlement.IsRegular(reason)) reason = PaymentReason.Continuing;
            var month = lastMonth ? Month.Previous : Month;
            var forMonth = reason is PaymentReason.BackPay or PaymentReason.Recovery ? month.AddMonths(-1 - persons) : month;
            var amount = reason == PaymentReason.Recovery ? -fen : fen;
            long? previous = reason is PaymentReason.TierChange or PaymentReason.StandardChange ? fen - 500 * (persons - 1)
                : reason == PaymentReason.Continuing ? fen : null;
            int? personId = reason == PaymentReason.Temporary && persons == 0 ? null : person;
            var count = reason == PaymentReason.Temporary ? persons + 1 : Entitlement.IsRegular(reason) ? 1 : 0;
            return new Line(bureau == 0 ? 2 : Bureau, month, forMonth,
                new SummaryLine(household, township, variant, personId, programme, reason, (PaymentLineFlags)flags, count, amount, previous));
        });

    [Fact]
    public void The_run_s_summaries_and_head_counts_are_those_verify_summaries_recomputes_from_the_ledger() =>
        OneLine.Array[0, 40].Sample(lines =>
        {
            Execute("DELETE FROM PaymentLines");
            foreach (var line in lines) Insert(line);
            var ours = lines.Where(l => l.Jurisdiction == Bureau).ToList();
            var (summaries, headcounts) = MonthlySummaries.Of(
                ours.Where(l => l.Month == Month).Select(l => l.L).OrderBy(l => l.HouseholdId),
                ours.Where(l => l.Month == Month.Previous).Select(l => l.L).OrderBy(l => l.HouseholdId));

            Assert.Equal(Rows(MonthlySummaries.SummarySql(Bureau, Month), r => new SummaryRow(r.GetInt32(0), r.GetString(1),
                    r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetInt64(9),
                    r.GetInt64(10), r.GetInt64(11), r.GetInt32(12), r.GetInt32(13), r.GetInt32(14), r.GetInt32(15), r.GetInt64(16), r.GetInt64(17),
                    r.GetInt64(18), r.GetInt64(19)))
                .OrderBy(r => r.TownshipId).ThenBy(r => r.VariantCode, StringComparer.Ordinal), summaries);
            Assert.Equal(Rows(MonthlySummaries.HeadcountSql(Bureau, Month), r => new HeadcountRow(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)))
                .OrderBy(r => r.TownshipId).ThenBy(r => r.GroupCode), headcounts);
        }, iter: Iterations, threads: 1);

    [Fact]
    public void Lines_out_of_household_order_are_refused_rather_than_counted_twice()
    {
        SummaryLine Of(int household) => new(household, 1, ProgrammeCatalogue.UrbanDibaoA, household, Programme.UrbanDibao, PaymentReason.Continuing,
            PaymentLineFlags.None, 1, 100, 100);
        Assert.Throws<ArgumentException>(() => MonthlySummaries.Of([Of(1), Of(2), Of(1)], []));
        Assert.Throws<ArgumentException>(() => MonthlySummaries.Of([], [Of(1), Of(2), Of(1)]));
    }

    private List<T> Rows<T>(string sql, Func<SqliteDataReader, T> row)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(row(reader));
        return rows;
    }

    private void Insert(Line line)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO PaymentLines VALUES ($j, $m, $f, $h, $t, $v, $p, $programme, $r, $flags, $count, $fen, $previous)";
        var l = line.L;
        foreach (var (name, value) in new (string, object?)[] { ("$j", line.Jurisdiction), ("$m", line.Month.Key), ("$f", line.ForMonth.Key),
                     ("$h", l.HouseholdId), ("$t", l.TownshipId), ("$v", l.VariantCode), ("$p", l.PersonId), ("$programme", (int)l.Programme),
                     ("$r", (int)l.Reason), ("$flags", (int)l.Flags), ("$count", l.PersonCount), ("$fen", l.AmountFen), ("$previous", l.PreviousAmountFen) })
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
