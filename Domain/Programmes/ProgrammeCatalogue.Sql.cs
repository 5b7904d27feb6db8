namespace CivilAffairs.Domain.Programmes;

/// <summary>The SQL twins of <see cref="ProgrammeCatalogue.GroupOf"/> and <see cref="ProgrammeVariant.HasMonthlyStandard"/>.</summary>
public static partial class ProgrammeCatalogue
{
    /// <summary>Twin of <see cref="GroupOf"/> over an expression of the programme's number.</summary>
    public static string GroupOfSql(string programme) =>
        "CASE " + string.Concat(Enum.GetValues<Programme>().Select(p => $"WHEN {programme} = {(int)p} THEN {(int)GroupOf(p)} ")) + "END";

    /// <summary>Twin of <see cref="ProgrammeVariant.HasMonthlyStandard"/>: every programme but temporary assistance pays monthly.</summary>
    public static string HasMonthlyStandardSql(string programme) => $"{programme} <> {(int)Programme.Temporary}";
}
