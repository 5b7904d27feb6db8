using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Roster;

/// <summary>A member of a household. Birth date and sex come from the ID number; female, elderly and minor are derived from them.</summary>
public sealed class Person : IVersioned
{
    public const int NameMaxLength = 30;
    public const int ElderlyAge = 60;
    public const int AdultAge = 18;

    private Person() { }

    internal Person(PersonDraft draft, YearMonth joined)
    {
        Correct(draft);
        Status = PersonStatus.Active;
        JoinedMonth = joined;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int HouseholdId { get; private set; }
    public Household? Household { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The full number; shown masked everywhere unless revealed (audited).</summary>
    [Sensitive]
    public string IdNumber { get; private set; } = "";
    /// <summary>Last four characters, indexed: staff search by them.</summary>
    public string IdTail { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    public Sex Sex { get; private set; }
    public Relationship Relationship { get; private set; }
    public DisabilityCategory? DisabilityCategory { get; private set; }
    public DisabilityGrade? DisabilityGrade { get; private set; }
    public WorkCapacity WorkCapacity { get; private set; }
    public PersonStatus Status { get; private set; }
    /// <summary>知青: a returned sent-down youth, counted by the bureau (皇姑区's report: 116) though not a programme of its own.</summary>
    public bool SentDownYouth { get; private set; }

    internal void MarkSentDownYouth(bool value) => SentDownYouth = value;

    /// <summary>重病: a serious illness certified (e.g. a 慢特病 card): makes a household stable for 复核 and allows 单人保.</summary>
    public bool SeriouslyIll { get; private set; }

    internal void MarkSeriouslyIll(bool value) => SeriouslyIll = value;
    public YearMonth JoinedMonth { get; private set; }
    public YearMonth? LeftMonth { get; private set; }
    public Guid Version { get; set; }

    public bool IsActive => Status == PersonStatus.Active;
    public bool IsFemale => Sex == Sex.Female;
    public bool IsDisabled => DisabilityGrade is not null;

    /// <summary>Age in completed years on the first day of <paramref name="month"/>.</summary>
    public int AgeAt(YearMonth month) => AgeOn(BirthDate, month.FirstDay);

    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day < birth.AddYears(age)) age--;
        return age;
    }

    // Stated as birth-date cut-offs so the payment run's SQL applies exactly the same test.
    public bool IsElderlyAt(YearMonth month) => BirthDate <= ElderlyIfBornOnOrBefore(month);
    public bool IsMinorAt(YearMonth month) => BirthDate > AdultIfBornOnOrBefore(month);

    /// <summary>Whoever was born on or before this day is 60 or older on the first day of the month.</summary>
    public static DateOnly ElderlyIfBornOnOrBefore(YearMonth month) => month.FirstDay.AddYears(-ElderlyAge);

    /// <summary>Whoever was born on or before this day is 18 or older on the first day of the month.</summary>
    public static DateOnly AdultIfBornOnOrBefore(YearMonth month) => month.FirstDay.AddYears(-AdultAge);

    /// <summary>The first month on whose first day someone born on <paramref name="birth"/> is 18.</summary>
    public static YearMonth FirstMonthAsAdult(DateOnly birth)
    {
        var eighteenth = birth.AddYears(AdultAge);
        if (eighteenth.Year < YearMonth.MinYear) return new YearMonth(YearMonth.MinYear, 1);
        var month = YearMonth.Of(eighteenth);
        return eighteenth.Day == 1 ? month : month.Next;
    }

    internal void Leave(YearMonth month, bool died)
    {
        Status = died ? PersonStatus.Deceased : PersonStatus.Removed;
        LeftMonth = month.Previous;
    }

    internal void BecomeHead() => Relationship = Relationship.Head;

    /// <summary>The membership this person had before a change that is being undone.</summary>
    internal void ResetMembership(PersonStatus status, YearMonth? leftMonth, Relationship relationship)
    {
        Status = status;
        LeftMonth = leftMonth;
        Relationship = relationship;
    }

    /// <summary>The person's details as entered (or, for 更正, as they should have been); birth date and sex follow the number.</summary>
    internal void Correct(PersonDraft draft)
    {
        var number = Roster.IdNumber.Parse(draft.IdNumber);
        Name = EnteredText.Clean(draft.Name);
        IdNumber = number.Value;
        IdTail = number.LastFour;
        BirthDate = number.BirthDate;
        Sex = number.Sex;
        Relationship = draft.Relationship;
        DisabilityCategory = draft.DisabilityGrade is null ? null : draft.DisabilityCategory;
        DisabilityGrade = draft.DisabilityGrade;
        WorkCapacity = draft.WorkCapacity;
    }

    internal void CorrectJoined(YearMonth month) => JoinedMonth = month;

}

/// <summary>A person as a form or an import row enters them.</summary>
public sealed record PersonDraft(
    string Name,
    string IdNumber,
    Relationship Relationship,
    DisabilityCategory? DisabilityCategory = null,
    DisabilityGrade? DisabilityGrade = null,
    WorkCapacity WorkCapacity = WorkCapacity.Full,
    Sex? EnteredSex = null,
    DateOnly? EnteredBirthDate = null);
