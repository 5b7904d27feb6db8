using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Audit;

/// <summary>Checks every link of the audit trail and reports the first broken one.</summary>
[RequiresPermission(Permission.ViewAudit)]
public sealed record VerifyAuditChain : IRequest<AuditVerification>;

/// <summary>Reads the trail in sequence order, a batch at a time, so a large log never sits in memory.</summary>
public sealed class VerifyAuditChainHandler(IDataSessionFactory data) : IRequestHandler<VerifyAuditChain, AuditVerification>
{
    public ValueTask<AuditVerification> Handle(VerifyAuditChain request, CancellationToken ct) => new(VerifyAsync(data, ct));

    /// <summary>The walk itself, shared with the verify-audit command line.</summary>
    public static async Task<AuditVerification> VerifyAsync(IDataSessionFactory data, CancellationToken ct)
    {
        const int batch = 5_000;
        var verifier = new AuditChainVerifier();
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
