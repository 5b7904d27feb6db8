using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Domain.Payments;

/// <summary>What one person is due in one month under one enrolment, and where it is booked.</summary>
public sealed record EntitledPayment(int HouseholdId, int PersonId, int EnrollmentId, string VariantCode, Programme Programme, int CommunityId,
    Money Amount, int StandardId, PaymentLineFlags Flags);

/// <summary>A member as the entitlement rule sees them.</summary>
public sealed record MemberTerms(int PersonId, DateOnly BirthDate, Sex Sex, bool Disabled, YearMonth Joined, YearMonth? LastMonth);

/// <summary>An enrolment as the entitlement rule sees it: a household's (dibao, no person) or one member's.</summary>
public sealed record EnrollmentTerms(int Id, int? PersonId, string VariantCode, YearMonth From, YearMonth? To);

/// <summary>A move as the rule sees it: until the month before <paramref name="FromMonth"/> the household lived in <paramref name="FromCommunityId"/>.</summary>
public sealed record MoveTerms(YearMonth FromMonth, int FromCommunityId);

/// <summary>
/// A household reduced to what decides its payments. The rule works on these terms, so the payment run's independent
/// checks (the model-based test, <c>verify-ledger</c>) can load a million persons without loading aggregates.
/// </summary>
public sealed record HouseholdTerms(int Id, int CommunityId, IReadOnlyList<MemberTerms> Members, IReadOnlyList<EnrollmentTerms> Enrollments,
    IReadOnlyList<MoveTerms> Moves)
{
    public static HouseholdTerms Of(Household household) => new(household.Id, household.CommunityId,
        household.Members.Select(m => new MemberTerms(m.Id, m.BirthDate, m.Sex, m.IsDisabled, m.JoinedMonth, m.LeftMonth)).ToList(),
        household.Enrollments.Select(e => new EnrollmentTerms(e.Id, e.PersonId, e.VariantCode, e.FromMonth, e.ToMonth)).ToList(),
        household.Moves.Select(m => new MoveTerms(m.FromMonth, m.FromCommunityId)).ToList());
}

/// <summary>
/// The entitlement rule (docs/rules.md, "Payments"), stated once. In a month, every enrolment active in that month pays
/// the standard in force for its variant in that month, per covered person: a household (dibao) enrolment covers each
/// member who belongs to the household that month, a person's enrolment that person while a member; nobody is covered
/// before the month of birth, and the children's allowances end with the last month the child is under 18 on its first
/// day. A change effective from a month applies to the whole month: there is no pro-rating. The line goes to the
/// community (and so the township) the household lived in that month. The payment run applies the same rule set-wise:
/// each SQL fragment sits beside its C# twin in <c>Entitlement.Sql.cs</c>, named after it, and tests hold each pair equal.
/// </summary>
public static partial class Entitlement
{
    public static IEnumerable<EntitledPayment> For(Household household, YearMonth month, Func<string, BenefitStandard?> standardInForce) =>
        For(HouseholdTerms.Of(household), month, standardInForce);

    public static IEnumerable<EntitledPayment> For(HouseholdTerms household, YearMonth month, Func<string, BenefitStandard?> standardInForce)
    {
        var community = CommunityIn(household.CommunityId, household.Moves.Select(m => (m.FromMonth, m.FromCommunityId)), month);
        foreach (var enrollment in household.Enrollments.Where(e => IsEnrolledIn(e.From, e.To, month)))
        {
            var variant = ProgrammeCatalogue.Find(enrollment.VariantCode)!;
            if (!variant.HasMonthlyStandard) continue;
            var covered = household.Members.Where(m => (enrollment.PersonId is null || m.PersonId == enrollment.PersonId)
                                                       && IsMemberIn(m.Joined, m.LastMonth, m.BirthDate, month)
                                                       && IsWithinAgeLimit(variant.Programme, m.BirthDate, month)).ToList();
            if (covered.Count == 0) continue;
            var standard = standardInForce(enrollment.VariantCode)
                           ?? throw new BusinessRuleViolationException(new EnrolledVariantsNeedAStandard(month, [variant.Name]));
            foreach (var person in covered)
                yield return new EntitledPayment(household.Id, person.PersonId, enrollment.Id, variant.Code, variant.Programme, community,
                    Money.FromYuan(standard.MonthlyAmount), standard.Id, FlagsOf(person.Sex, person.BirthDate, person.Disabled, month));
        }
    }

    /// <summary>An enrolment covers the months from its first to its last (open-ended while it has none).</summary>
    public static bool IsEnrolledIn(YearMonth from, YearMonth? to, YearMonth month) => from <= month && (to is null || month <= to);

    /// <summary>A member belongs to the household from the month they joined to their last month, and never before birth.</summary>
    public static bool IsMemberIn(YearMonth joined, YearMonth? lastMonth, DateOnly birthDate, YearMonth month) =>
        joined <= month && (lastMonth is null || month <= lastMonth) && birthDate <= month.LastDay;

    public static bool IsMemberIn(Person person, YearMonth month) => IsMemberIn(person.JoinedMonth, person.LeftMonth, person.BirthDate, month);

    /// <summary>The children's allowances (孤儿, 事实无人抚养儿童) are paid while the child is under 18 on the month's first day.</summary>
    public static bool IsWithinAgeLimit(Programme programme, DateOnly birthDate, YearMonth month) =>
        !HasAgeLimit(programme) || birthDate > Person.AdultIfBornOnOrBefore(month);

    public static bool HasAgeLimit(Programme programme) => programme is Programme.Orphan or Programme.UnattendedChild;

    /// <summary>The community of a household in a month: where it lived before the first move after that month, else where it lives now.</summary>
    public static int CommunityIn(int currentCommunityId, IEnumerable<(YearMonth FromMonth, int FromCommunityId)> moves, YearMonth month) =>
        moves.Where(m => m.FromMonth > month).OrderBy(m => m.FromMonth).Select(m => (int?)m.FromCommunityId).FirstOrDefault() ?? currentCommunityId;

    public static PaymentLineFlags FlagsOf(Person person, YearMonth month) => FlagsOf(person.Sex, person.BirthDate, person.IsDisabled, month);

    /// <summary>The person's attributes frozen on the line: female, 60 or older, under 18 (on the month's first day), disabled.</summary>
    public static PaymentLineFlags FlagsOf(Sex sex, DateOnly birthDate, bool disabled, YearMonth month) =>
        (sex == Sex.Female ? PaymentLineFlags.Female : 0)
        | (birthDate <= Person.ElderlyIfBornOnOrBefore(month) ? PaymentLineFlags.Elderly : 0)
        | (birthDate > Person.AdultIfBornOnOrBefore(month) ? PaymentLineFlags.Minor : 0)
        | (disabled ? PaymentLineFlags.Disabled : 0);

    /// <summary>Why a regular line has its amount, against the same person's regular line in the same programme last month.</summary>
    public static PaymentReason ReasonAgainst(string variantCode, Money amount, string? lastMonthVariant, Money? lastMonthAmount) =>
        lastMonthVariant is null ? PaymentReason.New
        : lastMonthVariant != variantCode ? PaymentReason.TierChange
        : lastMonthAmount != amount ? PaymentReason.StandardChange
        : PaymentReason.Continuing;

    /// <summary>Last month's regular line is the one a reason is read against (not back pay, recovery or temporary assistance).</summary>
    public static bool IsRegular(PaymentReason reason) => reason <= PaymentReason.StandardChange;

    /// <summary>Every line is paid out except a recovery, which is owed back; a month's funds are the sum of the paid-out lines.</summary>
    public static bool IsPaidOut(PaymentReason reason) => reason != PaymentReason.Recovery;
}
