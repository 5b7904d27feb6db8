using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Audit;

/// <summary>Checks every link of the audit trail and reports the first broken one.</summary>
[RequiresPermission(Permission.ViewAudit)]
[BureauWide]
public sealed record VerifyAuditChain : IRequest<AuditVerification>;

/// <summary>
/// Reads the trail in sequence order, a batch at a time, so a large log never sits in memory, against the key and the
/// checkpoints kept outside the database; an intact trail gets a new checkpoint.
/// </summary>
public sealed class VerifyAuditChainHandler(IDataSessionFactory data, AuditKey key, IAuditCheckpoints checkpoints)
    : IRequestHandler<VerifyAuditChain, AuditVerification>
{
    public async ValueTask<AuditVerification> Handle(VerifyAuditChain request, CancellationToken ct)
    {
        var result = await VerifyAsync(data, key, await checkpoints.ReadAsync(ct), ct);
        if (result.IsIntact) await checkpoints.WriteAsync(ct);
        return result;
    }

    /// <summary>The walk itself.</summary>
    public static async Task<AuditVerification> VerifyAsync(IDataSessionFactory data, AuditKey key, IReadOnlyList<AuditCheckpoint> checkpoints,
        CancellationToken ct)
    {
        const int batch = 5_000;
        var verifier = new AuditChainVerifier(key, checkpoints);
        if (verifier.Failure is { } unreadable) return unreadable;
        long after = long.MinValue;
        while (true)
        {
            await using var session = await data.OpenAsync(ct);
            var records = await session.ToListAsync(session.Query<AuditRecord>()
                .Where(r => r.Sequence > after).OrderBy(r => r.Sequence).Take(batch), ct);
            foreach (var record in records)
                if (!verifier.Check(record)) return verifier.Result();
            if (records.Count < batch) return verifier.Result();
            after = records[^1].Sequence;
        }
    }
}
