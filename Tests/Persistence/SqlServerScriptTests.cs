using System.Reflection;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;
using CivilAffairs.Infrastructure.Payments;
using CivilAffairs.Infrastructure.Persistence;
using CivilAffairs.Infrastructure.Persistence.Seeding;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CivilAffairs.Tests.Persistence;

/// <summary>
/// SQL Server, checked without a server: every raw statement the SQL Server dialect would send (payment run,
/// corrections, summaries and their check, the ledger reads, the bank batch, the bulk writer, the change counters) and
/// the idempotent deployment script are rendered and parsed with ScriptDom's T-SQL 2022 parser. This proves the text
/// is valid T-SQL; it cannot prove that SQL Server plans and runs it as SQLite does (README, "SQL Server").
/// </summary>
public sealed class SqlServerScriptTests
{
    private static readonly YearMonth June = new(2023, 6), March = new(2023, 3);

    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private static void AssertParses(IEnumerable<(string Name, string Sql)> statements)
    {
        var failures = statements.Select(s => (s.Name, s.Sql, Errors: Parse(s.Sql))).Where(s => s.Errors.Count > 0)
            .Select(s => $"{s.Name}: {string.Join("; ", s.Errors.Select(e => $"line {e.Line}: {e.Message}"))}\n{s.Sql}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task<List<BenefitStandard>> StandardsAsync()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.NewContext();
        return await context.BenefitStandards.AsNoTracking().ToListAsync();
    }

    /// <summary>Each public statement builder of the run, called with every value its parameters can meaningfully take.</summary>
    private static IEnumerable<(string Name, string Sql)> PaymentRunStatements(IReadOnlyList<BenefitStandard> standards)
    {
        var sql = new PaymentRunSql(7);
        object?[][] Arguments(ParameterInfo p) => p.ParameterType switch
        {
            var t when t == typeof(YearMonth) => [[p.Position == 0 ? June : March]],
            var t when t == typeof(IReadOnlyList<BenefitStandard>) => [[standards]],
            var t when t == typeof(bool) => [[true], [false]],
            var t when t == typeof(int) => [[11]],
            var t when t == typeof(long) => [[42L]],
            var t when t == typeof(int?) => [[null], [13]],
            var t when t == typeof(string) => [[null], [CivilAffairs.Domain.Payments.Settlement.ReachesSql("h.Id", 7, March)]],
            var t when t == typeof(Programme) => [[Programme.RuralDibao], [Programme.Temporary]],
            _ => throw new InvalidOperationException($"no sample for {p.ParameterType} of {p.Member.Name}: add one"),
        };
        IEnumerable<object?[]> Combinations(ParameterInfo[] parameters) => parameters.Aggregate(new[] { Array.Empty<object?>() }.AsEnumerable(),
            (sets, p) => sets.SelectMany(set => Arguments(p).Select(a => set.Append(a[0]).ToArray())));

        foreach (var method in typeof(PaymentRunSql).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                     .Where(m => !m.IsSpecialName))
        foreach (var args in Combinations(method.GetParameters()))
        {
            var name = $"PaymentRunSql.{method.Name}({string.Join(", ", args)})";
            switch (method.Invoke(sql, args))
            {
                case string text: yield return (name, text); break;
                case IEnumerable<string> texts: foreach (var t in texts) yield return (name, t); break;
                case IEnumerable<(string What, string Sql)> pairs: foreach (var p in pairs) yield return ($"{name} {p.What}", p.Sql); break;
                default: throw new InvalidOperationException($"{name} returns no SQL this test knows");
            }
        }
        yield return ("PaymentRunSql.ClaimMonth", string.Format(PaymentRunSql.ClaimMonth, "@p0", "@p1", "@p2"));
    }

    [Fact]
    public async Task Every_raw_statement_of_the_payment_run_parses_as_T_SQL()
    {
        var statements = PaymentRunStatements(await StandardsAsync()).ToList();

        Assert.True(statements.Count > 30, $"{statements.Count} statements");
        Assert.Contains(statements, s => s.Name.StartsWith("PaymentRunSql.InsertCorrections"));
        AssertParses(statements);
    }

    [Fact]
    public void The_bank_batch_the_bulk_writer_and_the_change_counters_parse_as_T_SQL()
    {
        var statements = new List<(string, string)>
        {
            ("BankDisbursement.InsertPaymentsSql", BankDisbursement.InsertPaymentsSql(SqlDialect.SqlServer, 5, 7, June)),
            ("BankDisbursement.HouseholdTotals", BankDisbursement.HouseholdTotals(7, June)),
            ("ChangeCounterSql.InputsSql", ChangeCounterSql.InputsSql),
            ("ChangeCounterSql.BumpSql", ChangeCounterSql.BumpSql([ChangeTopic.Roster, ChangeTopic.Payments])),
        };
        statements.AddRange(RosterBulkWriter.Statements(SqlDialect.SqlServer).Select(s => ("RosterBulkWriter", s)));

        Assert.Contains(statements, s => s.Item2.StartsWith("SET IDENTITY_INSERT Persons ON"));
        AssertParses(statements);
        // The SQLite spellings are not T-SQL: the parser tells them apart, so the check above is not vacuous.
        Assert.NotEmpty(Parse(BankDisbursement.InsertPaymentsSql(SqlDialect.Sqlite, 5, 7, June)));
    }

    [Fact]
    public void The_idempotent_deployment_script_parses_as_T_SQL()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("CREATE TABLE [PaymentLines]", script);
        var errors = Parse(script);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }
}
