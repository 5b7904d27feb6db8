using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Standards;

/// <summary>
/// Maker ≠ checker for the yearly adjustment: entered by one standards administrator it is a proposal with its impact;
/// it is in force only once a second one approves it, and its maker cannot.
/// </summary>
public sealed class StandardsProposalTests : IAsyncLifetime
{
    private static readonly DateOnly July = new(2027, 7, 1);
    private TestDatabase _db = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _db.Services.GetRequiredService<StandardsPolicy>().SecondApproval = true;
        var created = await _db.SendAsync(new CreateUser
        {
            UserName = "standards2", DisplayName = "赵敏", Unit = "民政局社会救助股", Password = "second-approver-2027", Roles = [Roles.StandardsAdmin],
        }, Roles.Admin);
        Assert.True(created.Succeeded, string.Join("；", created.Errors.Select(e => e.Message)));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static AdjustStandards Raise(decimal amount) => new()
    {
        JurisdictionCode = "431081", EffectiveFrom = July, DocumentNumber = "资民发〔2027〕12号", Reason = "年度提标",
        Items = [new StandardAdjustmentItem { VariantCode = ProgrammeCatalogue.RuralDibaoA, NewAmount = amount }],
    };

    private async Task<decimal?> InForceAsync()
    {
        var standards = await _db.SendAsync(new GetStandardsInForce("431081", YearMonth.Of(July)), Roles.Leader);
        return standards.Single(s => s.Variant.Code == ProgrammeCatalogue.RuralDibaoA).Current?.MonthlyAmount;
    }

    [Fact]
    public async Task An_adjustment_is_in_force_only_after_a_second_administrator_approves_it()
    {
        var before = await InForceAsync();
        var entered = await _db.SendAsync(Raise(720m));
        Assert.True(entered.Succeeded, string.Join("；", entered.Errors.Select(e => e.Message)));
        Assert.Equal(0, entered.Value!.VersionsCreated);
        Assert.Equal(before, await InForceAsync());   // entered, not in force

        var pending = Assert.Single(await _db.SendAsync(new ListStandardsProposals("431081"), Roles.Leader));
        Assert.Equal((ProposalState.Pending, "standards"), (pending.State, pending.ProposedBy));
        Assert.Equal(720m, Assert.Single(pending.Lines).NewAmount);
        Assert.Equal(before, pending.Lines[0].CurrentAmount);

        var own = await _db.SendAsync(new ApproveStandardsProposal(entered.Value.ProposalId!.Value));
        Assert.Equal("提交调标的人员不能审核自己的调标，须由另一名标准管理员审核。", Assert.Single(own.Errors).Message);
        Assert.Equal(before, await InForceAsync());

        var approved = await _db.SendAsAsync("standards2", new ApproveStandardsProposal(entered.Value.ProposalId!.Value));
        Assert.True(approved.Succeeded, string.Join("；", approved.Errors.Select(e => e.Message)));
        Assert.Equal(1, approved.Value!.VersionsCreated);
        Assert.Equal(720m, await InForceAsync());
        var again = await _db.SendAsAsync("standards2", new ApproveStandardsProposal(entered.Value.ProposalId!.Value));
        Assert.Equal("该调标已审核或已退回。", Assert.Single(again.Errors).Message);

        await using var context = _db.NewContext();
        var audit = await context.AuditRecords.Where(r => r.EntityType == "BenefitStandard" && r.Reason!.Contains("审核")).Select(r => r.Reason).FirstAsync();
        Assert.Equal("年度调标 资民发〔2027〕12号（standards 提交，standards2 审核）：年度提标", audit);
    }

    [Fact]
    public async Task A_rejected_adjustment_changes_no_standard_and_a_stale_one_is_checked_again_at_approval()
    {
        var before = await InForceAsync();
        var rejected = await _db.SendAsync(Raise(700m));
        Assert.True((await _db.SendAsAsync("standards2", new RejectStandardsProposal(rejected.Value!.ProposalId!.Value, "文号有误"))).Succeeded);
        Assert.Equal(before, await InForceAsync());

        // Two proposals for the same month, each valid when entered: once one is in force, the other no longer is.
        var first = await _db.SendAsync(Raise(720m));
        var second = await _db.SendAsync(Raise(730m));
        Assert.True((await _db.SendAsAsync("standards2", new ApproveStandardsProposal(second.Value!.ProposalId!.Value))).Succeeded);
        var stale = await _db.SendAsAsync("standards2", new ApproveStandardsProposal(first.Value!.ProposalId!.Value));
        Assert.False(stale.Succeeded);
        Assert.Equal(730m, await InForceAsync());
        var rows = await _db.SendAsync(new ListStandardsProposals("431081"), Roles.Leader);
        Assert.Equal(ProposalState.Pending, rows.Single(r => r.Id == first.Value.ProposalId).State);   // nothing half-written
    }
}
