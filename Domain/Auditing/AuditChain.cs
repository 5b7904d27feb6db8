namespace CivilAffairs.Domain.Auditing;

/// <summary>The verdict on the audit trail: intact, or where it first breaks and how.</summary>
public sealed record AuditVerification(bool IsIntact, long RecordsChecked, long? BrokenAtSequence, string? Problem,
    long LastSequence, string LastHash, int CheckpointsChecked = 0);

/// <summary>
/// A note, kept outside the database, that the trail once reached <paramref name="Sequence"/> with <paramref name="Hash"/>:
/// a trail re-hashed before it, or cut short of it, no longer agrees. Signed with the audit key.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTime WrittenAtUtc, string Signature)
{
    public static AuditCheckpoint Of(long sequence, string hash, DateTime writtenAtUtc, AuditKey key) =>
        new(sequence, hash, writtenAtUtc, key.Sign(Text(sequence, hash, writtenAtUtc)));

    public bool IsSignedBy(AuditKey key) => key.Verify(Text(Sequence, Hash, WrittenAtUtc), Signature);

    private static string Text(long sequence, string hash, DateTime writtenAtUtc) =>
        FormattableString.Invariant($"checkpoint\u001f{sequence}\u001f{hash}\u001f{writtenAtUtc.Ticks}");
}

/// <summary>Where the checkpoints are kept (a file the bureau keeps, outside the database).</summary>
public interface IAuditCheckpoints
{
    Task<IReadOnlyList<AuditCheckpoint>> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Notes the trail's last record, if it moved since the last checkpoint; returns the checkpoint written, if any.</summary>
    Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken = default);
}

/// <summary>Records events that are not rows written by a use case; writes are audited by the persistence layer itself.</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}

/// <summary>
/// Walks the trail in order and checks every link: sequence, previous hash, the record's own keyed hash (plain SHA-256
/// only for the records before the key), and the checkpoints kept outside the database, which a re-hashed or cut
/// trail no longer matches.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly AuditKey _key;
    private readonly Dictionary<long, AuditCheckpoint> _checkpoints = [];
    private readonly AuditCheckpoint? _lastCheckpoint;
    private readonly string? _checkpointProblem;
    private long _expectedSequence = 1;
    private string _previousHash = AuditRecord.Genesis;
    private bool _keyed;
    private long _checked;
    private int _checkpointsChecked;

    public AuditChainVerifier(AuditKey key, IReadOnlyList<AuditCheckpoint>? checkpoints = null)
    {
        _key = key;
        foreach (var (checkpoint, line) in (checkpoints ?? []).Select((c, i) => (c, i + 1)))
        {
            if (!checkpoint.IsSignedBy(key))
            {
                _checkpointProblem ??= $"检查点第 {line} 条的签名不符（检查点被改动，或密钥不是记录审计时的密钥）";
                continue;
            }
            _checkpoints[checkpoint.Sequence] = checkpoint;
            if (_lastCheckpoint is null || checkpoint.Sequence > _lastCheckpoint.Sequence) _lastCheckpoint = checkpoint;
        }
        if (_checkpointProblem is not null) Failure = new AuditVerification(false, 0, null, _checkpointProblem, 0, AuditRecord.Genesis);
    }

    public AuditVerification? Failure { get; private set; }

    /// <summary>Checks the next record; returns false at the first broken link (then see <see cref="Failure"/>).</summary>
    public bool Check(AuditRecord record)
    {
        if (Failure is not null) return false;
        string? problem = null;
        if (record.Sequence > _expectedSequence)
            problem = record.Sequence == _expectedSequence + 1
                ? $"第 {_expectedSequence} 条记录已被删除"
                : $"第 {_expectedSequence}–{record.Sequence - 1} 条记录已被删除";
        else if (record.Sequence < _expectedSequence)
            problem = $"第 {record.Sequence} 条记录重复或顺序被改动";
        else if (record.PreviousHash != _previousHash)
            problem = $"第 {record.Sequence} 条记录与前一条的链接不符（前一条被改动或删除）";
        else if (_keyed && record.HashKind != AuditHashKind.HmacSha256)
            problem = $"第 {record.Sequence} 条记录没有密钥签名（记录被改写后重新计算了哈希）";
        else if (!record.HasValidHash(_key))
            problem = $"第 {record.Sequence} 条记录的内容已被改动";
        else if (_checkpoints.TryGetValue(record.Sequence, out var checkpoint) && checkpoint.Hash != record.Hash)
            problem = $"第 {record.Sequence} 条记录与 {checkpoint.WrittenAtUtc:yyyy-MM-dd HH:mm} UTC 的检查点不符（此前的记录被改写）";

        if (problem is not null)
        {
            Failure = new AuditVerification(false, _checked, Math.Min(record.Sequence, _expectedSequence), problem,
                record.Sequence, record.Hash, _checkpointsChecked);
            return false;
        }

        if (_checkpoints.ContainsKey(record.Sequence)) _checkpointsChecked++;
        _keyed |= record.HashKind == AuditHashKind.HmacSha256;
        _checked++;
        _expectedSequence++;
        _previousHash = record.Hash;
        return true;
    }

    public AuditVerification Result()
    {
        if (Failure is not null) return Failure;
        var last = _expectedSequence - 1;
        if (_lastCheckpoint is not null && _lastCheckpoint.Sequence > last)
            return Failure = new AuditVerification(false, _checked, last + 1,
                $"第 {last + 1}–{_lastCheckpoint.Sequence} 条记录已被删除（{_lastCheckpoint.WrittenAtUtc:yyyy-MM-dd HH:mm} UTC 的检查点记到第 {_lastCheckpoint.Sequence} 条，库中只到第 {last} 条）",
                last, _previousHash, _checkpointsChecked);
        return new AuditVerification(true, _checked, null, null, last, _previousHash, _checkpointsChecked);
    }
}
