using CivilAffairs.Domain.Auditing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilAffairs.Infrastructure.Auditing;

/// <summary>
/// Writes an audit checkpoint every Security:Audit:CheckpointMinutes (5 by default) and when the service stops,
/// so a cut tail or a re-hashed trail is caught back to at most that long before.
/// </summary>
public sealed class AuditCheckpointWriter(IAuditCheckpoints checkpoints, IConfiguration configuration, ILogger<AuditCheckpointWriter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Security:Audit:CheckpointMinutes", 5))));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await WriteAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(cancellationToken);
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        try
        {
            await checkpoints.WriteAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The trail itself is intact without a checkpoint; the next tick tries again.
            logger.LogError(e, "审计检查点写入失败");
        }
    }
}
