using System.Globalization;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Domain.Payments;

/// <summary>
/// The SQL twins of <see cref="Entitlement"/>'s rules, each named after its C# twin with "Sql", for the set-wise payment
/// run. Each is a boolean or scalar expression over table aliases the caller names, portable between SQLite and SQL
/// Server (no TOP/LIMIT, dates as 'yyyy-MM-dd' literals). Only integers, dates and catalogue codes are written into the
/// text, never user input. <c>EntitlementTwinTests</c> evaluates each against its C# twin over generated values.
/// </summary>
public static partial class Entitlement
{
    /// <summary>Twin of <see cref="IsEnrolledIn"/> over an Enrollments row <paramref name="e"/>.</summary>
    public static string IsEnrolledInSql(string e, YearMonth month) =>
        $"{e}.FromMonth <= {month.Key} AND ({e}.ToMonth IS NULL OR {e}.ToMonth >= {month.Key})";

    /// <summary>Twin of <see cref="IsMemberIn(YearMonth, YearMonth?, DateOnly, YearMonth)"/> over a Persons row <paramref name="p"/>.</summary>
    public static string IsMemberInSql(string p, YearMonth month) =>
        $"{p}.JoinedMonth <= {month.Key} AND ({p}.LeftMonth IS NULL OR {p}.LeftMonth >= {month.Key}) AND {p}.BirthDate <= {Date(month.LastDay)}";

    /// <summary>Twin of <see cref="IsWithinAgeLimit"/>: <paramref name="programme"/> is an expression of the programme's number.</summary>
    public static string IsWithinAgeLimitSql(string programme, string p, YearMonth month) =>
        $"({programme} NOT IN ({(int)Programme.Orphan}, {(int)Programme.UnattendedChild}) OR {p}.BirthDate > {Date(Person.AdultIfBornOnOrBefore(month))})";

    /// <summary>
    /// Twin of <see cref="CommunityIn"/> over a Households row <paramref name="h"/>: the community left by the first move
    /// after the month, else the household's own. Moves of a household have distinct months, so MIN finds exactly one.
    /// </summary>
    public static string CommunityInSql(string h, YearMonth month) =>
        $"COALESCE((SELECT mv.FromCommunityId FROM HouseholdMoves mv WHERE mv.HouseholdId = {h}.Id AND mv.FromMonth = " +
        $"(SELECT MIN(mn.FromMonth) FROM HouseholdMoves mn WHERE mn.HouseholdId = {h}.Id AND mn.FromMonth > {month.Key})), {h}.CommunityId)";

    /// <summary>Twin of <see cref="FlagsOf(Sex, DateOnly, bool, YearMonth)"/> over a Persons row <paramref name="p"/>.</summary>
    public static string FlagsOfSql(string p, YearMonth month) =>
        $"(CASE WHEN {p}.Sex = {(int)Sex.Female} THEN {(int)PaymentLineFlags.Female} ELSE 0 END" +
        $" + CASE WHEN {p}.BirthDate <= {Date(Person.ElderlyIfBornOnOrBefore(month))} THEN {(int)PaymentLineFlags.Elderly} ELSE 0 END" +
        $" + CASE WHEN {p}.BirthDate > {Date(Person.AdultIfBornOnOrBefore(month))} THEN {(int)PaymentLineFlags.Minor} ELSE 0 END" +
        $" + CASE WHEN {p}.DisabilityGrade IS NOT NULL THEN {(int)PaymentLineFlags.Disabled} ELSE 0 END)";

    /// <summary>
    /// Twin of <see cref="ReasonAgainst"/>: the line's variant and fen against last month's regular line
    /// (<paramref name="last"/> is the alias of a LEFT JOINed PaymentLines row, its Id NULL when there was none).
    /// </summary>
    public static string ReasonAgainstSql(string variantCode, string fen, string last) =>
        $"CASE WHEN {last}.Id IS NULL THEN {(int)PaymentReason.New} " +
        $"WHEN {last}.VariantCode <> {variantCode} THEN {(int)PaymentReason.TierChange} " +
        $"WHEN {last}.AmountFen <> {fen} THEN {(int)PaymentReason.StandardChange} " +
        $"ELSE {(int)PaymentReason.Continuing} END";

    /// <summary>Twin of <see cref="IsRegular"/> over a reason column.</summary>
    public static string IsRegularSql(string reason) => $"{reason} <= {(int)PaymentReason.StandardChange}";

    /// <summary>
    /// The standards in force in a month as CASE expressions over a variant code expression: the amount in fen and the
    /// version's id. Evaluated from <see cref="BenefitStandard.InForce"/>, the one C# statement of which version is in force.
    /// </summary>
    public static (string Fen, string StandardId) StandardInForceSql(IEnumerable<BenefitStandard> standards, YearMonth month, string variantCode)
    {
        var inForce = ProgrammeCatalogue.All.Select(v => BenefitStandard.InForce(standards, v.Code, month)).OfType<BenefitStandard>().ToList();
        if (inForce.Count == 0) return ("NULL", "NULL");
        string Case(Func<BenefitStandard, long> value) =>
            $"CASE {variantCode} " + string.Concat(inForce.Select(s => $"WHEN '{s.VariantCode}' THEN {value(s).ToString(CultureInfo.InvariantCulture)} ")) + "END";
        return (Case(s => Money.FromYuan(s.MonthlyAmount).Fen), Case(s => s.Id));
    }

    /// <summary>A date literal both providers compare with their date column (SQLite stores 'yyyy-MM-dd' text).</summary>
    public static string Date(DateOnly date) => $"'{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
}
