using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using Mediator;

namespace CivilAffairs.Domain.Features.Payments;

/// <summary>
/// The bureau's own independent check of the ledger (verify-ledger): every closed month recomputed with the C# rule,
/// outside the SQL that wrote it, and compared (<see cref="LedgerAudit"/>).
/// </summary>
[RequiresPermission(Permission.ViewAudit)]
[BureauWide]
public sealed record VerifyLedger(string JurisdictionCode) : IRequest<LedgerVerification>;

/// <summary>
/// What the check found. <see cref="PendingHouseholds"/> have changes dated into closed months that the next run will
/// settle; they are left out rather than reported, since the ledger rightly does not reflect them yet.
/// </summary>
/// <see cref="Unsealed"/> are closed months without a seal (closed before seals existed): their lines are still checked
/// against the rule and their recorded totals, but an edit that keeps to the rule cannot be told from the original.
public sealed record LedgerVerification(int MonthsChecked, int LinesChecked, int PendingHouseholds, IReadOnlyList<LedgerDifference> Differences,
    int MonthsSealed = 0, IReadOnlyList<YearMonth>? Unsealed = null)
{
    public bool Agrees => Differences.Count == 0;
}

/// <summary>
/// Loads the roster's terms, the standards, the temporary cases and, month by month, what the ledger settled; the last
/// closed month is also checked line by line, every earlier one by the settlement invariant and its lines' townships.
/// Every closed month's lines are sealed again and compared with the seal of its close and its recorded totals.
/// </summary>
public sealed class VerifyLedgerHandler(IDataSessionFactory data, IPaymentRun run, AuditKey key) : IRequestHandler<VerifyLedger, LedgerVerification>
{
    public async ValueTask<LedgerVerification> Handle(VerifyLedger request, CancellationToken ct)
    {
        int j;
        List<YearMonth> closed;
        Dictionary<YearMonth, PaymentTotals> recorded;
        Dictionary<string, AuditRecord> seals;
        List<BenefitStandard> standards;
        List<TemporaryTerms> temporary;
        List<RetroactiveChange> pendingChanges;
        await using (var session = await data.OpenAsync(ct))
        {
            j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
            var months = await session.ToListAsync(session.Query<PaymentMonth>()
                .Where(m => m.JurisdictionId == j && m.State == PaymentMonthState.Closed), ct);
            closed = months.Select(m => m.Month).OrderBy(m => m).ToList();
            recorded = months.ToDictionary(m => m.Month, m => new PaymentTotals(m.LineCount, m.PaidAmount, m.BackPayAmount, m.RecoveryAmount));
            // The newest seal of each month counts (a month is sealed once; a second would be a forgery the chain shows).
            seals = (await session.ToListAsync(session.Query<AuditRecord>()
                    .Where(r => r.Action == AuditAction.MonthSealed && r.EntityType == MonthSeal.EntityType), ct))
                .GroupBy(r => r.EntityKey ?? "").ToDictionary(g => g.Key, g => g.MaxBy(r => r.Sequence)!);
            standards = await session.ToListAsync(session.Query<BenefitStandard>().Where(s => s.JurisdictionId == j), ct);
            temporary = (await session.ToListAsync(session.Query<Domain.Payments.TemporaryAssistance>().Where(t => t.JurisdictionId == j), ct))
                .Select(t => new TemporaryTerms(t.Id, t.HouseholdId, t.Month, t.Due)).ToList();
            pendingChanges = await session.ToListAsync(session.Query<RetroactiveChange>().Where(c => c.JurisdictionId == j), ct);
        }
        if (closed.Count == 0) return new LedgerVerification(0, 0, 0, []);
        var roster = await run.RosterTermsAsync(j, ct);
        var differences = new List<LedgerDifference>();
        var pendingSeen = new HashSet<int>();
        var lines = 0;
        LedgerMonth? previous = null;
        var unsealed = new List<YearMonth>();
        foreach (var month in closed)
        {
            var record = seals.GetValueOrDefault(MonthSeal.KeyOf(j, month));
            if (record is not null && !record.HasValidHash(key))
                differences.Add(new LedgerDifference(month, null, null, $"{month} 的封存记录（审计第 {record.Sequence} 条）已被改动"));
            var sealedAtClose = record is null ? null : MonthSeal.FromChanges(month, record.Changes);
            if (sealedAtClose is null) unsealed.Add(month);
            differences.AddRange(MonthSealCheck.Differences(month, recorded[month], sealedAtClose, await run.SealAsync(j, month, ct)));

            var ledger = await run.SettledAsync(j, month, ct);
            var pending = PendingIn(month, roster, pendingChanges, ledger);
            pendingSeen.UnionWith(pending);
            lines += ledger.Regular.Count;
            differences.AddRange(LedgerAudit.Settlement(ledger, roster, standards, temporary, pending.Contains));
            differences.AddRange(month == closed[^1]
                ? LedgerAudit.Lines(ledger, previous?.ForMonth == month.Previous ? previous : null, roster, standards, pending.Contains)
                : LedgerAudit.Townships(ledger, roster));
            previous = ledger;
        }
        return new LedgerVerification(closed.Count, lines, pendingSeen.Count, differences, closed.Count - unsealed.Count, unsealed);
    }

    /// <summary>The households a recorded, not yet settled, retroactive change reaches in the month.</summary>
    private static HashSet<int> PendingIn(YearMonth month, RosterTerms roster, IReadOnlyList<RetroactiveChange> changes, LedgerMonth ledger)
    {
        var reaching = changes.Where(c => c.FromMonth <= month).ToList();
        if (reaching.Count == 0) return [];
        var settledVariants = ledger.Regular.GroupBy(l => l.HouseholdId).ToDictionary(g => g.Key, g => g.Select(l => l.VariantCode).ToHashSet());
        return roster.Households.Where(h =>
        {
            var variants = h.Enrollments.Where(e => Entitlement.IsEnrolledIn(e.From, e.To, month)).Select(e => e.VariantCode)
                .Concat(settledVariants.GetValueOrDefault(h.Id) ?? []).ToHashSet();
            return reaching.Any(c => Settlement.Reaches(c, month, h.Id, variants));
        }).Select(h => h.Id).ToHashSet();
    }
}
