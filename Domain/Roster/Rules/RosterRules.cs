using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Roster.Rules;

/// <summary>The number must pass GB 11643: 18 characters, a real birth date, the right check character.</summary>
public sealed record IdNumberMustBeValid(string? Text) : IBusinessRule
{
    public bool IsBroken() => IdNumber.Check(Text) is not null;
    public string Message => Messages.Get($"IdNumber.{IdNumber.Check(Text)}");
}

/// <summary>A birth date or sex typed in beside the number must agree with what the number encodes.</summary>
public sealed record EnteredDetailsMustAgreeWithIdNumber(PersonDraft Draft) : IBusinessRule
{
    public bool IsBroken() => IdNumber.TryParse(Draft.IdNumber, out var number) &&
        ((Draft.EnteredBirthDate is { } birth && birth != number.BirthDate) || (Draft.EnteredSex is { } sex && sex != number.Sex));
    public string Message => Messages.Get("IdNumberDisagrees");
}

/// <summary>An ID number belongs to one active person: the same person cannot be on the roster twice.</summary>
public sealed record IdNumberUniqueAmongActivePersons(string IdNumber, bool AlreadyActive) : IBusinessRule
{
    public bool IsBroken() => AlreadyActive;
    public string Message => Messages.Format("IdNumberTaken", Common.Masking.Mask(IdNumber));
}

/// <summary>A person is a member of one household at a time; they leave one before joining another.</summary>
public sealed record PersonBelongsToOneHouseholdAtATime(string IdNumber, int? ActiveHouseholdId) : IBusinessRule
{
    public bool IsBroken() => ActiveHouseholdId is not null;
    public string Message => Messages.Format("PersonInOtherHousehold", Common.Masking.Mask(IdNumber), ActiveHouseholdId);
}

/// <summary>Extreme-poverty support and dibao are alternatives for the same person, never both.</summary>
public sealed record ExtremePovertyAndDibaoExcludeEachOther(bool PersonInDibaoHousehold, bool PersonInExtremePoverty) : IBusinessRule
{
    public bool IsBroken() => PersonInDibaoHousehold && PersonInExtremePoverty;
    public string Message => Messages.Get("ExtremePovertyExcludesDibao");
}

/// <summary>An orphan is not also a de-facto unattended child, and the other way round.</summary>
public sealed record OrphanAndUnattendedChildExcludeEachOther(bool IsOrphan, bool IsUnattendedChild) : IBusinessRule
{
    public bool IsBroken() => IsOrphan && IsUnattendedChild;
    public string Message => Messages.Get("OrphanExcludesUnattended");
}

/// <summary>The nursing subsidy is for severe disability: grade 一级 or 二级.</summary>
public sealed record NursingSubsidyRequiresGradeOneOrTwo(DisabilityGrade? Grade) : IBusinessRule
{
    public bool IsBroken() => Grade is not (DisabilityGrade.One or DisabilityGrade.Two);
    public string Message => Messages.Get("NursingNeedsGrade");
}

/// <summary>The living subsidy is for disabled people in dibao households, unless a local exception is documented.</summary>
public sealed record LivingSubsidyRequiresDibaoHousehold(bool IsDisabled, bool InDibaoHousehold, string? LocalException) : IBusinessRule
{
    public bool IsBroken() => !IsDisabled || (!InDibaoHousehold && string.IsNullOrWhiteSpace(LocalException));
    public string Message => IsDisabled ? Messages.Get("LivingNeedsDibao") : Messages.Get("LivingNeedsDisability");
}

/// <summary>Children's allowances stop at 18.</summary>
public sealed record ChildAllowanceRequiresAgeUnder18(int AgeInMonth) : IBusinessRule
{
    public bool IsBroken() => AgeInMonth >= Person.AdultAge;
    public string Message => Messages.Get("ChildAllowanceNeedsMinor");
}

/// <summary>Dibao follows the registration: urban dibao for urban households, rural for rural.</summary>
public sealed record DibaoMustMatchResidence(ProgrammeVariant Variant, Residence Residence) : IBusinessRule
{
    public bool IsBroken() => Variant.CoversHousehold && Variant.Residence != Residence;
    public string Message => Messages.Format("DibaoResidenceMismatch", Variant.Name);
}

/// <summary>Dibao is enrolled per household, the other programmes per person.</summary>
public sealed record VariantMustSuitEnrolment(ProgrammeVariant Variant, bool ForHousehold) : IBusinessRule
{
    public bool IsBroken() => Variant.CoversHousehold != ForHousehold || !Variant.HasMonthlyStandard;
    public string Message => Messages.Format(ForHousehold ? "VariantNotForHousehold" : "VariantNotForPerson", Variant.Name);
}

/// <summary>A household has exactly one head among its active members.</summary>
public sealed record HouseholdHasExactlyOneHead(int Heads) : IBusinessRule
{
    public bool IsBroken() => Heads != 1;
    public string Message => Messages.Get("OneHeadPerHousehold");
}

/// <summary>
/// A change dated into a closed payment month would alter money already paid: it is refused here and made through
/// the payment month's correction flow (back pay or recovery in the next open month).
/// </summary>
public sealed record ChangeCannotBeDatedIntoClosedMonth(YearMonth Month, YearMonth? LastClosed) : IBusinessRule
{
    public bool IsBroken() => LastClosed is { } closed && Month <= closed;
    public string Message => Messages.Format("ChangeIntoClosedMonthNotAllowed", Month, LastClosed);
}

/// <summary>
/// A registration or change takes effect no later than the next open payment month (or next month, when the months
/// lag behind the calendar): a mistyped 2035-01 would otherwise block every later change of the household. A change
/// planned ahead is allowed when the clerk says so, up to a year ahead.
/// </summary>
public sealed record ChangeMonthNoLaterThanNextOpen(YearMonth Month, YearMonth NextOpen, YearMonth CurrentMonth, bool Planned) : IBusinessRule
{
    public const int PlannedMonthsAhead = 12;

    /// <summary>The latest month a change may take effect from without being planned.</summary>
    public YearMonth Latest => NextOpen > CurrentMonth.Next ? NextOpen : CurrentMonth.Next;

    public bool IsBroken() => Month > (Planned ? Latest.AddMonths(PlannedMonthsAhead) : Latest);
    public string Message => Planned
        ? Messages.Format("PlannedMonthTooLate", Month, Latest.AddMonths(PlannedMonthsAhead), PlannedMonthsAhead)
        : Messages.Format("ChangeMonthTooLate", Month, Latest);
}

/// <summary>Only an active household can change; a stopped one is registered anew.</summary>
public sealed record HouseholdMustBeActive(HouseholdStatus Status) : IBusinessRule
{
    public bool IsBroken() => Status != HouseholdStatus.Active;
    public string Message => Messages.Get("HouseholdStopped");
}

/// <summary>
/// A change concerns what exists at its month: nothing changes before the household was registered, a member joined or
/// an enrolment began. Other changes recorded since do not block it, so a stop found late can always be dated back.
/// </summary>
public sealed record ChangeCannotPrecedeRegistration(YearMonth Month, YearMonth Since) : IBusinessRule
{
    public bool IsBroken() => Month < Since;
    public string Message => Messages.Format("ChangeBeforeStart", Since);
}

/// <summary>Moves are recorded in the order they happen, so the township of every month is known.</summary>
public sealed record MovesFollowEachOther(YearMonth Month, YearMonth? LastMove) : IBusinessRule
{
    public bool IsBroken() => LastMove is { } last && Month <= last;
    public string Message => Messages.Format("MoveBeforeLastMove", LastMove);
}

/// <summary>A move goes somewhere else.</summary>
public sealed record MoveMustChangeCommunity(bool SameCommunity) : IBusinessRule
{
    public bool IsBroken() => SameCommunity;
    public string Message => Messages.Get("MoveSameCommunity");
}

/// <summary>Nobody is a member of a household, or paid, for months before they were born.</summary>
public sealed record MemberJoinsNoEarlierThanBirthMonth(DateOnly BirthDate, YearMonth Month) : IBusinessRule
{
    public bool IsBroken() => Month.LastDay < BirthDate;
    public string Message => Messages.Format("JoinBeforeBirth", BirthDate.ToString("yyyy-MM"));
}

/// <summary>"Other" as a stop reason needs the reason written out.</summary>
public sealed record OtherStopReasonNeedsText(StopReason Reason, string? Note) : IBusinessRule
{
    public bool IsBroken() => Reason == StopReason.Other && string.IsNullOrWhiteSpace(Note);
    public string Message => Messages.Get("StopNoteRequired");
}

/// <summary>
/// A stored text field fits its column (the database's nvarchar on SQL Server): checked by the model itself, so the
/// form, the import and the command line cannot differ (an import once stored a 10,000-character name).
/// </summary>
public sealed record TextMustFit(string? Text, int MaxLength) : IBusinessRule
{
    public bool IsBroken() => (Text?.Length ?? 0) > MaxLength;
    public string Message => Messages.Format("TextTooLong", MaxLength);
}

/// <summary>A bank account is digits only (6 to 30), so nothing a spreadsheet would run as a formula reaches the bank's file.</summary>
public sealed record BankAccountMustBeDigits(string? Account) : IBusinessRule
{
    public bool IsBroken() => !string.IsNullOrEmpty(Account) && !BankAccountNumber.IsWellFormed(Account);
    public string Message => !string.IsNullOrEmpty(Account) && BankAccountNumber.HasShape(Account)
        ? Messages.Get("BankAccountCheckDigit")
        : Messages.Format("BankAccountDigits", BankAccountNumber.MinLength, BankAccountNumber.MaxLength);
}

/// <summary>低保边缘家庭 are those just above the line: a household receiving dibao is not one.</summary>
public sealed record NearPovertyExcludesDibao(bool ReceivesDibao) : IBusinessRule
{
    public bool IsBroken() => ReceivesDibao;
    public string Message => Messages.Get("NearPovertyExcludesDibao");
}

/// <summary>Only a household that is a 低保边缘家庭 leaves that status.</summary>
public sealed record NearPovertyMustBeSet(bool IsSet) : IBusinessRule
{
    public bool IsBroken() => !IsSet;
    public string Message => Messages.Get("NearPovertyNotSet");
}

/// <summary>
/// 单人保 (民发〔2022〕83号): only in a 低保边缘家庭 without household dibao, for an adult with a grade 1 or 2 disability or a
/// certified serious illness (重病), once, and not beside extreme-poverty support.
/// </summary>
public sealed record SinglePersonDibaoRules(bool NearPoverty, bool HouseholdDibao, int Age, DisabilityGrade? Grade, bool SeriouslyIll, bool AlreadySingle,
    bool ExtremePoverty) : IBusinessRule
{
    private bool Qualifies => Age >= Person.AdultAge && (Grade is DisabilityGrade.One or DisabilityGrade.Two || SeriouslyIll);

    public bool IsBroken() => !NearPoverty || HouseholdDibao || !Qualifies || AlreadySingle || ExtremePoverty;

    public string Message => Messages.Get(!NearPoverty ? "SinglePerson.NotNearPoverty"
        : HouseholdDibao ? "SinglePerson.HouseholdDibao"
        : !Qualifies ? "SinglePerson.NotSeverelyDisabledAdult"
        : AlreadySingle ? "SinglePerson.Already" : "SinglePerson.ExtremePoverty");
}
