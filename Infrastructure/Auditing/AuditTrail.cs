using CivilAffairs.Domain.Auditing;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Infrastructure.Auditing;

/// <summary>Appends events (sign-in, refusals, reveals) to the same hash-chained trail as the writes.</summary>
public sealed class AuditTrail(IDbContextFactory<DashboardDbContext> contexts) : IAuditTrail
{
    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        context.AuditRecords.Add(new AuditRecord(DateTime.UtcNow, auditEvent.UserName, auditEvent.Action,
            auditEvent.EntityType, auditEvent.EntityKey, null, auditEvent.Reason));
        await context.SaveChangesAsync(cancellationToken);
    }
}
