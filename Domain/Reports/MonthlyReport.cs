using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Reports;

/// <summary>How a report column's figures are written.</summary>
public enum ReportFormat { Count = 1, Yuan = 2, WanYuan = 3 }

/// <summary>A column of a report sheet; only additive columns are summed into the total row.</summary>
public sealed record ReportColumn(string Header, ReportFormat Format, bool Additive = true);

/// <summary>A row: a street/township (or a programme on the summary sheet) and its figures, one per column.</summary>
public sealed record ReportRow(string Label, IReadOnlyList<decimal> Values);

/// <summary>One sheet of the monthly report, in the layout bureaus send upward: rows and a total row.</summary>
public sealed record ReportSheet(string Name, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows, ReportRow Total)
{
    /// <summary>Lines printed under the table: what a measure counts, the rounding difference of 万元 columns.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>The rows' header (街道（乡镇）, 社区（村）, 项目); the workbook's default when null.</summary>
    public string? RowHeader { get; init; }

    public decimal Value(ReportRow row, string header) => row.Values[Index(header)];
    public int Index(string header) => Columns.Select((c, i) => (c, i)).Single(x => x.c.Header == header).i;
}

/// <summary>The monthly statistical report (统计月报): the bureau, the month, its sheets and who prepared it when.</summary>
public sealed record MonthlyReport(string Bureau, YearMonth Month, string? Township, IReadOnlyList<ReportSheet> Sheets, DateTime PreparedAtUtc,
    string PreparedBy)
{
    public const string Unit = "单位：户、人、件、元（汇总表另列万元）";
    public ReportSheet Sheet(string name) => Sheets.Single(s => s.Name == name);
    public ReportForm Form { get; init; } = ReportForm.Monthly;
    /// <summary>The form's sheets that are lists (the change lists, the quarterly form's lines), after the figure sheets.</summary>
    public IReadOnlyList<ListSheet> Lists { get; init; } = [];
    /// <summary>The unit line above each figure sheet (the forms with mixed units name them in their headers).</summary>
    public string UnitLine { get; init; } = Unit;
    /// <summary>The 12-digit statistical area code of the reporting unit (统计用区划代码).</summary>
    public string AreaCode { get; init; } = "";
}

/// <summary>A self-check the report failed: which sheet, which row, what.</summary>
public sealed record ReportCheckFailure(string Sheet, string Row, string Check);

/// <summary>
/// The checks a report must pass before it is produced: each total row equals the sum of its rows; persons equal the
/// sum of their parts where the layout implies it; every "of which" is within its whole; the summary sheet agrees with
/// every programme sheet; and the month's funds equal what the payment run recorded when it closed the month.
/// </summary>
public static class MonthlyReportChecks
{
    public static IReadOnlyList<ReportCheckFailure> Run(MonthlyReport report, decimal? recordedPaid)
    {
        var failures = new List<ReportCheckFailure>();
        foreach (var sheet in report.Sheets)
        {
            for (var c = 0; c < sheet.Columns.Count; c++)
                if (sheet.Columns[c].Additive && sheet.Rows.Sum(r => r.Values[c]) != sheet.Total.Values[c])
                    failures.Add(new(sheet.Name, sheet.Total.Label, Messages.Format("Check.TotalIsSum", sheet.Columns[c].Header,
                        sheet.Total.Values[c], sheet.Rows.Sum(r => r.Values[c]))));
            foreach (var row in sheet.Rows.Append(sheet.Total)) failures.AddRange(Parts(sheet, row));
            failures.AddRange(WanAgreesWithYuan(sheet));
        }

        foreach (var sheet in report.Sheets.Where(s => s.Name == DibaoForm.Title(Programmes.Programme.UrbanDibao) || s.Name == DibaoForm.Title(Programmes.Programme.RuralDibao)))
            foreach (var row in sheet.Rows.Append(sheet.Total))
                foreach (var (whole, parts) in DibaoForm.SumsOfParts)
                {
                    if (sheet.Value(row, whole) != parts.Sum(p => sheet.Value(row, p)))
                        failures.Add(new(sheet.Name, row.Label, Messages.Format("Check.PartsSum", whole, string.Join("+", parts))));
                    // 成年人 is what is left of the persons: never below zero, never more than the whole.
                    foreach (var part in parts.Where(p => sheet.Value(row, p) < 0 || sheet.Value(row, p) > sheet.Value(row, whole)))
                        failures.Add(new(sheet.Name, row.Label, Messages.Format("Check.OfWhich", part, whole)));
                }
        if (!report.Sheets.Any(s => s.Name == MonthlyReportLayout.Summary)) return failures;
        var summary = report.Sheet(MonthlyReportLayout.Summary);
        foreach (var (programme, _, sheetName, persons, funds) in MonthlyReportLayout.SummarySources)
        {
            var row = summary.Rows.Single(r => r.Label == programme);
            var sheet = report.Sheet(sheetName);
            if (summary.Value(row, MonthlyReportLayout.PersonTimes) != sheet.Value(sheet.Total, persons))
                failures.Add(new(summary.Name, programme, Messages.Format("Check.SummaryAgrees", MonthlyReportLayout.PersonTimes, sheetName)));
            if (summary.Value(row, MonthlyReportLayout.FundsMonth) != sheet.Value(sheet.Total, funds))
                failures.Add(new(summary.Name, programme, Messages.Format("Check.SummaryAgrees", MonthlyReportLayout.FundsMonth, sheetName)));
        }
        if (recordedPaid is { } paid && summary.Value(summary.Total, MonthlyReportLayout.FundsMonth) != paid)
            failures.Add(new(summary.Name, summary.Total.Label, Messages.Format("Check.LedgerAgrees", summary.Value(summary.Total, MonthlyReportLayout.FundsMonth), paid)));
        return failures;
    }

    /// <summary>Every 万元 cell is its yuan neighbour rounded half up at four decimals, the total row included.</summary>
    private static IEnumerable<ReportCheckFailure> WanAgreesWithYuan(ReportSheet sheet)
    {
        foreach (var (wan, yuan) in new[] { (MonthlyReportLayout.FundsMonthWan, MonthlyReportLayout.FundsMonth), (MonthlyReportLayout.FundsYearWan, MonthlyReportLayout.FundsYear) })
        {
            if (!sheet.Columns.Any(c => c.Header == wan)) continue;
            foreach (var row in sheet.Rows.Append(sheet.Total))
                if (sheet.Value(row, wan) != Money.FromYuan(sheet.Value(row, yuan)).WanRounded)
                    yield return new(sheet.Name, row.Label, Messages.Format("Check.WanAgrees", wan, yuan));
        }
    }

    private static IEnumerable<ReportCheckFailure> Parts(ReportSheet sheet, ReportRow row)
    {
        foreach (var (whole, parts) in MonthlyReportLayout.SumsOfParts(sheet.Name))
            if (sheet.Value(row, whole) != parts.Sum(p => sheet.Value(row, p)))
                yield return new(sheet.Name, row.Label, Messages.Format("Check.PartsSum", whole, string.Join("+", parts)));
        foreach (var (whole, part) in MonthlyReportLayout.OfWhich(sheet.Name))
            if (sheet.Value(row, part) > sheet.Value(row, whole) || sheet.Value(row, part) < 0)
                yield return new(sheet.Name, row.Label, Messages.Format("Check.OfWhich", part, whole));
    }
}
