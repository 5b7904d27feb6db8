using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Payments;

/// <summary>The SQL twins of <see cref="MonthlySummaries.Of"/>; verify-summaries and <c>MonthlySummariesTwinTests</c> hold them equal.</summary>
public static partial class MonthlySummaries
{
    /// <summary>The stored columns of a summary row after TownshipId and VariantCode, in the order of <see cref="SummaryRow.Values"/>.</summary>
    public const string Columns = "Households, Persons, Female, Elderly, Minors, Disabled, Cases, AmountFen, BackPayFen, RecoveryFen, " +
                                  "NewHouseholds, NewPersons, StoppedHouseholds, StoppedPersons, NewAmountFen, StoppedAmountFen, " +
                                  "TierChangeDeltaFen, StandardChangeDeltaFen";

    /// <summary>Twin of <see cref="Of"/>'s summary rows: the SELECT of month <paramref name="m"/>'s rows from the ledger, columns TownshipId, VariantCode, <see cref="Columns"/>.</summary>
    public static string SummarySql(int jurisdictionId, YearMonth m)
    {
        var j = jurisdictionId;
        var regular = Entitlement.IsRegularSql("l.Reason");
        string Bit(PaymentLineFlags flag) => $"SUM(CASE WHEN {regular} AND (l.Flags & {(int)flag}) = {(int)flag} THEN 1 ELSE 0 END)";
        string When(string condition, string value) => $"SUM(CASE WHEN {condition} THEN {value} ELSE 0 END)";
        var counted = $"({regular} OR l.Reason = {(int)PaymentReason.Temporary})";
        return $"""
            SELECT h.TownshipId, h.VariantCode, SUM(h.Households) AS Households, SUM(h.Persons) AS Persons, SUM(h.Female) AS Female,
                   SUM(h.Elderly) AS Elderly, SUM(h.Minors) AS Minors, SUM(h.Disabled) AS Disabled, SUM(h.Cases) AS Cases,
                   SUM(h.AmountFen) AS AmountFen, SUM(h.BackPayFen) AS BackPayFen, SUM(h.RecoveryFen) AS RecoveryFen,
                   SUM(h.NewHouseholds) AS NewHouseholds, SUM(h.NewPersons) AS NewPersons, SUM(h.StoppedHouseholds) AS StoppedHouseholds,
                   SUM(h.StoppedPersons) AS StoppedPersons, SUM(h.NewAmountFen) AS NewAmountFen, SUM(h.StoppedAmountFen) AS StoppedAmountFen,
                   SUM(h.TierChangeDeltaFen) AS TierChangeDeltaFen, SUM(h.StandardChangeDeltaFen) AS StandardChangeDeltaFen
            FROM (
                SELECT l.TownshipId, l.VariantCode, l.HouseholdId,
                       MAX(CASE WHEN {counted} THEN 1 ELSE 0 END) AS Households,
                       {When(counted, "l.PersonCount")} AS Persons,
                       {Bit(PaymentLineFlags.Female)} AS Female, {Bit(PaymentLineFlags.Elderly)} AS Elderly,
                       {Bit(PaymentLineFlags.Minor)} AS Minors, {Bit(PaymentLineFlags.Disabled)} AS Disabled,
                       {When($"l.Reason = {(int)PaymentReason.Temporary}", "1")} AS Cases,
                       {When($"l.Reason <> {(int)PaymentReason.Recovery}", "l.AmountFen")} AS AmountFen,
                       {When($"l.Reason = {(int)PaymentReason.BackPay}", "l.AmountFen")} AS BackPayFen,
                       {When($"l.Reason = {(int)PaymentReason.Recovery}", "-l.AmountFen")} AS RecoveryFen,
                       CASE WHEN MIN(CASE WHEN {regular} THEN l.Reason END) = {(int)PaymentReason.New}
                             AND MAX(CASE WHEN {regular} THEN l.Reason END) = {(int)PaymentReason.New} THEN 1 ELSE 0 END AS NewHouseholds,
                       {When($"l.Reason = {(int)PaymentReason.New}", "1")} AS NewPersons,
                       0 AS StoppedHouseholds, 0 AS StoppedPersons,
                       {When($"l.Reason = {(int)PaymentReason.New}", "l.AmountFen")} AS NewAmountFen,
                       0 AS StoppedAmountFen,
                       {When($"l.Reason = {(int)PaymentReason.TierChange}", "l.AmountFen - l.PreviousAmountFen")} AS TierChangeDeltaFen,
                       {When($"l.Reason = {(int)PaymentReason.StandardChange}", "l.AmountFen - l.PreviousAmountFen")} AS StandardChangeDeltaFen
                FROM PaymentLines l
                WHERE l.JurisdictionId = {j} AND l.Month = {m.Key}
                GROUP BY l.TownshipId, l.VariantCode, l.HouseholdId
                UNION ALL
                SELECT s.TownshipId, s.VariantCode, s.HouseholdId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                       CASE WHEN COUNT(*) = (SELECT COUNT(*) FROM PaymentLines q WHERE q.JurisdictionId = {j} AND q.Month = {m.Previous.Key}
                            AND q.HouseholdId = s.HouseholdId AND q.Programme = s.Programme AND {Entitlement.IsRegularSql("q.Reason")}) THEN 1 ELSE 0 END,
                       COUNT(*), 0, SUM(s.AmountFen), 0, 0
                FROM PaymentLines s
                WHERE s.JurisdictionId = {j} AND s.ForMonth = {m.Previous.Key} AND {Entitlement.IsRegularSql("s.Reason")}
                  AND NOT EXISTS (SELECT 1 FROM PaymentLines c WHERE c.JurisdictionId = {j} AND c.ForMonth = {m.Key} AND c.PersonId = s.PersonId
                                  AND c.Programme = s.Programme AND {Entitlement.IsRegularSql("c.Reason")})
                GROUP BY s.TownshipId, s.VariantCode, s.HouseholdId, s.Programme
            ) h
            GROUP BY h.TownshipId, h.VariantCode
            """;
    }

    /// <summary>Twin of <see cref="Of"/>'s head counts: TownshipId, GroupCode, Households, Persons of month <paramref name="m"/> from the ledger.</summary>
    public static string HeadcountSql(int jurisdictionId, YearMonth m)
    {
        var j = jurisdictionId;
        var counted = $"({Entitlement.IsRegularSql("l.Reason")} OR l.Reason = {(int)PaymentReason.Temporary})";
        var unnamed = $"SUM(CASE WHEN l.Reason = {(int)PaymentReason.Temporary} THEN l.PersonCount - CASE WHEN l.PersonId IS NULL THEN 0 ELSE 1 END ELSE 0 END)";
        string Select(string group, string groupBy) => $"""
            SELECT l.TownshipId, {group} AS GroupCode, COUNT(DISTINCT l.HouseholdId) AS Households, COUNT(DISTINCT l.PersonId) + {unnamed} AS Persons
            FROM PaymentLines l
            WHERE l.JurisdictionId = {j} AND l.Month = {m.Key} AND {counted}
            GROUP BY l.TownshipId{groupBy}
            """;
        var group = ProgrammeCatalogue.GroupOfSql("l.Programme");
        return $"{Select("0", "")} UNION ALL {Select(group, ", " + group)}";
    }
}
