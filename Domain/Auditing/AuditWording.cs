using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;

namespace CivilAffairs.Domain.Auditing;

/// <summary>
/// The audit log in the words of the pages: entities, fields and values in Chinese (户, 成员, 救助标准; 已计算), months
/// as 2023-07, amounts in yuan, programme codes by their names, accounts by their holders. The log page and its export
/// both read records through here, so they say the same.
/// </summary>
public static class AuditWording
{
    private static readonly string[] AmountFields =
        ["MonthlyAmount", "PreviousAmount", "Amount", "PaidAmount", "BackPayAmount", "RecoveryAmount", "ControlTotal"];

    private static readonly Dictionary<string, Type?> EntityTypes = [];

    /// <summary>The entity's name in Chinese, or its type name when it has none.</summary>
    public static string EntityName(string entityType) => Lookup($"Entity.{entityType}") ?? entityType;

    /// <summary>What the record is about: an account by its holder, otherwise its key.</summary>
    public static string? Subject(string entityType, string? entityKey, StaffNames staff) =>
        entityType is "Account" or "ApplicationUser" ? staff.DescribeId(entityKey) ?? entityKey : entityKey;

    /// <summary>The record's field changes with Chinese field names and values as the pages show them.</summary>
    public static IReadOnlyList<FieldChange> Changes(string entityType, string? changesJson)
    {
        if (string.IsNullOrEmpty(changesJson)) return [];
        List<FieldChange>? changes;
        try
        {
            changes = JsonSerializer.Deserialize<List<FieldChange>>(changesJson);
        }
        catch (JsonException)
        {
            return [new FieldChange("", null, changesJson)];
        }
        if (changes is null) return [];
        var type = EntityTypeOf(entityType);
        return changes.Select(c => new FieldChange(FieldName(entityType, c.Field), Value(type, c.Field, c.Old), Value(type, c.Field, c.New))).ToList();
    }

    /// <summary>The changes as one line of text, for the export.</summary>
    public static string ChangesText(string entityType, string? changesJson) =>
        string.Join("；", Changes(entityType, changesJson).Select(c => $"{c.Field}：{c.Old ?? "—"} → {c.New ?? "—"}"));

    public static string FieldName(string entityType, string field) =>
        Lookup($"Field.{entityType}.{field}") ?? Lookup($"Field.{field}") ?? field;

    private static string? Value(Type? entity, string field, string? value)
    {
        if (value is null) return null;
        if (field == "VariantCode") return ProgrammeCatalogue.Find(value)?.Name ?? value;
        if (AmountFields.Contains(field) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            return Messages.Format("Audit.Yuan", amount.ToString("N2", CultureInfo.InvariantCulture));
        if (field.EndsWith("Utc", StringComparison.Ordinal)
            && DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
            return utc.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var propertyType = entity?.GetProperty(field, BindingFlags.Public | BindingFlags.Instance)?.PropertyType;
        propertyType = propertyType is null ? null : Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (propertyType == typeof(bool) || value is "True" or "False")
            return Messages.Get(value == "True" ? "Audit.Yes" : "Audit.No");
        if (propertyType is { IsEnum: true }) return Lookup($"{propertyType.Name}.{value}") ?? value;
        return value;
    }

    private static Type? EntityTypeOf(string name)
    {
        lock (EntityTypes)
        {
            if (!EntityTypes.TryGetValue(name, out var type))
                EntityTypes[name] = type = typeof(AuditWording).Assembly.GetTypes().FirstOrDefault(t => t.Name == name && t.IsClass && !t.IsAbstract);
            return type;
        }
    }

    private static string? Lookup(string key)
    {
        var text = Messages.Get(key);
        return text == key ? null : text;
    }
}
