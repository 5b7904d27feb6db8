using System.Text.Json;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Auditing;

/// <summary>Every write leaves a field-level, hash-chained trace that cannot be quietly edited.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task AdjustRuralA() => _db.SendAsync(new AdjustStandards
    {
        JurisdictionCode = "431081",
        EffectiveFrom = new DateOnly(2024, 1, 1),
        DocumentNumber = "资民发〔2024〕1号",
        Reason = "2024 年度提标",
        Items = [new StandardAdjustmentItem { VariantCode = ProgrammeCatalogue.RuralDibaoA, NewAmount = 420m }],
    });

    private static Dictionary<string, FieldChange> ChangesOf(AuditRecord record) =>
        JsonSerializer.Deserialize<List<FieldChange>>(record.Changes!)!.ToDictionary(c => c.Field);

    [Fact]
    public async Task A_standard_adjustment_is_audited_with_old_and_new_amounts_user_and_reason()
    {
        await AdjustRuralA();

        await using var context = _db.NewContext();
        var records = await context.AuditRecords.Where(r => r.EntityType == nameof(Domain.Standards.BenefitStandard))
            .OrderByDescending(r => r.Sequence).Take(2).ToListAsync();
        var created = records.Single(r => r.Action == AuditAction.Create);
        var closed = records.Single(r => r.Action == AuditAction.Update);

        Assert.Equal("420.00", ChangesOf(created)["MonthlyAmount"].New);
        Assert.Equal("380.00", ChangesOf(created)["PreviousAmount"].New);
        Assert.Equal("2024-01", ChangesOf(created)["EffectiveFrom"].New);
        Assert.Equal((null, "2023-12"), (ChangesOf(closed)["EffectiveTo"].Old, ChangesOf(closed)["EffectiveTo"].New));
        Assert.All(records, r => Assert.Equal("standards", r.UserName));
        Assert.All(records, r => Assert.Equal("年度调标 资民发〔2024〕1号：2024 年度提标", r.Reason));
        Assert.DoesNotContain("Version", created.Changes);
    }

    [Fact]
    public async Task The_log_pages_and_filters_by_user_entity_and_action()
    {
        await AdjustRuralA();

        var page = await _db.SendAsync(new SearchAudit(UserName: "standards", EntityType: "BenefitStandard", Action: AuditAction.Create), Roles.Admin);
        var record = Assert.Single(page.Records);
        Assert.Equal(1, page.TotalCount);
        Assert.Contains(record.Changes, c => c.Field == "月标准" && c.New == "420.00 元");
        Assert.EndsWith("（standards）", record.User);
        Assert.Equal("救助标准", record.Entity);

        var all = await _db.SendAsync(new SearchAudit(PageSize: 10), Roles.Admin);
        Assert.Equal(10, all.Records.Count);
        Assert.True(all.TotalCount > 10);
        Assert.True(all.Records[0].Sequence > all.Records[^1].Sequence);
    }

    [Fact]
    public async Task An_untouched_trail_verifies()
    {
        await AdjustRuralA();
        var result = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);
        Assert.True(result.IsIntact, result.Problem);
        Assert.True(result.RecordsChecked > 50);
    }

    [Fact]
    public async Task An_edited_row_is_found_by_the_verifier()
    {
        await AdjustRuralA();
        var target = await SequenceOfLast(AuditAction.Create);

        await Tamper($"UPDATE AuditRecords SET Changes = replace(Changes, '420.00', '520.00') WHERE Sequence = {target}");

        var result = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);
        Assert.False(result.IsIntact);
        Assert.Equal(target, result.BrokenAtSequence);
        Assert.Contains("内容已被改动", result.Problem);
    }

    [Fact]
    public async Task A_deleted_row_is_found_by_the_verifier()
    {
        await AdjustRuralA();
        // A row in the middle: removing the very last one leaves no successor to object, which is why the
        // verifier prints the head (sequence and hash) for the bureau to note outside the database.
        long target;
        await using (var context = _db.NewContext()) target = await context.AuditRecords.MaxAsync(r => r.Sequence) - 1;

        await Tamper($"DELETE FROM AuditRecords WHERE Sequence = {target}");

        var result = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);
        Assert.False(result.IsIntact);
        Assert.Equal(target, result.BrokenAtSequence);
        Assert.Contains("已被删除", result.Problem);
    }

    [Fact]
    public async Task A_row_rehashed_by_someone_who_knows_the_formula_still_breaks_the_next_link()
    {
        await AdjustRuralA();
        var target = await SequenceOfLast(AuditAction.Update);
        await Tamper($"UPDATE AuditRecords SET Hash = '{new string('f', 64)}' WHERE Sequence = {target}");

        var result = await _db.SendAsync(new VerifyAuditChain(), Roles.Admin);
        Assert.Equal(target, result.BrokenAtSequence);
    }

    [Fact]
    public async Task The_application_has_no_path_to_edit_or_remove_a_record()
    {
        await using var context = _db.NewContext();
        var record = await context.AuditRecords.FirstAsync();
        context.AuditRecords.Remove(record);
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
    }

    [Fact]
    public async Task The_command_line_verifier_exits_0_when_intact_and_1_at_the_first_broken_link()
    {
        await AdjustRuralA();
        var (intactCode, intactOut) = await RunVerifyAudit();
        Assert.True(intactCode == 0, intactOut);
        Assert.Contains("审计链完整", intactOut);

        var target = await SequenceOfLast(AuditAction.Create);
        await Tamper($"UPDATE AuditRecords SET UserName = 'someone-else' WHERE Sequence = {target}");

        var (brokenCode, brokenOut) = await RunVerifyAudit();
        Assert.Equal(1, brokenCode);
        Assert.Contains($"第 {target} 条", brokenOut);
    }

    private async Task<long> SequenceOfLast(AuditAction action)
    {
        await using var context = _db.NewContext();
        return await context.AuditRecords.Where(r => r.Action == action).MaxAsync(r => r.Sequence);
    }

    private async Task Tamper(string sql)
    {
        // Straight at the file, as someone with database access would, bypassing the application.
        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private Task<(int ExitCode, string Output)> RunVerifyAudit() => DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Admin, "verify-audit");
}
