using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Monitoring;

/// <summary>Where a warning stands.</summary>
public enum WarningState { Open = 1, Resolved = 2 }

/// <summary>How a warning was resolved after verification.</summary>
public enum WarningResolution
{
    /// <summary>核实无误: verified, nothing changes (with the reason).</summary>
    NoChange = 1,
    /// <summary>核实死亡: the person leaves the roster from the month after death; what was paid after it is recovered.</summary>
    Died = 2,
}

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
    public WarningResolution? Resolution { get; private set; }
    public string? ResolutionNote { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }

    /// <summary>Verified and resolved, once, with what was found.</summary>
    public void Resolve(WarningResolution resolution, string? note, DateTime atUtc, string by)
    {
        BusinessRules.Check(new WarningMustBeOpen(State), "WarningId");
        note = string.IsNullOrWhiteSpace(note) ? null : EnteredText.Clean(note);
        BusinessRules.Check(new NoChangeNeedsReason(resolution, note), "Reason");
        State = WarningState.Resolved;
        Resolution = resolution;
        ResolutionNote = note is { Length: > TextMaxLength } ? note[..TextMaxLength] : note;
        ResolvedBy = by;
        ResolvedAtUtc = atUtc;
    }
}

/// <summary>A warning is resolved once.</summary>
public sealed record WarningMustBeOpen(WarningState State) : IBusinessRule
{
    public bool IsBroken() => State != WarningState.Open;
    public string Message => Messages.Get("Warning.NotOpen");
}

/// <summary>"Verified, no change" says why the record does not change the assistance.</summary>
public sealed record NoChangeNeedsReason(WarningResolution Resolution, string? Note) : IBusinessRule
{
    public bool IsBroken() => Resolution == WarningResolution.NoChange && string.IsNullOrWhiteSpace(Note);
    public string Message => Messages.Get("ReasonRequired");
}

/// <summary>Only a death record is resolved as a death, and from its date.</summary>
public sealed record DeathNeedsADeathRecord(bool IsDeathRecord) : IBusinessRule
{
    public bool IsBroken() => !IsDeathRecord;
    public string Message => Messages.Get("Warning.NotADeath");
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
