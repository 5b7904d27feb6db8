using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Monitoring;

/// <summary>Where a warning stands.</summary>
public enum WarningState { Open = 1, Resolved = 2 }

/// <summary>
/// 预警: a department's record matched to an assisted person, with the rule that raised it in the words staff read
/// ("2023-06-12 死亡（殡葬记录），7 月仍在发放"), assigned to the household's township with a day to verify it by.
/// </summary>
public sealed class MonitoringWarning
{
    public const int TextMaxLength = 300;

    private MonitoringWarning() { }

    public MonitoringWarning(int jurisdictionId, ExternalRecord record, int householdId, int personId, int townshipId, WarningSeverity severity, string text,
        DateOnly raisedOn, DateOnly dueOn)
    {
        JurisdictionId = jurisdictionId;
        Record = record;
        HouseholdId = householdId;
        PersonId = personId;
        TownshipId = townshipId;
        Severity = severity;
        Text = text.Length <= TextMaxLength ? text : text[..TextMaxLength];
        RaisedOn = raisedOn;
        DueOn = dueOn;
        State = WarningState.Open;
    }

    public long Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public long RecordId { get; private set; }
    public ExternalRecord? Record { get; private set; }
    public int HouseholdId { get; private set; }
    public int PersonId { get; private set; }
    public int TownshipId { get; private set; }
    public WarningSeverity Severity { get; private set; }
    public string Text { get; private set; } = "";
    public DateOnly RaisedOn { get; private set; }
    public DateOnly DueOn { get; private set; }
    public WarningState State { get; private set; }
}

/// <summary>
/// The matching rules, one per kind of record: what a record of a person still assisted means, and how urgent it is.
/// A death or a cancelled registration is red (payment after it is improper); a vehicle, a business, property or a pension
/// that may lift income is yellow; a disability grade change is blue.
/// </summary>
public static class WarningRules
{
    public static WarningSeverity SeverityOf(RecordKind kind) => kind switch
    {
        RecordKind.Death or RecordKind.RegistrationCancelled or RecordKind.Imprisonment => WarningSeverity.Red,
        RecordKind.Disability => WarningSeverity.Blue,
        _ => WarningSeverity.Yellow,
    };

    /// <summary>The warning's text; <paramref name="lastPaidMonth"/> is the last month the person was paid for, if any.</summary>
    public static string TextOf(RecordSource source, ExternalRecord record, YearMonth? lastPaidMonth)
    {
        var date = record.Date?.ToString("yyyy-MM-dd") ?? "";
        var detail = string.IsNullOrWhiteSpace(record.Detail) ? "" : $"：{record.Detail}";
        return source.Kind switch
        {
            RecordKind.Death or RecordKind.RegistrationCancelled or RecordKind.Imprisonment when record.Date is { } on =>
                Messages.Format($"Warning.{source.Kind}", date, source.Department) +
                (lastPaidMonth is { } paid && paid >= YearMonth.Of(on)
                    ? Messages.Format("Warning.StillPaid", paid)
                    : Messages.Get("Warning.StillOnRoster")),
            RecordKind.Pension when record.Amount is { } amount => Messages.Format("Warning.Pension", source.Department, amount.ToString("N2"), date),
            _ => Messages.Format("Warning.Other", source.Department, Messages.Get($"RecordKind.{source.Kind}"), date) + detail,
        };
    }
}
