using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Payments;

/// <summary>The SQL twins of <see cref="Settlement"/>'s rules, named after them; <c>SettlementTwinTests</c> holds each pair equal.</summary>
public static partial class Settlement
{
    /// <summary>Twin of <see cref="ReasonOf"/> over a difference in fen.</summary>
    public static string ReasonOfSql(string differenceFen) =>
        $"CASE WHEN {differenceFen} > 0 THEN {(int)PaymentReason.BackPay} ELSE {(int)PaymentReason.Recovery} END";

    /// <summary>
    /// Twin of <see cref="Reaches"/>, for every retroactive change of the jurisdiction at once: the households whose
    /// entitlement in <paramref name="month"/> some change reaches, as a condition on <paramref name="householdId"/>.
    /// </summary>
    public static string ReachesSql(string householdId, int jurisdictionId, YearMonth month) => $"""
        {householdId} IN (
            SELECT r.HouseholdId FROM RetroactiveChanges r
            WHERE r.JurisdictionId = {jurisdictionId} AND r.FromMonth <= {month.Key} AND r.HouseholdId IS NOT NULL
            UNION
            SELECT sl.HouseholdId FROM PaymentLines sl JOIN RetroactiveChanges r ON r.VariantCode = sl.VariantCode
            WHERE r.JurisdictionId = {jurisdictionId} AND r.FromMonth <= {month.Key} AND sl.JurisdictionId = {jurisdictionId} AND sl.ForMonth = {month.Key}
            UNION
            SELECT se.HouseholdId FROM Enrollments se JOIN RetroactiveChanges r ON r.VariantCode = se.VariantCode
            WHERE r.JurisdictionId = {jurisdictionId} AND r.FromMonth <= {month.Key} AND {Entitlement.IsEnrolledInSql("se", month)})
        """;

    /// <summary>Twin of <see cref="TemporaryDue"/> over a TemporaryAssistance row <paramref name="t"/>, in fen.</summary>
    public static string TemporaryDueSql(string t) => $"CASE WHEN {t}.RevokedAtUtc IS NULL THEN {t}.AmountFen ELSE 0 END";
}
