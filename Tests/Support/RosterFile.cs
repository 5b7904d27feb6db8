using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Roster;
using MiniExcelLibs;

namespace CivilAffairs.Tests.Support;

/// <summary>Builds roster workbooks for import tests, row by row, in the template's layout.</summary>
public sealed class RosterFile
{
    private readonly List<Dictionary<string, object?>> _rows = [];
    private static int _sequence = 600;

    public static string NewId(int year = 1970, bool female = false) =>
        IdNumber.Compose("431081", new DateOnly(year, 3, 3), (Interlocked.Add(ref _sequence, 2) % 998) + (female ? 0 : 1)).Value;

    /// <summary>A row with sensible values; <paramref name="change"/> sets what a test is about.</summary>
    public RosterFile Row(string key, string name, string relationship = "户主", string? id = null, Action<Dictionary<string, object?>>? change = null)
    {
        var row = new Dictionary<string, object?>
        {
            [RosterTemplate.HouseholdKey] = key, [RosterTemplate.Township] = "三都镇", [RosterTemplate.Community] = "流华湾村",
            [RosterTemplate.Address] = "3 组 12 号", [RosterTemplate.Residence] = "农村", [RosterTemplate.Dibao] = "农村低保 B类",
            [RosterTemplate.Month] = "2026-03", [RosterTemplate.BankAccount] = "6217995550009876546", [RosterTemplate.Name] = name,
            [RosterTemplate.IdNumber] = id ?? NewId(), [RosterTemplate.Relationship] = relationship,
            [RosterTemplate.DisabilityCategory] = "", [RosterTemplate.DisabilityGrade] = "", [RosterTemplate.Programmes] = "",
        };
        change?.Invoke(row);
        _rows.Add(row);
        return this;
    }

    /// <summary>The ID number of the row at <paramref name="index"/> (0 = first data row).</summary>
    public string IdOf(int index) => (string)_rows[index][RosterTemplate.IdNumber]!;

    public MemoryStream ToStream()
    {
        var stream = new MemoryStream();
        stream.SaveAs(_rows);
        stream.Position = 0;
        return stream;
    }
}
