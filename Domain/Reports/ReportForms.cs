using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Reports;

/// <summary>The forms the statistics office files for a month, each its own workbook.</summary>
public enum ReportForm
{
    /// <summary>统计月报: the summary and one sheet per programme.</summary>
    Monthly = 1,
    /// <summary>城市低保对象综合统计表.</summary>
    UrbanDibao = 2,
    /// <summary>农村低保对象综合统计表.</summary>
    RuralDibao = 3,
    /// <summary>社会服务统计季报 (JBZH0001表), its social-assistance lines.</summary>
    Quarterly = 4,
    /// <summary>The month's change lists caseworkers send with the report (新增、停发、增发减发、补发、追缴、临时救助).</summary>
    Changes = 5,
}

/// <summary>Names of the forms: on screen, in file names and on the command line (<c>--form</c>).</summary>
public static class ReportForms
{
    public static IReadOnlyList<ReportForm> All { get; } = Enum.GetValues<ReportForm>();

    /// <summary>The <c>--form</c> name.</summary>
    public static string CommandName(ReportForm form) => form switch
    {
        ReportForm.Monthly => "monthly",
        ReportForm.UrbanDibao => "urban-dibao",
        ReportForm.RuralDibao => "rural-dibao",
        ReportForm.Quarterly => "quarterly",
        _ => "changes",
    };

    public static ReportForm? Parse(string? name) => All.Cast<ReportForm?>().FirstOrDefault(f => CommandName(f!.Value) == name?.Trim().ToLowerInvariant());

    /// <summary>The form's title as the bureau files it.</summary>
    public static string Title(ReportForm form) => form switch
    {
        ReportForm.Monthly => "统计月报",
        ReportForm.UrbanDibao => DibaoForm.Title(Programmes.Programme.UrbanDibao),
        ReportForm.RuralDibao => DibaoForm.Title(Programmes.Programme.RuralDibao),
        ReportForm.Quarterly => QuarterlyForm.Title,
        _ => ChangeListsForm.Title,
    };

    public static string FileName(ReportForm form, YearMonth month, string? township) =>
        $"{Title(form)}_{(form == ReportForm.Quarterly ? QuarterlyForm.QuarterName(month) : month.ToString())}{(township is null ? "" : "_" + township)}.xlsx";
}

/// <summary>How a list sheet's cell is written: text, or a figure in one of the report formats.</summary>
public sealed record ListColumn(string Header, ReportFormat? Format = null, double Width = 14);

/// <summary>
/// A sheet of rows that are not figures of areas: the change lists (one row per person) and the quarterly form's
/// indicator lines. A total row, when there is one, is the last row and is checked by the form that builds it.
/// </summary>
public sealed record ListSheet(string Name, string Title, IReadOnlyList<ListColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>Lines printed above the table (表号, 制表机关, 填报单位 …).</summary>
    public IReadOnlyList<string> Heading { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>The last row is a 合计 (printed bold).</summary>
    public bool HasTotal { get; init; }
}
