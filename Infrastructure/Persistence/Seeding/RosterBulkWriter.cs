using System.Data.Common;
using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Infrastructure.Persistence.Seeding;

/// <summary>
/// Writes a generated roster with prepared single-row INSERTs in one transaction (EF's tracked inserts manage about
/// 20k rows a second here; this about ten times that). Used by seed-demo and the benchmarks' large rosters. The
/// rows bypass the per-row audit; the caller records one audit event for the whole batch.
/// </summary>
public sealed class RosterBulkWriter(DashboardDbContext db)
{
    /// <summary>Counts of what was written.</summary>
    public sealed record Written(int Households, int Persons, int Enrollments);

    public async Task<Written> WriteAsync(int jurisdictionId, IEnumerable<DemoRoster.HouseholdRow> households, string recordedBy,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var sqlite = db.Database.IsSqlite();
        var areas = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.Community && a.Parent!.ParentId == jurisdictionId)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var villages = areas.Where(a => a.Name.EndsWith('村')).Select(a => a.Id).ToArray();
        var communities = areas.Where(a => !a.Name.EndsWith('村')).Select(a => a.Id).ToArray();

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            long householdId = await NextIdAsync(connection, transaction, "Households", ct);
            long personId = await NextIdAsync(connection, transaction, "Persons", ct);
            long enrollmentId = await NextIdAsync(connection, transaction, "Enrollments", ct);
            long eventId = await NextIdAsync(connection, transaction, "HouseholdEvents", ct);
            if (!sqlite)
                foreach (var table in new[] { "Households", "Persons", "Enrollments", "HouseholdEvents" })
                    await Execute(connection, transaction, $"SET IDENTITY_INSERT {table} ON", ct);

            await using var insertHousehold = Prepare(connection, transaction, "Households",
                "Id", "JurisdictionId", "CommunityId", "Address", "Residence", "BankAccount", "Status", "RegisteredMonth", "ImportKey", "Version");
            await using var insertPerson = Prepare(connection, transaction, "Persons",
                "Id", "HouseholdId", "Name", "IdNumber", "IdTail", "BirthDate", "Sex", "Relationship", "DisabilityCategory", "DisabilityGrade",
                "WorkCapacity", "Status", "JoinedMonth", "LeftMonth", "Version");
            await using var insertEnrollment = Prepare(connection, transaction, "Enrollments",
                "Id", "HouseholdId", "PersonId", "VariantCode", "FromMonth", "ToMonth", "StopReason", "StopNote", "LocalExceptionNote", "Version");
            await using var insertEvent = Prepare(connection, transaction, "HouseholdEvents",
                "Id", "HouseholdId", "Kind", "Month", "Description", "RecordedAtUtc", "RecordedBy");

            object Guid() => sqlite ? System.Guid.NewGuid().ToString().ToUpperInvariant() : System.Guid.NewGuid();
            var now = DateTime.UtcNow;
            int householdCount = 0, personCount = 0, enrollmentCount = 0;
            foreach (var household in households)
            {
                var area = household.Residence == Residence.Rural && villages.Length > 0 ? villages[householdCount % villages.Length]
                    : communities.Length > 0 ? communities[householdCount % communities.Length] : villages[householdCount % villages.Length];
                await Insert(insertHousehold, ct, householdId, jurisdictionId, area, household.Address, (int)household.Residence,
                    household.BankAccount, (int)HouseholdStatus.Active, household.From.Key, null, Guid());
                foreach (var member in household.Members)
                {
                    var number = IdNumber.Parse(member.Draft.IdNumber);
                    await Insert(insertPerson, ct, personId, householdId, member.Draft.Name, number.Value, number.LastFour,
                        sqlite ? number.BirthDate.ToString("yyyy-MM-dd") : number.BirthDate, (int)number.Sex, (int)member.Draft.Relationship,
                        (int?)member.Draft.DisabilityCategory, (int?)member.Draft.DisabilityGrade, (int)member.Draft.WorkCapacity,
                        (int)PersonStatus.Active, household.From.Key, null, Guid());
                    foreach (var variant in member.Programmes)
                    {
                        await Insert(insertEnrollment, ct, enrollmentId++, householdId, personId, variant, household.From.Key, null, null, null, null, Guid());
                        enrollmentCount++;
                    }
                    personId++;
                    personCount++;
                }
                if (household.DibaoVariant is { } dibao)
                {
                    await Insert(insertEnrollment, ct, enrollmentId++, householdId, null, dibao, household.From.Key, null, null, null, null, Guid());
                    enrollmentCount++;
                }
                await Insert(insertEvent, ct, eventId++, householdId, (int)HouseholdEventKind.Registered, household.From.Key,
                    $"新增：户主 {household.Members[0].Draft.Name}，共 {household.Members.Count} 人（演示数据）", now, recordedBy);
                householdId++;
                householdCount++;
                if (householdCount % 5_000 == 0) progress?.Report(householdCount);
            }
            if (!sqlite)
                foreach (var table in new[] { "Households", "Persons", "Enrollments", "HouseholdEvents" })
                    await Execute(connection, transaction, $"SET IDENTITY_INSERT {table} OFF", ct);
            await transaction.CommitAsync(ct);
            progress?.Report(householdCount);
            return new Written(householdCount, personCount, enrollmentCount);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> NextIdAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COALESCE(MAX(Id), 0) + 1 FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private static async Task Execute(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task Insert(DbCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
        foreach (var column in columns)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + column;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
