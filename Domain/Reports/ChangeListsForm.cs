using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Reports;

/// <summary>Which change list a ledger line belongs to.</summary>
public enum ChangeList { New = 1, Stopped = 2, Adjusted = 3, BackPay = 4, Recovery = 5, Temporary = 6 }

/// <summary>
/// One row of a change list: a ledger line of the month (or, for 停发, last month's line not paid again), named. The
/// ID number is already masked unless the export was allowed to show it.
/// </summary>
public sealed record ChangeRow(ChangeList List, string Township, string Community, int HouseholdId, string Name, string IdNumber,
    string Programme, YearMonth ForMonth, decimal Amount, decimal? PreviousAmount, string Why, int Persons);

/// <summary>
/// The month's change lists (变动明细) caseworkers send with the report: 新增明细, 停发明细 (with its reason),
/// 增发减发明细 (tier and standard changes), 补发明细, 追缴明细, 临时救助明细 — one row per person (per case for
/// temporary assistance), each sheet closed by a 合计 row that the report checks against the month's summaries.
/// </summary>
public static class ChangeListsForm
{
    public const string Title = "月度变动明细表";

    public static string SheetName(ChangeList list) => list switch
    {
        ChangeList.New => "新增明细",
        ChangeList.Stopped => "停发明细",
        ChangeList.Adjusted => "增发减发明细",
        ChangeList.BackPay => "补发明细",
        ChangeList.Recovery => "追缴明细",
        _ => "临时救助明细",
    };

    /// <summary>
    /// Each list against the month's summaries: as many persons and as much money as the report's figures count
    /// (新增 and 停发 persons and amounts, the tier and standard deltas, back pay, recoveries, temporary cases).
    /// </summary>
    public static IReadOnlyList<ReportCheckFailure> Check(IReadOnlyList<ListSheet> lists, IReadOnlyList<ChangeRow> rows, IReadOnlyList<PaymentSummary> month)
    {
        var failures = new List<ReportCheckFailure>();
        void Agree(ChangeList list, string what, decimal listed, decimal summarised)
        {
            if (listed != summarised) failures.Add(new(SheetName(list), MonthlyReportLayout.Total, Messages.Format("Check.ListAgrees", what, listed, summarised)));
        }
        IEnumerable<ChangeRow> Of(ChangeList list) => rows.Where(r => r.List == list);
        var temporary = month.Where(s => s.VariantCode == ProgrammeCatalogue.Temporary).ToList();
        Agree(ChangeList.New, "人数", Of(ChangeList.New).Count(), month.Sum(s => s.NewPersons));
        Agree(ChangeList.New, "金额", Of(ChangeList.New).Sum(r => r.Amount), month.Sum(s => s.NewAmount));
        Agree(ChangeList.Stopped, "人数", Of(ChangeList.Stopped).Count(), month.Sum(s => s.StoppedPersons));
        Agree(ChangeList.Stopped, "金额", Of(ChangeList.Stopped).Sum(r => r.Amount), month.Sum(s => s.StoppedAmount));
        Agree(ChangeList.Adjusted, "增减", Of(ChangeList.Adjusted).Sum(r => r.Amount - (r.PreviousAmount ?? 0m)),
            month.Sum(s => s.TierChangeDelta + s.StandardChangeDelta));
        Agree(ChangeList.BackPay, "金额", Of(ChangeList.BackPay).Sum(r => r.Amount), month.Sum(s => s.BackPay));
        Agree(ChangeList.Recovery, "金额", -Of(ChangeList.Recovery).Sum(r => r.Amount), month.Sum(s => s.Recovery));
        Agree(ChangeList.Temporary, "件数", Of(ChangeList.Temporary).Count(), temporary.Sum(s => s.Cases));
        Agree(ChangeList.Temporary, "金额", Of(ChangeList.Temporary).Sum(r => r.Amount), temporary.Sum(s => s.Amount));
        foreach (var sheet in lists)
        {
            var total = sheet.Rows[^1];
            for (var c = Fixed; c < sheet.Columns.Count; c++)
                if (total[c] is ReportCell sum && sheet.Rows.Take(sheet.Rows.Count - 1).Sum(r => r[c] is ReportCell cell ? cell.Value : 0m) != sum.Value)
                    failures.Add(new(sheet.Name, MonthlyReportLayout.Total, Messages.Format("Check.TotalIsSum", sheet.Columns[c].Header, sum.Value, 0m)));
        }
        return failures;
    }

    /// <summary>The columns every list starts with (序号 … 救助项目); the list's own follow.</summary>
    private const int Fixed = 7;

    public static IReadOnlyList<ListSheet> Build(YearMonth month, IReadOnlyList<ChangeRow> rows) =>
        Enum.GetValues<ChangeList>().Select(list => Sheet(month, list, rows.Where(r => r.List == list)
            .OrderBy(r => r.Township, StringComparer.Ordinal).ThenBy(r => r.HouseholdId).ThenBy(r => r.ForMonth).ToList())).ToList();

    private static ListSheet Sheet(YearMonth month, ChangeList list, IReadOnlyList<ChangeRow> rows)
    {
        var columns = new List<ListColumn> { new("序号", Width: 6), new("街道（乡镇）"), new("社区（村）"), new("户编号", Width: 9), new("姓名", Width: 10),
            new("身份证号", Width: 21), new("救助项目", Width: 18) };
        Func<ChangeRow, object?[]> cells;
        switch (list)
        {
            case ChangeList.Stopped:
                columns.AddRange([new("上月金额（元）", ReportFormat.Yuan), new("停发原因", Width: 24)]);
                cells = r => [r.Amount, r.Why];
                break;
            case ChangeList.Adjusted:
                columns.AddRange([new("上月金额（元）", ReportFormat.Yuan), new("本月金额（元）", ReportFormat.Yuan), new("增减（元）", ReportFormat.Yuan), new("类型", Width: 10)]);
                cells = r => [r.PreviousAmount ?? 0m, r.Amount, r.Amount - (r.PreviousAmount ?? 0m), r.Why];
                break;
            case ChangeList.BackPay or ChangeList.Recovery:
                columns.AddRange([new("所属月份", Width: 10), new(list == ChangeList.BackPay ? "补发金额（元）" : "追缴金额（元）", ReportFormat.Yuan)]);
                // A recovery is written as the amount owed back (positive), as the list is read.
                cells = r => [r.ForMonth.ToString(), list == ChangeList.Recovery ? -r.Amount : r.Amount];
                break;
            case ChangeList.Temporary:
                columns.AddRange([new("救助人数", ReportFormat.Count, 9), new("金额（元）", ReportFormat.Yuan)]);
                cells = r => [(decimal)r.Persons, r.Amount];
                break;
            default:
                columns.AddRange([new("金额（元）", ReportFormat.Yuan)]);
                cells = r => [r.Amount];
                break;
        }
        var lines = rows.Select((r, i) =>
        {
            var own = cells(r);
            return (IReadOnlyList<object?>)[(i + 1).ToString(), r.Township, r.Community, r.HouseholdId, r.Name, r.IdNumber, r.Programme,
                .. own.Select((value, k) => value is decimal d && columns[Fixed + k].Format is { } format ? new ReportCell(d, format) : value)];
        }).ToList();
        var total = new object?[columns.Count];
        total[0] = MonthlyReportLayout.Total;
        total[1] = Messages.Format("Report.ChangeCount", rows.Count);
        for (var c = Fixed; c < columns.Count; c++)
            if (columns[c].Format is { } format) total[c] = new ReportCell(lines.Sum(l => l[c] is ReportCell cell ? cell.Value : 0m), format);
        lines.Add(total);
        return new ListSheet(SheetName(list), $"{month.Year}年{month.Month}月 {SheetName(list)}", columns, lines) { HasTotal = true };
    }
}
