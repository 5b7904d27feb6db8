using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster.Rules;

namespace CivilAffairs.Domain.Roster;

/// <summary>
/// A household (户) on the roster: its members, its enrolments and the timeline of its changes. Every change
/// (dynamic management, 动态管理) takes effect from a month and goes through this aggregate's rules.
/// </summary>
public sealed partial class Household : IVersioned
{
    public const int AddressMaxLength = 100;
    public const int BankAccountMaxLength = 30;

    private readonly List<Person> _members = [];
    private readonly List<Enrollment> _enrollments = [];
    private readonly List<HouseholdEvent> _events = [];
    private readonly List<HouseholdMove> _moves = [];

    private Household() { }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public int CommunityId { get; private set; }
    public Area? Community { get; private set; }
    public string Address { get; private set; } = "";
    public Residence Residence { get; private set; }
    [Sensitive]
    public string? BankAccount { get; private set; }
    public HouseholdStatus Status { get; private set; }
    public YearMonth RegisteredMonth { get; private set; }
    /// <summary>低保边缘家庭 from this month (income just above the line): tracked and counted, not paid; null when not.</summary>
    public YearMonth? NearPovertySince { get; private set; }
    /// <summary>The last month it was a 低保边缘家庭, once it no longer is.</summary>
    public YearMonth? NearPovertyUntil { get; private set; }
    /// <summary>The day of the last 复核 (periodic review); null until the first, when the registration month counts instead.</summary>
    public DateOnly? LastReviewedOn { get; private set; }
    /// <summary>A key that makes re-importing the same roster row a no-op (the head's ID number by default).</summary>
    public string? ImportKey { get; private set; }
    public Guid Version { get; set; }

    public IReadOnlyList<Person> Members => _members;
    public IReadOnlyList<Enrollment> Enrollments => _enrollments;
    public IReadOnlyList<HouseholdEvent> Events => _events;
    /// <summary>Where the household lived before each move, so every month's lines go to that month's township.</summary>
    public IReadOnlyList<HouseholdMove> Moves => _moves;

    public Person? Head => _members.FirstOrDefault(m => m.IsActive && m.Relationship == Relationship.Head);
    public IEnumerable<Person> ActiveMembers => _members.Where(m => m.IsActive);
    public Enrollment? OpenDibao => _enrollments.FirstOrDefault(e => e.PersonId is null && e.IsOpen);

    /// <summary>The community the household belonged to in <paramref name="month"/> (moves take effect from their month).</summary>
    public int CommunityIn(YearMonth month) => Entitlement.CommunityIn(CommunityId, _moves.Select(m => (m.FromMonth, m.FromCommunityId)), month);

    /// <summary>新增: a household with its members, and its dibao tier if it receives dibao.</summary>
    public static Household Register(int jurisdictionId, Area community, string address, Residence residence, string? bankAccount,
        IReadOnlyList<PersonDraft> members, ProgrammeVariant? dibao, YearMonth month, DateTime atUtc, string by, string? importKey = null)
    {
        BusinessRules.Check(new HouseholdHasExactlyOneHead(members.Count(m => m.Relationship == Relationship.Head)), "Members");
        for (var i = 0; i < members.Count; i++)
        {
            CheckDraft(members[i], $"Members[{i}].IdNumber");
            BusinessRules.Check(new MemberJoinsNoEarlierThanBirthMonth(BirthOf(members[i]), month), $"Members[{i}].IdNumber");
        }
        var duplicate = members.GroupBy(m => m.IdNumber.Trim().ToUpperInvariant()).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) BusinessRules.Check(new IdNumberUniqueAmongActivePersons(duplicate.Key, true), "Members");
        if (dibao is not null)
        {
            BusinessRules.Check(new VariantMustSuitEnrolment(dibao, ForHousehold: true), "VariantCode");
            BusinessRules.Check(new DibaoMustMatchResidence(dibao, residence), "VariantCode");
        }

        address = EnteredText.Clean(address);
        bankAccount = string.IsNullOrWhiteSpace(bankAccount) ? null : EnteredText.Clean(bankAccount);
        BusinessRules.Check(new TextMustFit(address, AddressMaxLength), "Address");
        BusinessRules.Check(new BankAccountMustBeDigits(bankAccount), "BankAccount");
        var household = new Household
        {
            JurisdictionId = jurisdictionId,
            Community = community,
            Address = address,
            Residence = residence,
            BankAccount = bankAccount,
            Status = HouseholdStatus.Active,
            RegisteredMonth = month,
            ImportKey = importKey,
            Version = Guid.NewGuid(),
        };
        foreach (var draft in members) household._members.Add(new Person(draft, month));
        if (dibao is not null) household._enrollments.Add(new Enrollment(household, null, dibao, month, null));
        var head = household.Head!;
        household.Record(HouseholdEventKind.Registered, month,
            Messages.Format("Event.Registered", head.Name, members.Count, dibao?.Name ?? Messages.Get("Event.NoDibao")), atUtc, by);
        return household;
    }

    /// <summary>停发: every enrolment of the household ends; the household leaves the roster of recipients.</summary>
    /// <remarks>
    /// A stop may be dated before later changes (a death reported months on): whatever was enrolled from then on ends,
    /// and an enrolment that would only have started afterwards never takes effect.
    /// </remarks>
    public void Stop(YearMonth month, StopReason reason, string? note, DateTime atUtc, string by)
    {
        var before = HouseholdSnapshot.Of(this);
        CheckActive();
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, RegisteredMonth), "Month");
        BusinessRules.Check(new OtherStopReasonNeedsText(reason, note), "Note");
        foreach (var enrollment in _enrollments.Where(e => e.CoversFrom(month))) enrollment.End(month, reason, note);
        Status = HouseholdStatus.Stopped;
        Record(HouseholdEventKind.Stopped, month, Messages.Format("Event.Stopped", Messages.Get($"StopReason.{reason}"),
            string.IsNullOrWhiteSpace(note) ? "" : $"（{note.Trim()}）"), atUtc, by, before);
    }

    /// <summary>
    /// 调档: from <paramref name="month"/> the household's dibao is in the new tier. Whatever dibao covered that month or
    /// later ends there (dated back past a later tier change, that change never takes effect), and the new tier starts.
    /// </summary>
    public void ChangeTier(ProgrammeVariant newVariant, YearMonth month, DateTime atUtc, string by)
    {
        var before = HouseholdSnapshot.Of(this);
        CheckActive();
        if (OpenDibao is null) throw new BusinessRuleViolationException(new HouseholdMustHaveDibao(), "VariantCode");
        var dibao = _enrollments.Where(e => e.PersonId is null && !e.NeverTookEffect).OrderBy(e => e.FromMonth).ToList();
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, dibao[0].FromMonth), "Month");
        var current = dibao.Last(e => e.FromMonth <= month);
        BusinessRules.Check(new VariantMustSuitEnrolment(newVariant, ForHousehold: true), "VariantCode");
        BusinessRules.Check(new DibaoMustMatchResidence(newVariant, Residence), "VariantCode");
        BusinessRules.Check(new TierMustChange(current.VariantCode, newVariant), "VariantCode");
        var from = ProgrammeCatalogue.Find(current.VariantCode)!;
        foreach (var enrollment in dibao.Where(e => e.CoversFrom(month))) enrollment.End(month, null, null);
        _enrollments.Add(new Enrollment(this, null, newVariant, month, null));
        Record(HouseholdEventKind.TierChanged, month, Messages.Format("Event.TierChanged", from.Name, newVariant.Name), atUtc, by, before);
    }

    /// <summary>Adds a member from a month; the caller has checked the number against the rest of the roster.</summary>
    public Person AddMember(PersonDraft draft, YearMonth month, DateTime atUtc, string by)
    {
        var before = HouseholdSnapshot.Of(this);
        CheckActive();
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, RegisteredMonth), "Month");
        CheckDraft(draft, "IdNumber");
        BusinessRules.Check(new MemberJoinsNoEarlierThanBirthMonth(BirthOf(draft), month), "Month");
        if (ActiveMembers.Any(m => m.IdNumber == draft.IdNumber.Trim().ToUpperInvariant()))
            BusinessRules.Check(new IdNumberUniqueAmongActivePersons(draft.IdNumber, true), "IdNumber");
        BusinessRules.Check(new HouseholdHasExactlyOneHead(1 + (draft.Relationship == Relationship.Head ? 1 : 0)), "Relationship");
        var person = new Person(draft, month);
        _members.Add(person);
        Record(HouseholdEventKind.MemberAdded, month, Messages.Format("Event.MemberAdded", person.Name, Messages.Get($"Relationship.{person.Relationship}")), atUtc, by, before);
        return person;
    }

    /// <summary>Removes a member (moved out or died); their own enrolments end. The head stays while others remain.</summary>
    public void RemoveMember(int personId, YearMonth month, bool died, DateTime atUtc, string by)
    {
        var before = HouseholdSnapshot.Of(this);
        CheckActive();
        var person = ActiveMembers.FirstOrDefault(m => m.Id == personId) ?? throw new BusinessRuleViolationException(new MemberMustBeActive(), "PersonId");
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, person.JoinedMonth), "Month");
        if (person.Relationship == Relationship.Head)
            BusinessRules.Check(new HouseholdHasExactlyOneHead(ActiveMembers.Count() == 1 ? 1 : 0), "PersonId");
        foreach (var enrollment in _enrollments.Where(e => e.PersonId == personId && e.CoversFrom(month)))
            enrollment.End(month, died ? StopReason.Died : StopReason.MovedAway, null);
        person.Leave(month, died);
        Record(HouseholdEventKind.MemberRemoved, month,
            Messages.Format(died ? "Event.MemberDied" : "Event.MemberRemoved", person.Name), atUtc, by, before);
    }

    /// <summary>Moves the household to another community (迁移).</summary>
    public void MoveTo(Area community, YearMonth month, DateTime atUtc, string by)
    {
        var before = HouseholdSnapshot.Of(this);
        CheckActive();
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, RegisteredMonth), "Month");
        BusinessRules.Check(new MovesFollowEachOther(month, _moves.Count == 0 ? null : _moves.Max(m => m.FromMonth)), "Month");
        BusinessRules.Check(new MoveMustChangeCommunity(community.Id == CommunityId), "CommunityId");
        var from = Community?.Name ?? "";
        _moves.Add(new HouseholdMove(this, month, CommunityId, community.Id));
        Community = community;
        CommunityId = community.Id;
        Record(HouseholdEventKind.Moved, month, Messages.Format("Event.Moved", from, community.Name), atUtc, by, before);
    }

    /// <summary>Enrols one member in a per-person programme (extreme poverty, disability subsidies, children's allowances).</summary>
    public Enrollment EnrollPerson(int personId, ProgrammeVariant variant, YearMonth month, string? localException, DateTime atUtc, string by) =>
        EnrollMember(ActiveMembers.FirstOrDefault(m => m.Id == personId) ?? throw new BusinessRuleViolationException(new MemberMustBeActive(), "PersonId"),
            variant, month, localException, atUtc, by);

    /// <summary>The same for a member not saved yet (an imported household enrols its members before it has ids).</summary>
    public Enrollment EnrollMember(Person person, ProgrammeVariant variant, YearMonth month, string? localException, DateTime atUtc, string by,
        CareLevel? care = null)
    {
        var before = HouseholdSnapshot.Of(this);
        CheckActive();
        if (!_members.Contains(person) || !person.IsActive) throw new BusinessRuleViolationException(new MemberMustBeActive(), "PersonId");
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, person.JoinedMonth), "Month");
        BusinessRules.Check(new VariantMustSuitEnrolment(variant, ForHousehold: false), "VariantCode");
        var open = _enrollments.Where(e => e.IsOpen && e.Person == person).Select(e => ProgrammeCatalogue.Find(e.VariantCode)!.Programme).ToHashSet();
        BusinessRules.Check(new PersonNotAlreadyInProgramme(variant, open.Contains(variant.Programme)), "VariantCode");
        foreach (var rule in RulesForPerson(person, variant, month, localException, open)) BusinessRules.Check(rule, "VariantCode");
        var enrollment = new Enrollment(this, person, variant, month, localException);
        if (variant.Programme == Programme.ExtremePoverty) enrollment.AssessCare(care);
        _enrollments.Add(enrollment);
        Record(HouseholdEventKind.Enrolled, month, Messages.Format("Event.Enrolled", person.Name, variant.Name)
            + (care is { } level && variant.Programme == Programme.ExtremePoverty ? $"（{Messages.Get($"CareLevel.{level}")}）" : ""), atUtc, by, before);
        return enrollment;
    }

    private IEnumerable<IBusinessRule> RulesForPerson(Person person, ProgrammeVariant variant, YearMonth month, string? localException,
        HashSet<Programme> open)
    {
        // A member may receive dibao alone (单人保): that counts as dibao for the programmes that require or exclude it.
        var inDibao = OpenDibao is not null || open.Contains(Programme.UrbanDibao) || open.Contains(Programme.RuralDibao);
        switch (variant.Programme)
        {
            case Programme.ExtremePoverty:
                yield return new ExtremePovertyAndDibaoExcludeEachOther(inDibao, true);
                break;
            case Programme.DisabilityNursing:
                yield return new NursingSubsidyRequiresGradeOneOrTwo(person.DisabilityGrade);
                break;
            case Programme.DisabilityLiving:
                yield return new LivingSubsidyRequiresDibaoHousehold(person.IsDisabled, inDibao, localException);
                break;
            case Programme.Orphan:
                yield return new OrphanAndUnattendedChildExcludeEachOther(true, open.Contains(Programme.UnattendedChild));
                yield return new ChildAllowanceRequiresAgeUnder18(person.AgeAt(month));
                break;
            case Programme.UnattendedChild:
                yield return new OrphanAndUnattendedChildExcludeEachOther(open.Contains(Programme.Orphan), true);
                yield return new ChildAllowanceRequiresAgeUnder18(person.AgeAt(month));
                break;
        }
    }

    /// <summary>Ends one person's enrolment from a month.</summary>
    public void EndEnrollment(int enrollmentId, YearMonth month, StopReason reason, string? note, DateTime atUtc, string by)
    {
        var before = HouseholdSnapshot.Of(this);
        CheckActive();
        BusinessRules.Check(new OtherStopReasonNeedsText(reason, note), "Note");
        var enrollment = _enrollments.FirstOrDefault(e => e.Id == enrollmentId && e.IsOpen && e.PersonId is not null)
                         ?? throw new BusinessRuleViolationException(new MemberMustBeActive(), "EnrollmentId");
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, enrollment.FromMonth), "Month");
        enrollment.End(month, reason, note);
        var person = _members.First(m => m.Id == enrollment.PersonId);
        Record(HouseholdEventKind.EnrollmentEnded, month, Messages.Format("Event.EnrollmentEnded", person.Name,
            ProgrammeCatalogue.Find(enrollment.VariantCode)!.Name, Messages.Get($"StopReason.{reason}")), atUtc, by, before);
    }

    /// <summary>
    /// 年满18周岁: the children's allowances of members who are 18 on the first day of <paramref name="month"/> end with
    /// the last month they were under 18. The payment run calls it when it closes the month before.
    /// </summary>
    public IReadOnlyList<Enrollment> EndChildAllowancesOfAdults(YearMonth month, DateTime atUtc, string by)
    {
        var ended = new List<Enrollment>();
        foreach (var enrollment in _enrollments.Where(e => e.IsOpen && e.PersonId is not null).ToList())
        {
            var variant = ProgrammeCatalogue.Find(enrollment.VariantCode)!;
            var person = _members.First(m => m.Id == enrollment.PersonId);
            if (Entitlement.IsWithinAgeLimit(variant.Programme, person.BirthDate, month)) continue;
            var firstAdultMonth = Person.FirstMonthAsAdult(person.BirthDate);
            enrollment.End(firstAdultMonth, StopReason.AgedOut, null);
            Record(HouseholdEventKind.EnrollmentEnded, firstAdultMonth, Messages.Format("Event.EnrollmentEnded", person.Name, variant.Name,
                Messages.Get($"StopReason.{StopReason.AgedOut}")), atUtc, by);
            ended.Add(enrollment);
        }
        return ended;
    }

    /// <summary>
    /// 复核: the periodic review, dated, with what it found; the next one falls due from it (<see cref="ReviewSchedule"/>).
    /// A change it decides (a tier, a stop) is recorded with it by the same changes as any other.
    /// </summary>
    public void Review(DateOnly on, ReviewOutcome outcome, string findings, DateOnly today, DateTime atUtc, string by)
    {
        CheckActive();
        findings = EnteredText.Clean(findings);
        BusinessRules.Check(new ReviewNeedsFindings(findings), "Findings");
        BusinessRules.Check(new TextMustFit(findings, HouseholdEvent.DescriptionMaxLength - 40), "Findings");
        BusinessRules.Check(new ReviewDateInRange(on, RegisteredMonth, LastReviewedOn, today), "ReviewedOn");
        LastReviewedOn = on;
        Record(HouseholdEventKind.Reviewed, YearMonth.Of(on),
            Messages.Format("Event.Reviewed", on.ToString("yyyy-MM-dd"), Messages.Get($"ReviewOutcome.{outcome}"), findings), atUtc, by);
    }

    /// <summary>Whether the household counts as a 低保边缘家庭 in <paramref name="month"/>.</summary>
    public bool IsNearPovertyIn(YearMonth month) => NearPovertySince is { } from && from <= month && (NearPovertyUntil is not { } to || month <= to);

    /// <summary>
    /// 纳入 or 退出 低保边缘家庭 from a month. A household receiving dibao is not near poverty: it is in poverty
    /// (<see cref="NearPovertyExcludesDibao"/>); one entered again starts a new period.
    /// </summary>
    public void SetNearPoverty(bool include, YearMonth month, DateTime atUtc, string by)
    {
        CheckActive();
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, RegisteredMonth), "Month");
        if (include)
        {
            BusinessRules.Check(new NearPovertyExcludesDibao(_enrollments.Any(e => e.PersonId is null && e.CoversFrom(month))), "Month");
            NearPovertySince = month;
            NearPovertyUntil = null;
        }
        else
        {
            BusinessRules.Check(new NearPovertyMustBeSet(NearPovertySince is not null && NearPovertyUntil is null), "Month");
            BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, NearPovertySince!.Value), "Month");
            NearPovertyUntil = month.Previous;
        }
        Record(HouseholdEventKind.StatusChanged, month, Messages.Get(include ? "Event.NearPovertyIn" : "Event.NearPovertyOut"), atUtc, by);
    }

    /// <summary>
    /// 单人保 (民发〔2022〕83号): in a 低保边缘家庭, an adult with a severe disability may receive dibao alone, as a household of one
    /// would; the rest of the family stays above the line and unpaid. The enrolment is the member's, so only they are paid.
    /// </summary>
    public Enrollment EnrollSinglePersonDibao(int personId, ProgrammeVariant variant, YearMonth month, DateTime atUtc, string by)
    {
        var before = HouseholdSnapshot.Of(this);
        CheckActive();
        var person = ActiveMembers.FirstOrDefault(m => m.Id == personId) ?? throw new BusinessRuleViolationException(new MemberMustBeActive(), "PersonId");
        BusinessRules.Check(new ChangeCannotPrecedeRegistration(month, person.JoinedMonth), "Month");
        BusinessRules.Check(new VariantMustSuitEnrolment(variant, ForHousehold: true), "VariantCode");
        BusinessRules.Check(new DibaoMustMatchResidence(variant, Residence), "VariantCode");
        var open = _enrollments.Where(e => e.IsOpen && e.PersonId == person.Id).Select(e => ProgrammeCatalogue.Find(e.VariantCode)!).ToList();
        BusinessRules.Check(new SinglePersonDibaoRules(IsNearPovertyIn(month), OpenDibao is not null, person.AgeAt(month), person.DisabilityGrade, person.SeriouslyIll,
            open.Any(v => v.CoversHousehold), open.Any(v => v.Programme == Programme.ExtremePoverty)), "PersonId");
        var enrollment = new Enrollment(this, person, variant, month, Messages.Get("SinglePerson.Note"));
        _enrollments.Add(enrollment);
        Record(HouseholdEventKind.Enrolled, month, Messages.Format("Event.SinglePerson", person.Name, variant.Name), atUtc, by, before);
        return enrollment;
    }

    /// <summary>The path of the application the roster entry came from (受理, 调查, 初审, 公示, 审核确认), on the household's timeline.</summary>
    public void NoteApplication(string path, YearMonth month, DateTime atUtc, string by) =>
        Record(HouseholdEventKind.ApplicationApproved, month, path.Length <= HouseholdEvent.DescriptionMaxLength ? path : path[..HouseholdEvent.DescriptionMaxLength], atUtc, by);

    /// <summary>重病 set or cleared for one member (certified serious illness).</summary>
    public void SetSeriouslyIll(int personId, bool value, YearMonth month, DateTime atUtc, string by)
    {
        CheckActive();
        var person = ActiveMembers.FirstOrDefault(m => m.Id == personId) ?? throw new BusinessRuleViolationException(new MemberMustBeActive(), "PersonId");
        person.MarkSeriouslyIll(value);
        Record(HouseholdEventKind.StatusChanged, month, Messages.Format(value ? "Event.SeriouslyIllIn" : "Event.SeriouslyIllOut", person.Name), atUtc, by);
    }

    /// <summary>知青 set or cleared for one member.</summary>
    public void SetSentDownYouth(int personId, bool value, YearMonth month, DateTime atUtc, string by)
    {
        CheckActive();
        var person = ActiveMembers.FirstOrDefault(m => m.Id == personId) ?? throw new BusinessRuleViolationException(new MemberMustBeActive(), "PersonId");
        person.MarkSentDownYouth(value);
        Record(HouseholdEventKind.StatusChanged, month, Messages.Format(value ? "Event.SentDownYouthIn" : "Event.SentDownYouthOut", person.Name), atUtc, by);
    }

    private void CheckActive() => BusinessRules.Check(new HouseholdMustBeActive(Status));

    private static DateOnly BirthOf(PersonDraft draft) => Roster.IdNumber.TryParse(draft.IdNumber, out var number) ? number.BirthDate : DateOnly.MinValue;

    private static void CheckDraft(PersonDraft draft, string field)
    {
        var name = field.EndsWith("IdNumber") ? field[..^"IdNumber".Length] + "Name" : "Name";
        BusinessRules.Check(new TextMustFit(EnteredText.Clean(draft.Name), Person.NameMaxLength), name);
        BusinessRules.Check(new IdNumberMustBeValid(draft.IdNumber), field);
        BusinessRules.Check(new EnteredDetailsMustAgreeWithIdNumber(draft), field);
    }

    private void Record(HouseholdEventKind kind, YearMonth month, string description, DateTime atUtc, string by, HouseholdSnapshot? before = null) =>
        _events.Add(new HouseholdEvent(kind, month, description, atUtc, by, before?.ToJson()));
}

/// <summary>A tier change needs a current dibao enrolment to change.</summary>
public sealed record HouseholdMustHaveDibao : IBusinessRule
{
    public bool IsBroken() => true;
    public string Message => Messages.Get("NoDibaoToChange");
}

/// <summary>A tier change moves to another tier.</summary>
public sealed record TierMustChange(string CurrentCode, ProgrammeVariant New) : IBusinessRule
{
    public bool IsBroken() => CurrentCode == New.Code;
    public string Message => Messages.Get("TierUnchanged");
}

/// <summary>The person named is an active member of this household.</summary>
public sealed record MemberMustBeActive : IBusinessRule
{
    public bool IsBroken() => true;
    public string Message => Messages.Get("MemberNotActive");
}

/// <summary>One open enrolment per person and programme.</summary>
public sealed record PersonNotAlreadyInProgramme(ProgrammeVariant Variant, bool AlreadyIn) : IBusinessRule
{
    public bool IsBroken() => AlreadyIn;
    public string Message => Messages.Format("AlreadyInProgramme", Variant.Name);
}
