using ClosedXML.Excel;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Reports;

namespace CivilAffairs.Infrastructure.Excel;

/// <summary>
/// The monthly report as the bureau lays it out, with ClosedXML: a title with the bureau and the month, the unit, the
/// headers frozen, thousands separators, explicit column widths (AdjustToContents needs libgdiplus on Linux and is
/// slow), A4 landscape fitted to the page width, and who prepared it when. A report is a few hundred cells, so
/// ClosedXML's in-memory workbook is no concern here (the long lists are streamed with MiniExcel).
/// </summary>
public sealed class MonthlyReportWorkbook : IMonthlyReportWorkbook
{
    private const string Count = "#,##0", Yuan = "#,##0.00", WanYuan = "#,##0.0000";
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public void Write(MonthlyReport report, Stream output)
    {
        using var workbook = new XLWorkbook();
        foreach (var sheet in report.Sheets) Write(workbook.Worksheets.Add(sheet.Name), report, sheet);
        workbook.SaveAs(output);
    }

    private static void Write(IXLWorksheet ws, MonthlyReport report, ReportSheet sheet)
    {
        var columns = sheet.Columns.Count + 1;
        var title = ws.Range(1, 1, 1, columns).Merge();
        title.Value = $"{report.Bureau} {report.Month.Year}年{report.Month.Month}月 {sheet.Title}" + (report.Township is { } t ? $"（{t}）" : "");
        title.Style.Font.SetBold().Font.SetFontSize(16).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Row(1).Height = 28;
        ws.Range(2, 1, 2, columns).Merge().Value = MonthlyReport.Unit;
        ws.Cell(2, 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);

        var label = sheet.Name == MonthlyReportLayout.Summary ? "项目" : "街道（乡镇）";
        ws.Cell(3, 1).Value = label;
        for (var c = 0; c < sheet.Columns.Count; c++) ws.Cell(3, c + 2).Value = sheet.Columns[c].Header;
        var header = ws.Range(3, 1, 3, columns);
        header.Style.Font.SetBold().Alignment.SetWrapText().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center).Fill.SetBackgroundColor(XLColor.FromHtml("#E8EEF7"));
        ws.Row(3).Height = 48;

        var row = 4;
        foreach (var line in sheet.Rows.Append(sheet.Total))
        {
            ws.Cell(row, 1).Value = SpreadsheetText.Inert(line.Label);
            for (var c = 0; c < sheet.Columns.Count; c++)
            {
                var cell = ws.Cell(row, c + 2);
                cell.Value = line.Values[c];
                cell.Style.NumberFormat.Format = sheet.Columns[c].Format switch
                {
                    ReportFormat.Count => Count,
                    ReportFormat.WanYuan => WanYuan,
                    _ => Yuan,
                };
            }
            row++;
        }
        ws.Range(row - 1, 1, row - 1, columns).Style.Font.SetBold();
        var table = ws.Range(3, 1, row - 1, columns);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);

        // What a measure counts, and the rounding difference of the 万元 columns, printed under the table.
        foreach (var note in sheet.Notes)
        {
            ws.Range(row, 1, row, columns).Merge().Value = note;
            ws.Cell(row, 1).Style.Font.SetFontSize(9).Alignment.SetWrapText();
            row++;
        }

        var prepared = TimeZoneInfo.ConvertTimeFromUtc(report.PreparedAtUtc, China);
        ws.Cell(row + 1, 1).Value = $"填报单位：{report.Bureau}";
        ws.Cell(row + 1, Math.Max(2, columns / 2)).Value = $"填报人：{report.PreparedBy}";
        ws.Cell(row + 1, Math.Max(3, columns - 1)).Value = $"填报日期：{prepared:yyyy年M月d日}";

        ws.Column(1).Width = 16;
        for (var c = 0; c < sheet.Columns.Count; c++)
            ws.Column(c + 2).Width = sheet.Columns[c].Format == ReportFormat.Count ? 11 : 15;
        ws.SheetView.FreezeRows(3);
        ws.SheetView.FreezeColumns(1);
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.SetRowsToRepeatAtTop(3, 3);
        ws.PageSetup.CenterHorizontally = true;
    }
}
