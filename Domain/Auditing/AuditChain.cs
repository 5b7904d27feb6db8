namespace CivilAffairs.Domain.Auditing;

/// <summary>The verdict on the audit trail: intact, or where it first breaks and how.</summary>
public sealed record AuditVerification(bool IsIntact, long RecordsChecked, long? BrokenAtSequence, string? Problem,
    long LastSequence, string LastHash);

/// <summary>Records events that are not rows written by a use case; writes are audited by the persistence layer itself.</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}

/// <summary>Walks the trail in order and checks every link: sequence, previous hash and the record's own hash.</summary>
public sealed class AuditChainVerifier
{
    private long _expectedSequence = 1;
    private string _previousHash = AuditRecord.Genesis;
    private long _checked;

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
        else if (record.ComputeHash() != record.Hash)
            problem = $"第 {record.Sequence} 条记录的内容已被改动";

        if (problem is not null)
        {
            Failure = new AuditVerification(false, _checked, Math.Min(record.Sequence, _expectedSequence), problem,
                record.Sequence, record.Hash);
            return false;
        }

        _checked++;
        _expectedSequence++;
        _previousHash = record.Hash;
        return true;
    }

    public AuditVerification Result() =>
        Failure ?? new AuditVerification(true, _checked, null, null, _expectedSequence - 1, _previousHash);
}
