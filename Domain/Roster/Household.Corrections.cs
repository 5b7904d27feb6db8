using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster.Rules;

namespace CivilAffairs.Domain.Roster;

/// <summary>One field put right by a correction, as the timeline and the preview show it (sensitive values masked).</summary>
public sealed record FieldCorrection(string Field, string? Before, string? After);

/// <summary>
/// 更正 and 恢复. A correction puts right what was entered wrong — it is not an event in the household's life, so it
/// takes effect from the start: whatever money it changes in closed months is settled by the next payment run (back
/// pay or recovery), which the handler shows before saving. A restore is an event: assistance resumes from a month.
/// </summary>
public sealed partial class Household
{
    /// <summary>
    /// 更正户信息: address, bank account, community (a data error, not a move) and registration month. A community
    /// corrected after months were closed takes effect from the next open month, since the closed months' statistics
    /// were reported with the township they were booked to; before any close it replaces the community outright.
    /// </summary>
    public IReadOnlyList<FieldCorrection> CorrectDetails(string address, string? bankAccount, Area community, YearMonth registeredMonth,
        string reason, YearMonth? lastClosed, DateTime atUtc, string by)
    {
        BusinessRules.Check(new CorrectionNeedsReason(reason), "Reason");
        address = EnteredText.Clean(address);
        // The page shows the account masked: left empty, it stays as it is.
        bankAccount = string.IsNullOrWhiteSpace(bankAccount) ? BankAccount : EnteredText.Clean(bankAccount);
        BusinessRules.Check(new TextMustFit(address, AddressMaxLength), "Address");
        BusinessRules.Check(new BankAccountMustBeDigits(bankAccount), "BankAccount");
        var changes = new List<FieldCorrection>();
        if (address != Address)
        {
            changes.Add(new(Messages.Get("Field.Address"), Address, address));
            Address = address;
        }
        if (bankAccount != BankAccount)
        {
            changes.Add(new(Messages.Get("Field.BankAccount"), MaskOrNull(BankAccount), MaskOrNull(bankAccount)));
            BankAccount = bankAccount;
        }
        if (community.Id != CommunityId)
        {
            changes.Add(new(Messages.Get("Field.Community"), Community?.Name, community.Name));
            if (lastClosed is { } closed && closed >= RegisteredMonth)
            {
                var from = closed.Next;
                BusinessRules.Check(new MovesFollowEachOther(from, _moves.Count == 0 ? null : _moves.Max(m => m.FromMonth)), "CommunityId");
                _moves.Add(new HouseholdMove(this, from, CommunityId, community.Id));
            }
            Community = community;
            CommunityId = community.Id;
        }
        if (registeredMonth != RegisteredMonth)
        {
            CorrectRegisteredMonth(registeredMonth);
            changes.Add(new(Messages.Get("Field.RegisteredMonth"), RegisteredMonth.ToString(), registeredMonth.ToString()));
            RegisteredMonth = registeredMonth;
        }
        BusinessRules.Check(new CorrectionMustChangeSomething(changes.Count), "Reason");
        RecordCorrection(null, changes, reason, atUtc, by);
        return changes;
    }

    /// <summary>
    /// Moves what began with the registration (the members who came with it, the enrolments that started with it) to
    /// the corrected month. Nothing recorded later may then come before it.
    /// </summary>
    private void CorrectRegisteredMonth(YearMonth month)
    {
        var old = RegisteredMonth;
        var later = _events.Where(e => e.Kind != HouseholdEventKind.Registered && e.Kind != HouseholdEventKind.Corrected).Select(e => e.Month)
            .Concat(_enrollments.Where(e => e.FromMonth != old).Select(e => e.FromMonth))
            .Concat(_members.Where(m => m.JoinedMonth != old).Select(m => m.JoinedMonth))
            .Concat(_moves.Select(m => m.FromMonth));
        if (later.Where(m => m < month).DefaultIfEmpty().Max() is var first && first != default)
            throw new BusinessRuleViolationException(new RegistrationMustPrecedeLaterChanges(month, first), "RegisteredMonth");
        foreach (var member in _members.Where(m => m.JoinedMonth == old))
        {
            BusinessRules.Check(new MemberJoinsNoEarlierThanBirthMonth(member.BirthDate, month), "RegisteredMonth");
            member.CorrectJoined(month);
        }
        foreach (var enrollment in _enrollments.Where(e => e.FromMonth == old)) enrollment.CorrectStart(month);
        foreach (var registered in _events.Where(e => e.Kind == HouseholdEventKind.Registered)) registered.CorrectMonth(month);
    }

    /// <summary>
    /// 更正成员信息: name, ID number (birth date and sex follow), relationship, disability and work capacity. A programme
    /// the corrected person never qualified for never took effect (its money is recovered); an allowance ended at 18
    /// is re-dated by the corrected birth date.
    /// </summary>
    public IReadOnlyList<FieldCorrection> CorrectMember(int personId, PersonDraft corrected, bool idNumberTakenElsewhere, string reason,
        YearMonth nextOpen, DateTime atUtc, string by)
    {
        BusinessRules.Check(new CorrectionNeedsReason(reason), "Reason");
        var person = _members.FirstOrDefault(m => m.Id == personId) ?? throw new BusinessRuleViolationException(new MemberMustBeActive(), "PersonId");
        // The page shows the number masked: left empty, it stays as it is.
        if (string.IsNullOrWhiteSpace(corrected.IdNumber)) corrected = corrected with { IdNumber = person.IdNumber };
        CheckDraft(corrected, "IdNumber");
        var number = Roster.IdNumber.Parse(corrected.IdNumber);
        if (number.Value != person.IdNumber)
        {
            BusinessRules.Check(new IdNumberUniqueAmongActivePersons(number.Value,
                idNumberTakenElsewhere || ActiveMembers.Any(m => m != person && m.IdNumber == number.Value)), "IdNumber");
            BusinessRules.Check(new MemberJoinsNoEarlierThanBirthMonth(number.BirthDate, person.JoinedMonth), "IdNumber");
        }
        if (person.IsActive)
            BusinessRules.Check(new HouseholdHasExactlyOneHead(ActiveMembers.Count(m => m != person && m.Relationship == Relationship.Head)
                                                                + (corrected.Relationship == Relationship.Head ? 1 : 0)), "Relationship");

        var before = (person.Name, Id: person.IdNumber, person.Relationship, person.DisabilityCategory, person.DisabilityGrade, person.WorkCapacity);
        person.Correct(corrected);
        var changes = new List<FieldCorrection>();
        void Compare(string field, string? old, string? now)
        {
            if (old != now) changes.Add(new(Messages.Get(field), old, now));
        }
        Compare("Field.Name", before.Name, person.Name);
        Compare("Field.IdNumber", Masking.Mask(before.Id), Masking.Mask(person.IdNumber));
        Compare("Field.Relationship", Messages.Get($"Relationship.{before.Relationship}"), Messages.Get($"Relationship.{person.Relationship}"));
        Compare("Field.Disability", DisabilityText(before.DisabilityCategory, before.DisabilityGrade), DisabilityText(person.DisabilityCategory, person.DisabilityGrade));
        Compare("Field.WorkCapacity", Messages.Get($"WorkCapacity.{before.WorkCapacity}"), Messages.Get($"WorkCapacity.{person.WorkCapacity}"));
        BusinessRules.Check(new CorrectionMustChangeSomething(changes.Count), "Reason");

        foreach (var enrollment in _enrollments.Where(e => e.PersonId == personId && !e.NeverTookEffect).ToList())
        {
            var variant = ProgrammeCatalogue.Find(enrollment.VariantCode)!;
            if (enrollment.StopReason == StopReason.AgedOut) enrollment.ReviseAgeEnd(person.BirthDate, nextOpen);
            if (QualifiesAfterCorrection(person, enrollment, variant)) continue;
            enrollment.End(enrollment.FromMonth, StopReason.Other, Messages.Get("Correction.NotQualified"));
            changes.Add(new(variant.Name, Messages.Format("Correction.FromMonth", enrollment.FromMonth), Messages.Get("Correction.NeverDue")));
        }
        RecordCorrection(person.Name, changes, reason, atUtc, by);
        return changes;
    }

    private bool QualifiesAfterCorrection(Person person, Enrollment enrollment, ProgrammeVariant variant) => variant.Programme switch
    {
        Programme.DisabilityNursing => !new NursingSubsidyRequiresGradeOneOrTwo(person.DisabilityGrade).IsBroken(),
        Programme.DisabilityLiving => person.IsDisabled,
        Programme.Orphan or Programme.UnattendedChild => !new ChildAllowanceRequiresAgeUnder18(person.AgeAt(enrollment.FromMonth)).IsBroken(),
        _ => true,
    };

    /// <summary>
    /// 恢复: a stopped household receives again from <paramref name="month"/> what its stop ended, for the members still
    /// in it. Dated back into closed months (the stop was wrong), the next payment run pays what was missed.
    /// </summary>
    public IReadOnlyList<Enrollment> Restore(YearMonth month, string reason, DateTime atUtc, string by)
    {
        BusinessRules.Check(new HouseholdMustBeStopped(Status), "Month");
        BusinessRules.Check(new CorrectionNeedsReason(reason), "Reason");
        var before = HouseholdSnapshot.Of(this);
        var stop = _events.Where(e => e.Kind == HouseholdEventKind.Stopped).OrderBy(e => e.RecordedAtUtc).ThenBy(e => e.Id).Last();
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, stop.Month), "Month");
        var endedByStop = _enrollments.Where(e => e.ToMonth == stop.Month.Previous || (e.NeverTookEffect && e.FromMonth >= stop.Month))
            .Where(e => e.StopReason is not null and not StopReason.AgedOut)
            .GroupBy(e => (e.PersonId, ProgrammeCatalogue.Find(e.VariantCode)!.Programme)).Select(g => g.OrderBy(e => e.FromMonth).Last()).ToList();
        var restored = new List<Enrollment>();
        Status = HouseholdStatus.Active;
        foreach (var ended in endedByStop)
        {
            var person = ended.PersonId is null ? null : _members.First(m => m.Id == ended.PersonId);
            if (person is { IsActive: false }) continue;
            var enrollment = new Enrollment(this, person, ProgrammeCatalogue.Find(ended.VariantCode)!, month < ended.FromMonth ? ended.FromMonth : month,
                ended.LocalExceptionNote);
            _enrollments.Add(enrollment);
            restored.Add(enrollment);
        }
        Record(HouseholdEventKind.Restored, month, Messages.Format("Event.Restored",
            restored.Count == 0 ? Messages.Get("Event.NoDibao") : string.Join("、", restored.Select(e => ProgrammeCatalogue.Find(e.VariantCode)!.Name).Distinct()),
            reason.Trim()), atUtc, by, before);
        return restored;
    }

    private void RecordCorrection(string? personName, IReadOnlyList<FieldCorrection> changes, string reason, DateTime atUtc, string by) =>
        Record(HouseholdEventKind.Corrected, RegisteredMonth, Messages.Format("Event.Corrected",
            personName is null ? "" : personName + "：",
            string.Join("；", changes.Select(c => $"{c.Field} {c.Before ?? "—"} → {c.After ?? "—"}")), reason.Trim()), atUtc, by);

    private static string? MaskOrNull(string? value) => value is null ? null : Masking.Mask(value);

    private static string DisabilityText(DisabilityCategory? category, DisabilityGrade? grade) => grade is null
        ? Messages.Get("Field.NoDisability")
        : (category is { } c ? Messages.Get($"DisabilityCategory.{c}") : "") + Messages.Get($"DisabilityGrade.{grade}");
}

/// <summary>A correction or a restore says why.</summary>
public sealed record CorrectionNeedsReason(string? Reason) : IBusinessRule
{
    public const int MaxLength = 200;
    public bool IsBroken() => string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > MaxLength;
    public string Message => string.IsNullOrWhiteSpace(Reason) ? Messages.Get("CorrectionReasonRequired") : Messages.Format("TextTooLong", MaxLength);
}

/// <summary>A correction that changes nothing is not recorded.</summary>
public sealed record CorrectionMustChangeSomething(int Changes) : IBusinessRule
{
    public bool IsBroken() => Changes == 0;
    public string Message => Messages.Get("CorrectionChangesNothing");
}

/// <summary>A corrected registration month cannot fall after something the household did later.</summary>
public sealed record RegistrationMustPrecedeLaterChanges(YearMonth Month, YearMonth Later) : IBusinessRule
{
    public bool IsBroken() => Later < Month;
    public string Message => Messages.Format("RegistrationAfterLaterChange", Month, Later);
}

/// <summary>Only a stopped household is restored.</summary>
public sealed record HouseholdMustBeStopped(HouseholdStatus Status) : IBusinessRule
{
    public bool IsBroken() => Status != HouseholdStatus.Stopped;
    public string Message => Messages.Get("RestoreNeedsStopped");
}
