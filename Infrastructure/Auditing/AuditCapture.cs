using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CivilAffairs.Infrastructure.Auditing;

/// <summary>
/// Reads what a save is about to change, field by field, before EF forgets the original values; after the save
/// (when generated keys are known) it turns them into audit records.
/// </summary>
internal sealed class AuditCapture
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Identity's bookkeeping columns say nothing a reader of the trail needs, or are secrets. A change's undo snapshot
    // repeats the household's earlier values, which the trail already holds field by field.
    private static readonly HashSet<string> Skipped =
    [
        nameof(IVersioned.Version), "ConcurrencyStamp", "SecurityStamp", "NormalizedUserName", "NormalizedEmail", "NormalizedName",
        nameof(Domain.Roster.HouseholdEvent.UndoState),
    ];
    private static readonly HashSet<string> Secret = ["PasswordHash"];

    private readonly List<(EntityEntry Entry, AuditAction Action, List<FieldChange> Changes, string? KeyBefore, HashSet<string> Temporary)> _pending = [];

    public bool IsEmpty => _pending.Count == 0;

    public static AuditCapture Take(ChangeTracker tracker)
    {
        var capture = new AuditCapture();
        foreach (var entry in tracker.Entries())
        {
            // Sessions are bookkeeping of the sign-in; their start and end are audited as events (登录, 退出, 结束会话).
            if (entry.Entity is AuditRecord or DataProtectionKeyRecord or Identity.SignInSession) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Modified => AuditAction.Update,
                EntityState.Deleted => AuditAction.Delete,
                _ => (AuditAction?)null,
            };
            if (action is null) continue;

            var changes = new List<FieldChange>();
            // Keys EF has not generated yet (an id, or a parent's id of a row saved in the same call) are written after
            // the save, with their real values: a reader must never see a placeholder such as -2147482647.
            var temporary = new HashSet<string>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (Skipped.Contains(name)) continue;
                if (property.IsTemporary) temporary.Add(name);
                if (action == AuditAction.Update && !property.IsModified) continue;
                var old = action == AuditAction.Create ? null : Render(property.Metadata, property.OriginalValue);
                var @new = action == AuditAction.Delete ? null : Render(property.Metadata, property.CurrentValue);
                if (action == AuditAction.Update && old == @new) continue;
                changes.Add(new FieldChange(name, old, @new));
            }
            if (action == AuditAction.Update && changes.Count == 0) continue;
            capture._pending.Add((entry, action.Value, changes, action == AuditAction.Create ? null : KeyOf(entry), temporary));
        }
        return capture;
    }

    public IEnumerable<AuditRecord> ToRecords(DateTime nowUtc, string userName, string? reason) =>
        _pending.Select(p => new AuditRecord(nowUtc, userName, p.Action, EntityName(p.Entry.Metadata.ClrType),
            p.KeyBefore ?? KeyOf(p.Entry), JsonSerializer.Serialize(WithRealKeys(p.Entry, p.Changes, p.Temporary), Json), reason));

    private static List<FieldChange> WithRealKeys(EntityEntry entry, List<FieldChange> changes, HashSet<string> temporary) =>
        temporary.Count == 0 ? changes : changes.Select(c => temporary.Contains(c.Field)
            ? c with { New = Render(entry.Property(c.Field).Metadata, entry.Property(c.Field).CurrentValue) }
            : c).ToList();

    /// <summary>The type's name without a generic arity (IdentityUserRole`1 → IdentityUserRole), as filters and readers use it.</summary>
    private static string EntityName(Type type) => type.Name.Split('`')[0];

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
    }

    private static string? Render(IProperty property, object? value)
    {
        if (value is null) return null;
        if (Secret.Contains(property.Name)) return "******";
        if (property.PropertyInfo?.GetCustomAttribute<SensitiveAttribute>() is not null) return Masking.Mask(value.ToString()!);
        return value switch
        {
            decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            YearMonth m => m.ToString(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
