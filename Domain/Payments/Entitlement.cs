using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Domain.Payments;

/// <summary>What one person is due in one month under one enrolment.</summary>
public sealed record EntitledPayment(int HouseholdId, int PersonId, int EnrollmentId, string VariantCode, Programme Programme,
    decimal Amount, int StandardId, PaymentLineFlags Flags);

/// <summary>
/// The entitlement rule (docs/rules.md, "Payments"): in a month, every enrolment active in that month pays the standard
/// in force for its variant in that month, per covered person; a household (dibao) enrolment covers each member who
/// belongs to the household in that month. A change effective from a month applies to the whole month: there is no
/// pro-rating. The payment run applies the same rule set-wise in SQL; tests hold the two equal.
/// </summary>
public static class Entitlement
{
    public static IEnumerable<EntitledPayment> For(Household household, YearMonth month, Func<string, BenefitStandard?> standardInForce)
    {
        foreach (var enrollment in household.Enrollments.Where(e => e.IsActiveIn(month)))
        {
            var variant = ProgrammeCatalogue.Find(enrollment.VariantCode)!;
            if (!variant.HasMonthlyStandard) continue;
            var standard = standardInForce(enrollment.VariantCode)
                           ?? throw new BusinessRuleViolationException(new EnrolledVariantsNeedAStandard(month, [variant.Name]));
            var covered = enrollment.PersonId is { } personId
                ? household.Members.Where(m => m.Id == personId)
                : household.Members.Where(m => IsMemberIn(m, month));
            foreach (var person in covered)
                yield return new EntitledPayment(household.Id, person.Id, enrollment.Id, variant.Code, variant.Programme,
                    standard.MonthlyAmount, standard.Id, FlagsOf(person, month));
        }
    }

    /// <summary>A member belongs to the household from the month they joined to the last month before they left.</summary>
    public static bool IsMemberIn(Person person, YearMonth month) =>
        person.JoinedMonth <= month && (person.LeftMonth is null || month <= person.LeftMonth);

    public static PaymentLineFlags FlagsOf(Person person, YearMonth month) =>
        (person.IsFemale ? PaymentLineFlags.Female : 0)
        | (person.IsElderlyAt(month) ? PaymentLineFlags.Elderly : 0)
        | (person.IsMinorAt(month) ? PaymentLineFlags.Minor : 0)
        | (person.IsDisabled ? PaymentLineFlags.Disabled : 0);

    /// <summary>
    /// Why a regular line has its amount, against the same person's line in the same programme last month.
    /// </summary>
    public static PaymentReason ReasonAgainst(string variantCode, decimal amount, string? lastMonthVariant, decimal? lastMonthAmount) =>
        lastMonthVariant is null ? PaymentReason.New
        : lastMonthVariant != variantCode ? PaymentReason.TierChange
        : lastMonthAmount != amount ? PaymentReason.StandardChange
        : PaymentReason.Continuing;
}
