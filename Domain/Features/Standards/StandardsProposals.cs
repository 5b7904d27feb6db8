using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using Mediator;

namespace CivilAffairs.Domain.Features.Standards;

/// <summary>审核 a proposed yearly adjustment: a second standards administrator approves it, and only then is it in force.</summary>
[RequiresPermission(Permission.AdjustStandards)]
[BureauWide]
public sealed record ApproveStandardsProposal(int ProposalId) : IRequest<Result<AdjustmentOutcome>>;

/// <summary>退回 a proposed adjustment with the reason (or its maker withdraws it); nothing is written to the standards.</summary>
[RequiresPermission(Permission.AdjustStandards)]
[BureauWide]
public sealed record RejectStandardsProposal(int ProposalId, string Reason) : IRequest<Result>;

/// <summary>The proposals of the jurisdiction, pending first, with their impact as entered.</summary>
[RequiresPermission(Permission.ViewStandards)]
public sealed record ListStandardsProposals(string JurisdictionCode) : IRequest<IReadOnlyList<StandardsProposalRow>>;

/// <summary>A proposal as listed and as the approver reads it.</summary>
public sealed record StandardsProposalRow(int Id, ProposalState State, DateOnly EffectiveFrom, string DocumentNumber, string? Reason,
    string ProposedBy, DateTime ProposedAtUtc, string? DecidedBy, DateTime? DecidedAtUtc, string? DecisionNote,
    int ImpactPersons, int ImpactHouseholds, decimal ImpactMonthlyChange, decimal ImpactBackPay, IReadOnlyList<StandardsProposalLine> Lines);

/// <summary>One variant of a proposal: the amount in force when it was entered and the proposed one.</summary>
public sealed record StandardsProposalLine(string VariantCode, string VariantName, decimal? CurrentAmount, decimal NewAmount, string? Reason);

/// <summary>Approves (re-checking every row against the standards as they are now, then writing them in the same save), rejects, lists.</summary>
public sealed class StandardsProposalHandlers(IDataSessionFactory data, IClock clock, Actor actor)
    : IRequestHandler<ApproveStandardsProposal, Result<AdjustmentOutcome>>, IRequestHandler<RejectStandardsProposal, Result>,
      IRequestHandler<ListStandardsProposals, IReadOnlyList<StandardsProposalRow>>
{
    public async ValueTask<Result<AdjustmentOutcome>> Handle(ApproveStandardsProposal request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var proposal = await LoadAsync(session, request.ProposalId, ct);
        if (proposal is null) return Result<AdjustmentOutcome>.Failure([new(nameof(request.ProposalId), Messages.Get("Proposal.Unknown"))]);
        proposal.Approve(clock.Now.UtcDateTime, actor.UserName);
        var code = await session.FirstOrDefaultAsync(session.Query<Area>().Where(a => a.Id == proposal.JurisdictionId).Select(a => a.Code), ct);
        var adjustment = new AdjustStandards
        {
            JurisdictionCode = code!, EffectiveFrom = proposal.EffectiveFrom, DocumentNumber = proposal.DocumentNumber, Reason = proposal.Reason,
            Items = proposal.Items.Select(i => new StandardAdjustmentItem { VariantCode = i.VariantCode, NewAmount = i.NewAmount, Reason = i.Reason }).ToList(),
        };
        // The standards may have moved since it was entered (another adjustment, a correction): the same checks as entering it.
        var (jurisdictionId, schedules, errors) = await AdjustStandardsHandler.CheckAsync(session, adjustment, ct);
        if (errors.Count > 0) return Result<AdjustmentOutcome>.Failure(errors);
        AdjustStandardsHandler.Apply(session, adjustment, jurisdictionId, schedules, await session.LastClosedMonthAsync(jurisdictionId, ct), clock, actor);
        session.AuditReason = $"年度调标 {proposal.DocumentNumber}（{proposal.ProposedBy} 提交，{actor.UserName} 审核）"
                              + (proposal.Reason is { } reason ? $"：{reason}" : "");
        await session.SaveChangesAsync(ct);
        return Result<AdjustmentOutcome>.Success(new AdjustmentOutcome(schedules.Count, YearMonth.Of(proposal.EffectiveFrom), proposal.DocumentNumber, proposal.Id));
    }

    public async ValueTask<Result> Handle(RejectStandardsProposal request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var proposal = await LoadAsync(session, request.ProposalId, ct);
        if (proposal is null) return Result.Failure(nameof(request.ProposalId), Messages.Get("Proposal.Unknown"));
        proposal.Reject(request.Reason, clock.Now.UtcDateTime, actor.UserName);
        session.AuditReason = $"退回年度调标 {proposal.DocumentNumber}";
        await session.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async ValueTask<IReadOnlyList<StandardsProposalRow>> Handle(ListStandardsProposals request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        var proposals = await session.ToListAsync(session.Query<StandardsProposal>().Where(p => p.JurisdictionId == j)
            .OrderBy(p => p.State).ThenByDescending(p => p.Id).Take(50), ct);
        var ids = proposals.Select(p => p.Id).ToList();
        var items = await session.ToListAsync(session.Query<StandardsProposalItem>().Where(i => ids.Contains(i.ProposalId)), ct);
        var standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(s => s.JurisdictionId == j), ct);
        return proposals.Select(p => new StandardsProposalRow(p.Id, p.State, p.EffectiveFrom, p.DocumentNumber, p.Reason, p.ProposedBy, p.ProposedAtUtc,
            p.DecidedBy, p.DecidedAtUtc, p.DecisionNote, p.ImpactPersons, p.ImpactHouseholds, p.ImpactMonthlyChange, p.ImpactBackPay,
            items.Where(i => i.ProposalId == p.Id).Select(i => new StandardsProposalLine(i.VariantCode, ProgrammeCatalogue.Find(i.VariantCode)?.Name ?? i.VariantCode,
                BenefitStandard.AmountInForce(standards, i.VariantCode, YearMonth.Of(p.EffectiveFrom).Previous), i.NewAmount, i.Reason)).ToList())).ToList();
    }

    private static async Task<StandardsProposal?> LoadAsync(IDataSession session, int id, CancellationToken ct)
    {
        var proposal = await session.FirstOrDefaultAsync(session.Edit<StandardsProposal>().Where(p => p.Id == id), ct);
        if (proposal is not null) await session.ToListAsync(session.Edit<StandardsProposalItem>().Where(i => i.ProposalId == id), ct);
        return proposal;
    }
}
