using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Auditing;

/// <summary>
/// The probe's forgeries of the audit trail, done as someone with the database but not the key would: edit a record and
/// re-hash everything after it (with the published formula, or with a key of their own), or delete the newest records.
/// The keyed chain and the checkpoints kept outside the database catch each; a trail begun before the key still verifies.
/// </summary>
public sealed class AuditForgeryTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var adjusted = await _db.SendAsync(new AdjustStandards
        {
            JurisdictionCode = "431081",
            EffectiveFrom = new DateOnly(2024, 1, 1),
            DocumentNumber = "资民发〔2024〕1号",
            Reason = "2024 年度提标",
            Items = [new StandardAdjustmentItem { VariantCode = ProgrammeCatalogue.RuralDibaoA, NewAmount = 420m }],
        });
        Assert.True(adjusted.Succeeded);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha256 marked as keyed")]
    [InlineData("another key")]
    public async Task A_record_edited_and_every_record_after_it_rehashed_is_found(string how)
    {
        var target = await SequenceOfLastAsync(AuditAction.Create);
        var ownKey = RandomNumberGenerator.GetBytes(32);
        await RewriteAsync(target, (record, changes) => changes.Replace("420.00", "520.00"), how switch
        {
            "sha256" => (AuditHashKind.Sha256, text => Sha256(text)),
            "sha256 marked as keyed" => (AuditHashKind.HmacSha256, text => Sha256(text)),
            _ => (AuditHashKind.HmacSha256, text => Convert.ToHexStringLower(HMACSHA256.HashData(ownKey, Encoding.UTF8.GetBytes(text)))),
        });

        var result = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);

        Assert.False(result.IsIntact);
        Assert.Equal(target, result.BrokenAtSequence);
        Assert.Contains(how == "sha256" ? "没有密钥签名" : "内容已被改动", result.Problem);
    }

    [Fact]
    public async Task The_newest_records_deleted_after_a_checkpoint_are_found()
    {
        // The verifier notes a checkpoint of the intact trail; later writes, a second checkpoint, then the tail is cut.
        Assert.True((await _db.SendAsync(new VerifyAuditChain(), Roles.Admin)).IsIntact);
        var checkpoints = _db.Services.GetRequiredService<IAuditCheckpoints>();
        await _db.SendAsync(new AdjustStandards
        {
            JurisdictionCode = "431081", EffectiveFrom = new DateOnly(2025, 1, 1), DocumentNumber = "资民发〔2025〕1号", Reason = "2025 年度提标",
            Items = [new StandardAdjustmentItem { VariantCode = ProgrammeCatalogue.RuralDibaoA, NewAmount = 450m }],
        });
        var written = await checkpoints.WriteAsync();
        Assert.NotNull(written);

        await ExecuteAsync($"DELETE FROM AuditRecords WHERE Sequence > {written.Sequence - 2}");

        var result = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);
        Assert.False(result.IsIntact);
        Assert.Equal(written.Sequence - 1, result.BrokenAtSequence);
        Assert.Contains("已被删除", result.Problem);
        Assert.Contains($"检查点记到第 {written.Sequence} 条", result.Problem);
    }

    [Fact]
    public async Task A_checkpoint_edited_in_its_file_is_found()
    {
        var written = await _db.Services.GetRequiredService<IAuditCheckpoints>().WriteAsync();
        Assert.NotNull(written);
        var file = _db.FilePath + ".audit-checkpoints";
        var line = (await File.ReadAllLinesAsync(file)).Single();
        await File.WriteAllTextAsync(file, line.Replace($"{written.Sequence}\t", $"{written.Sequence - 5}\t") + "\n");

        var result = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);
        Assert.False(result.IsIntact);
        Assert.Contains("检查点第 1 条的签名不符", result.Problem);
    }

    [Fact]
    public async Task A_trail_begun_before_the_key_still_verifies_and_its_old_records_stay_protected()
    {
        // The trail as an earlier version left it: the first records plain SHA-256, then the keyed ones chained on.
        var key = _db.Services.GetRequiredService<AuditKey>();
        var legacyUpTo = await SequenceOfLastAsync(AuditAction.Create) - 1;
        await RewriteAsync(1, (_, changes) => changes, (AuditHashKind.Sha256, Sha256), keyedFrom: legacyUpTo + 1, key: key);
        var intact = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);
        Assert.True(intact.IsIntact, intact.Problem);

        // Editing an old record and re-hashing the old part is not enough: the first keyed record's link breaks.
        await RewriteAsync(2, (_, changes) => changes + " ", (AuditHashKind.Sha256, Sha256), keyedFrom: legacyUpTo + 1, key: null);
        var forged = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);
        Assert.False(forged.IsIntact);
        Assert.Equal(legacyUpTo + 1, forged.BrokenAtSequence);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Rewrites records from <paramref name="from"/> on, as a forger with the published hash formula would: edits the
    /// changes, re-links and re-hashes each. Records from <paramref name="keyedFrom"/> on are signed with
    /// <paramref name="key"/> when given, and left as they are (not re-hashed) when not.
    /// </summary>
    private async Task RewriteAsync(long from, Func<long, string, string> edit, (AuditHashKind Kind, Func<string, string> Hash) forge,
        long? keyedFrom = null, AuditKey? key = null)
    {
        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        var rows = new List<(long Sequence, long Ticks, string User, int Action, string Type, string Key, string Changes, string Reason)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Sequence, TimestampUtc, UserName, Action, EntityType, EntityKey, Changes, Reason FROM AuditRecords ORDER BY Sequence";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add((reader.GetInt64(0), reader.GetDateTime(1).Ticks, reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                    reader.IsDBNull(5) ? "" : reader.GetString(5), reader.IsDBNull(6) ? "" : reader.GetString(6), reader.IsDBNull(7) ? "" : reader.GetString(7)));
        }
        var previous = AuditRecord.Genesis;
        await using var transaction = connection.BeginTransaction();
        foreach (var row in rows)
        {
            var changes = row.Sequence == from ? edit(row.Sequence, row.Changes) : row.Changes;
            var canonical = string.Join('\u001f', row.Sequence.ToString(CultureInfo.InvariantCulture), row.Ticks.ToString(CultureInfo.InvariantCulture),
                row.User, row.Action.ToString(CultureInfo.InvariantCulture), row.Type, row.Key, changes, row.Reason, previous);
            var keyed = keyedFrom is { } k && row.Sequence >= k;
            if (row.Sequence < from || (keyed && key is null))
            {
                await using var current = connection.CreateCommand();
                current.Transaction = transaction;
                current.CommandText = $"SELECT Hash FROM AuditRecords WHERE Sequence = {row.Sequence}";
                previous = (string)(await current.ExecuteScalarAsync())!;
                continue;
            }
            var (kind, hash) = keyed ? (AuditHashKind.HmacSha256, key!.Sign(canonical)) : (forge.Kind, forge.Hash(canonical));
            await using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "UPDATE AuditRecords SET Changes = $changes, PreviousHash = $previous, Hash = $hash, HashKind = $kind WHERE Sequence = $sequence";
            write.Parameters.AddWithValue("$changes", row.Changes.Length == 0 && changes.Length == 0 ? DBNull.Value : changes);
            write.Parameters.AddWithValue("$previous", previous);
            write.Parameters.AddWithValue("$hash", hash);
            write.Parameters.AddWithValue("$kind", (int)kind);
            write.Parameters.AddWithValue("$sequence", row.Sequence);
            Assert.Equal(1, await write.ExecuteNonQueryAsync());
            previous = hash;
        }
        await transaction.CommitAsync();
    }

    private async Task<long> SequenceOfLastAsync(AuditAction action)
    {
        await using var context = _db.NewContext();
        return await context.AuditRecords.Where(r => r.Action == action).MaxAsync(r => r.Sequence);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
