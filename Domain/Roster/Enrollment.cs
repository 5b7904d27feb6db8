using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Roster;

/// <summary>
/// A household (dibao) or a person (the other programmes) in a programme variant from a month until a month.
/// A tier change ends one enrolment and starts the next, so history stays readable.
/// </summary>
public sealed class Enrollment : IVersioned
{
    public const int NoteMaxLength = 200;

    private Enrollment() { }

    internal Enrollment(Household household, Person? person, ProgrammeVariant variant, YearMonth from, string? localException)
    {
        Household = household;
        Person = person;
        VariantCode = variant.Code;
        FromMonth = from;
        LocalExceptionNote = string.IsNullOrWhiteSpace(localException) ? null : localException.Trim();
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int HouseholdId { get; private set; }
    public Household? Household { get; private set; }
    /// <summary>Null for a household enrolment (dibao covers every active member).</summary>
    public int? PersonId { get; private set; }
    public Person? Person { get; private set; }
    public string VariantCode { get; private set; } = "";
    public ProgrammeVariant? Variant { get; private set; }
    public YearMonth FromMonth { get; private set; }
    /// <summary>The last month covered; null while open.</summary>
    public YearMonth? ToMonth { get; private set; }
    public StopReason? StopReason { get; private set; }
    public string? StopNote { get; private set; }
    /// <summary>The documented local exception allowing a living subsidy outside a dibao household.</summary>
    public string? LocalExceptionNote { get; private set; }
    /// <summary>For extreme-poverty support, the 照料护理 level assessed when the person was enrolled.</summary>
    public CareLevel? CareLevel { get; private set; }

    internal void AssessCare(CareLevel? level) => CareLevel = level;
    public Guid Version { get; set; }

    public bool IsOpen => ToMonth is null;
    public bool IsActiveIn(YearMonth month) => Entitlement.IsEnrolledIn(FromMonth, ToMonth, month);

    /// <summary>Ended before it began: a change dated back (a stop found late) cancelled it before it took effect.</summary>
    public bool NeverTookEffect => ToMonth is { } to && to < FromMonth;

    /// <summary>Covers <paramref name="month"/> or some month after it.</summary>
    public bool CoversFrom(YearMonth month) => !NeverTookEffect && (ToMonth is null || ToMonth >= month);

    /// <summary>A registration month corrected: the enrolment that began with it begins with the corrected one.</summary>
    internal void CorrectStart(YearMonth month) => FromMonth = month;

    /// <summary>The end this enrolment had before a change that is being undone.</summary>
    internal void ResetEnd(YearMonth? to, StopReason? reason, string? note)
    {
        ToMonth = to;
        StopReason = reason;
        StopNote = note;
    }

    /// <summary>An end at 18 re-dated for a corrected birth date: to the new last month under 18, or open again when that is still to come.</summary>
    internal void ReviseAgeEnd(DateOnly birthDate, YearMonth nextOpen)
    {
        var last = Person.FirstMonthAsAdult(birthDate).Previous;
        if (last >= nextOpen) { ToMonth = null; StopReason = null; StopNote = null; }
        else ToMonth = last;
    }

    /// <summary>
    /// Ends the enrolment so that <paramref name="from"/> is the first month no longer covered; from its first month or
    /// earlier, it never takes effect. An end only ever shortens an enrolment.
    /// </summary>
    internal void End(YearMonth from, StopReason? reason, string? note)
    {
        var last = from <= FromMonth ? FromMonth.Previous : from.Previous;
        if (ToMonth is { } to && to <= last) return;
        ToMonth = last;
        StopReason = reason;
        StopNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

/// <summary>One line of a household's timeline (动态管理记录).</summary>
public sealed class HouseholdEvent
{
    public const int DescriptionMaxLength = 300;

    private HouseholdEvent() { }

    internal HouseholdEvent(HouseholdEventKind kind, YearMonth month, string description, DateTime recordedAtUtc, string recordedBy,
        string? undoState = null)
    {
        UndoState = undoState;
        Kind = kind;
        Month = month;
        Description = description.Length <= DescriptionMaxLength ? description : description[..DescriptionMaxLength];
        RecordedAtUtc = recordedAtUtc;
        RecordedBy = recordedBy;
    }

    public long Id { get; private set; }
    public int HouseholdId { get; private set; }
    public HouseholdEventKind Kind { get; private set; }
    /// <summary>The month the change takes effect.</summary>
    public YearMonth Month { get; private set; }
    public string Description { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
    public string RecordedBy { get; private set; } = "";
    /// <summary>
    /// The household as it was before this change (<see cref="HouseholdSnapshot"/>), so 撤销 can put it back while the
    /// change has not been paid; null for what cannot be undone (a registration, a correction, an end at 18).
    /// </summary>
    public string? UndoState { get; private set; }
    /// <summary>When the change was undone (撤销); it stays on the timeline, struck through.</summary>
    public DateTime? UndoneAtUtc { get; private set; }

    internal void CorrectMonth(YearMonth month) => Month = month;

    internal void MarkUndone(DateTime atUtc) => UndoneAtUtc = atUtc;
}

/// <summary>
/// 迁移记录: the household lived in <see cref="FromCommunityId"/> until the month before <see cref="FromMonth"/>. The
/// household's own community is where it lives after its last move.
/// </summary>
public sealed class HouseholdMove
{
    private HouseholdMove() { }

    internal HouseholdMove(Household household, YearMonth fromMonth, int fromCommunityId, int toCommunityId)
    {
        Household = household;
        FromMonth = fromMonth;
        FromCommunityId = fromCommunityId;
        ToCommunityId = toCommunityId;
    }

    public long Id { get; private set; }
    public int HouseholdId { get; private set; }
    public Household? Household { get; private set; }
    /// <summary>The first month in the new community.</summary>
    public YearMonth FromMonth { get; private set; }
    public int FromCommunityId { get; private set; }
    public int ToCommunityId { get; private set; }
}
