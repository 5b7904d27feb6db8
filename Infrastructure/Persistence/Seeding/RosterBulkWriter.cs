using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Infrastructure.Persistence.Seeding;

/// <summary>
/// Writes checked households with prepared single-row INSERTs in one transaction: EF's tracked inserts manage about
/// 5,000 rows a second for a roster graph here, far too slow for a 50,000-row import. Each household gets one audit
/// record, chained like every other, listing its fields and its members' (ID numbers and accounts masked).
/// </summary>
public sealed class RosterBulkWriter(IDbContextFactory<DashboardDbContext> contexts) : IRosterBulkWriter
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<RosterBulkResult> WriteAsync(int jurisdictionId, IEnumerable<RosterEntry> households, string recordedBy,
        string auditReason, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dialect = SqlDialect.Of(db.Database);
        var sqlite = dialect.IsSqlite;
        var areas = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.Community && a.Parent!.ParentId == jurisdictionId)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var villages = areas.Where(a => a.Name.EndsWith('村')).Select(a => a.Id).ToArray();
        var communities = areas.Where(a => !a.Name.EndsWith('村')).Select(a => a.Id).ToArray();

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // On SQLite this is BEGIN IMMEDIATE: no other writer until commit, so the audit chain's last link is stable.
            await using var transaction = await connection.BeginTransactionAsync(ct);
            long householdId = await ScalarAsync(connection, transaction, NextIdSql("Households"), ct);
            long personId = await ScalarAsync(connection, transaction, NextIdSql("Persons"), ct);
            long enrollmentId = await ScalarAsync(connection, transaction, NextIdSql("Enrollments"), ct);
            long eventId = await ScalarAsync(connection, transaction, NextIdSql("HouseholdEvents"), ct);
            var (sequence, hash) = await LastLinkAsync(connection, transaction, dialect, ct);
            foreach (var table in OwnIds)
                if (dialect.IdentityInsert(table, on: true) is { } statement) await ExecuteAsync(connection, transaction, statement, ct);

            await using var insertHousehold = Prepare(connection, transaction, "Households", Columns["Households"]);
            await using var insertPerson = Prepare(connection, transaction, "Persons", Columns["Persons"]);
            await using var insertEnrollment = Prepare(connection, transaction, "Enrollments", Columns["Enrollments"]);
            await using var insertEvent = Prepare(connection, transaction, "HouseholdEvents", Columns["HouseholdEvents"]);
            await using var insertAudit = Prepare(connection, transaction, "AuditRecords", Columns["AuditRecords"]);

            object NewVersion() => sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid();
            var now = DateTime.UtcNow;
            int householdCount = 0, personCount = 0, enrollmentCount = 0;
            foreach (var household in households)
            {
                var community = household.CommunityId ?? (household.Residence == Residence.Rural && villages.Length > 0
                    ? villages[householdCount % villages.Length] : communities[householdCount % communities.Length]);
                await InsertAsync(insertHousehold, ct, householdId, jurisdictionId, community, household.Address, (int)household.Residence,
                    household.BankAccount, (int)HouseholdStatus.Active, household.From.Key, household.ImportKey, NewVersion());
                var changes = new List<FieldChange>
                {
                    new("CommunityId", null, community.ToString()), new("Address", null, household.Address),
                    new("Residence", null, household.Residence.ToString()), new("BankAccount", null, Masking.Mask(household.BankAccount)),
                    new("RegisteredMonth", null, household.From.ToString()), new("Dibao", null, household.DibaoVariant),
                };
                for (var m = 0; m < household.Members.Count; m++)
                {
                    var member = household.Members[m];
                    var number = IdNumber.Parse(member.Draft.IdNumber);
                    await InsertAsync(insertPerson, ct, personId, householdId, member.Draft.Name, number.Value, number.LastFour,
                        sqlite ? number.BirthDate.ToString("yyyy-MM-dd") : number.BirthDate, (int)number.Sex, (int)member.Draft.Relationship,
                        (int?)member.Draft.DisabilityCategory, (int?)member.Draft.DisabilityGrade, (int)member.Draft.WorkCapacity,
                        (int)PersonStatus.Active, household.From.Key, null, NewVersion());
                    changes.Add(new($"Members[{m}]", null, $"{member.Draft.Name} {number.Masked} {member.Draft.Relationship}" +
                        (member.Draft.DisabilityGrade is { } g ? $" {member.Draft.DisabilityCategory} {g}" : "") +
                        (member.Programmes.Count > 0 ? $" [{string.Join(",", member.Programmes)}]" : "")));
                    foreach (var variant in member.Programmes)
                    {
                        await InsertAsync(insertEnrollment, ct, enrollmentId++, householdId, personId, variant, household.From.Key, null, null, null, null, NewVersion());
                        enrollmentCount++;
                    }
                    personId++;
                    personCount++;
                }
                if (household.DibaoVariant is { } dibao)
                {
                    await InsertAsync(insertEnrollment, ct, enrollmentId++, householdId, null, dibao, household.From.Key, null, null, null, null, NewVersion());
                    enrollmentCount++;
                }
                var head = household.Members[0].Draft.Name;
                await InsertAsync(insertEvent, ct, eventId++, householdId, (int)HouseholdEventKind.Registered, household.From.Key,
                    Messages.Format("Event.Registered", head, household.Members.Count,
                        household.DibaoVariant is { } d ? ProgrammeCatalogue.Find(d)!.Name : Messages.Get("Event.NoDibao")), now, recordedBy);

                var record = new AuditRecord(now, recordedBy, AuditAction.Create, nameof(Household), householdId.ToString(),
                    JsonSerializer.Serialize(changes, Json), auditReason);
                record.Chain(sequence, hash, db.AuditKey!);
                (sequence, hash) = (record.Sequence, record.Hash);
                await InsertAsync(insertAudit, ct, record.Sequence, record.TimestampUtc, record.UserName, (int)record.Action, record.EntityType,
                    record.EntityKey, record.Changes, record.Reason, record.PreviousHash, record.Hash, (int)record.HashKind);

                householdId++;
                householdCount++;
                if (householdCount % 5_000 == 0) progress?.Report(householdCount);
            }
            foreach (var table in OwnIds)
                if (dialect.IdentityInsert(table, on: false) is { } statement) await ExecuteAsync(connection, transaction, statement, ct);
            await ExecuteAsync(connection, transaction, BumpRosterSql, ct);
            await transaction.CommitAsync(ct);
            progress?.Report(householdCount);
            return new RosterBulkResult(householdCount, personCount, enrollmentCount);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The tables whose rows the writer numbers itself, and each table's columns as it inserts them.</summary>
    private static readonly string[] OwnIds = ["Households", "Persons", "Enrollments", "HouseholdEvents"];

    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["Households"] = ["Id", "JurisdictionId", "CommunityId", "Address", "Residence", "BankAccount", "Status", "RegisteredMonth", "ImportKey", "Version"],
        ["Persons"] = ["Id", "HouseholdId", "Name", "IdNumber", "IdTail", "BirthDate", "Sex", "Relationship", "DisabilityCategory", "DisabilityGrade",
            "WorkCapacity", "Status", "JoinedMonth", "LeftMonth", "Version"],
        ["Enrollments"] = ["Id", "HouseholdId", "PersonId", "VariantCode", "FromMonth", "ToMonth", "StopReason", "StopNote", "LocalExceptionNote", "Version"],
        ["HouseholdEvents"] = ["Id", "HouseholdId", "Kind", "Month", "Description", "RecordedAtUtc", "RecordedBy"],
        ["AuditRecords"] = ["Sequence", "TimestampUtc", "UserName", "Action", "EntityType", "EntityKey", "Changes", "Reason", "PreviousHash", "Hash", "HashKind"],
    };

    private static string NextIdSql(string table) => $"SELECT COALESCE(MAX(Id), 0) + 1 FROM {table}";

    private static string LastLinkSql(SqlDialect dialect) => dialect.FirstRow("Sequence, Hash", "FROM AuditRecords ORDER BY Sequence DESC");

    private static string InsertSql(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";

    private static readonly string BumpRosterSql = $"UPDATE ChangeCounters SET Value = Value + 1 WHERE Topic = {(int)ChangeTopic.Roster}";

    /// <summary>Every raw statement the writer sends in <paramref name="dialect"/>, for the SQL Server parse test.</summary>
    public static IEnumerable<string> Statements(SqlDialect dialect) =>
        OwnIds.Select(NextIdSql)
            .Append(LastLinkSql(dialect))
            .Concat(OwnIds.SelectMany(t => new[] { dialect.IdentityInsert(t, true), dialect.IdentityInsert(t, false) }).OfType<string>())
            .Concat(Columns.Select(c => InsertSql(c.Key, c.Value)))
            .Append(BumpRosterSql);

    private static async Task<(long Sequence, string Hash)> LastLinkAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = LastLinkSql(dialect);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0L, AuditRecord.Genesis);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task InsertAsync(DbCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql(table, columns);
        foreach (var column in columns)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + column;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
