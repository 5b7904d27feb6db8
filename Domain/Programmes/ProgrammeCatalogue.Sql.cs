namespace CivilAffairs.Domain.Programmes;

/// <summary>The SQL twin of <see cref="ProgrammeCatalogue.GroupOf"/>, for the set-wise head counts.</summary>
public static partial class ProgrammeCatalogue
{
    /// <summary>Twin of <see cref="GroupOf"/> over an expression of the programme's number.</summary>
    public static string GroupOfSql(string programme) =>
        "CASE " + string.Concat(Enum.GetValues<Programme>().Select(p => $"WHEN {programme} = {(int)p} THEN {(int)GroupOf(p)} ")) + "END";
}
