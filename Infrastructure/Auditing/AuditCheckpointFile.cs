using System.Globalization;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilAffairs.Infrastructure.Auditing;

/// <summary>
/// The audit trail's checkpoints in a file outside the database (Security:Audit:CheckpointFile), one signed line
/// each, appended and flushed to disk; each is also logged, so a log the bureau forwards (syslog) keeps a copy.
/// </summary>
public sealed class AuditCheckpointFile(string path, AuditKey key, IDbContextFactory<DashboardDbContext> contexts, IClock clock,
    ILogger<AuditCheckpointFile> logger) : IAuditCheckpoints
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public string Path { get; } = path;

    public async Task<IReadOnlyList<AuditCheckpoint>> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path)) return [];
        var checkpoints = new List<AuditCheckpoint>();
        foreach (var line in await File.ReadAllLinesAsync(Path, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split('\t');
            // A line that does not parse is kept as an unsigned checkpoint, so the verifier reports the file as altered.
            checkpoints.Add(parts.Length == 4
                            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                            && ticks <= DateTime.MaxValue.Ticks
                ? new AuditCheckpoint(sequence, parts[1], new DateTime(ticks, DateTimeKind.Utc), parts[3])
                : new AuditCheckpoint(0, "", DateTime.MinValue, ""));
        }
        return checkpoints;
    }

    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var last = await context.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence)
                .Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(cancellationToken);
            if (last is null) return null;
            var previous = (await ReadAsync(cancellationToken)).Where(c => c.IsSignedBy(key)).MaxBy(c => c.Sequence);
            if (previous is not null && previous.Sequence >= last.Sequence) return null;

            var checkpoint = AuditCheckpoint.Of(last.Sequence, last.Hash, clock.Now.UtcDateTime, key);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows() && !File.Exists(Path)) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var stream = new FileStream(Path, options))
            {
                var line = string.Join('\t', checkpoint.Sequence.ToString(CultureInfo.InvariantCulture), checkpoint.Hash,
                    checkpoint.WrittenAtUtc.Ticks.ToString(CultureInfo.InvariantCulture), checkpoint.Signature) + "\n";
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line), cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            logger.LogInformation("审计检查点：第 {Sequence} 条，哈希 {Hash}，签名 {Signature}", checkpoint.Sequence, checkpoint.Hash, checkpoint.Signature);
            return checkpoint;
        }
        finally
        {
            _writing.Release();
        }
    }
}
