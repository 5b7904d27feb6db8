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
        foreach (var list in report.Lists) Write(workbook.Worksheets.Add(list.Name), report, list);
        workbook.SaveAs(output);
    }

    private static string Format(ReportFormat format) => format switch
    {
        ReportFormat.Count => Count,
        ReportFormat.WanYuan => WanYuan,
        _ => Yuan,
    };

    /// <summary>A list sheet: the heading lines of the form (表号 …), the table, its 合计 row bold, the notes, the signatures.</summary>
    private static void Write(IXLWorksheet ws, MonthlyReport report, ListSheet sheet)
    {
        var columns = sheet.Columns.Count;
        var title = ws.Range(1, 1, 1, columns).Merge();
        title.Value = $"{report.Bureau} {sheet.Title}" + (report.Township is { } t ? $"（{t}）" : "");
        title.Style.Font.SetBold().Font.SetFontSize(16).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Row(1).Height = 28;
        var row = 2;
        foreach (var line in sheet.Heading) ws.Range(row, 1, row++, columns).Merge().Value = line;
        var headerRow = row;
        for (var c = 0; c < columns; c++) ws.Cell(row, c + 1).Value = sheet.Columns[c].Header;
        ws.Range(row, 1, row, columns).Style.Font.SetBold().Alignment.SetWrapText().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center).Fill.SetBackgroundColor(XLColor.FromHtml("#E8EEF7"));
        ws.Row(row).Height = 32;
        row++;
        foreach (var line in sheet.Rows)
        {
            for (var c = 0; c < columns; c++)
            {
                var cell = ws.Cell(row, c + 1);
                switch (line[c])
                {
                    case ReportCell figure:
                        cell.Value = figure.Value;
                        cell.Style.NumberFormat.Format = Format(figure.Format);
                        break;
                    case decimal d:
                        cell.Value = d;
                        cell.Style.NumberFormat.Format = "0.0";
                        break;
                    case int i:
                        cell.Value = i;
                        break;
                    case null:
                        break;
                    case var other:
                        cell.Value = SpreadsheetText.Inert(other.ToString() ?? "");
                        break;
                }
            }
            row++;
        }
        if (sheet.HasTotal) ws.Range(row - 1, 1, row - 1, columns).Style.Font.SetBold();
        ws.Range(headerRow, 1, row - 1, columns).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        foreach (var note in sheet.Notes)
        {
            ws.Range(row, 1, row, columns).Merge().Value = note;
            ws.Cell(row, 1).Style.Font.SetFontSize(9).Alignment.SetWrapText();
            ws.Row(row).Height = 30;
            row++;
        }
        Signatures(ws, report, row + 1, columns);
        for (var c = 0; c < columns; c++) ws.Column(c + 1).Width = sheet.Columns[c].Width;
        ws.SheetView.FreezeRows(headerRow);
        Print(ws, headerRow, sheet.Columns.Select(c => c.Width));
    }

    /// <summary>The lines of the paper forms under every table: who answers for it, who checked it, who filled it in, when.</summary>
    private static void Signatures(IXLWorksheet ws, MonthlyReport report, int row, int columns)
    {
        var prepared = TimeZoneInfo.ConvertTimeFromUtc(report.PreparedAtUtc, China);
        var line = ws.Range(row, 1, row, columns).Merge();
        line.Value = $"填报单位：{report.Bureau}　　单位负责人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿　　填报人：{report.PreparedBy}　　填报日期：{prepared:yyyy年M月d日}";
        line.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left);
    }

    /// <summary>
    /// A4 landscape at a scale of at least 80 % (the columns' widths decide it), else A3 landscape, said in the header:
    /// fit-to-width could shrink a wide sheet until nobody can read it.
    /// </summary>
    private static void Print(IXLWorksheet ws, int headerRow, IEnumerable<double> widths)
    {
        var (paper, scale) = PrintFit.For(widths);
        ws.PageSetup.PaperSize = paper == PrintFit.Paper.A4 ? XLPaperSize.A4Paper : XLPaperSize.A3Paper;
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.Scale = scale;
        ws.PageSetup.SetRowsToRepeatAtTop(headerRow, headerRow);
        ws.PageSetup.CenterHorizontally = true;
        ws.PageSetup.Margins.Left = ws.PageSetup.Margins.Right = PrintFit.MarginInches;
        ws.PageSetup.Header.Right.AddText(paper == PrintFit.Paper.A4 ? "A4 横向" : "请用 A3 纸横向打印");
        ws.PageSetup.Footer.Center.AddText("第 &P 页，共 &N 页");
    }

    private static void Write(IXLWorksheet ws, MonthlyReport report, ReportSheet sheet)
    {
        var columns = sheet.Columns.Count + 1;
        var title = ws.Range(1, 1, 1, columns).Merge();
        title.Value = $"{report.Bureau} {report.Month.Year}年{report.Month.Month}月 {sheet.Title}" + (report.Township is { } t ? $"（{t}）" : "");
        title.Style.Font.SetBold().Font.SetFontSize(16).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Row(1).Height = 28;
        ws.Range(2, 1, 2, columns).Merge().Value = report.UnitLine;
        ws.Cell(2, 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);

        var label = sheet.RowHeader ?? (sheet.Name == MonthlyReportLayout.Summary ? "项目" : "街道（乡镇）");
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
                cell.Style.NumberFormat.Format = Format(sheet.Columns[c].Format);
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

        Signatures(ws, report, row + 1, columns);

        var widths = new List<double> { 16 };
        widths.AddRange(sheet.Columns.Select(c => c.Format == ReportFormat.Count ? 10d : 14d));
        for (var c = 0; c < widths.Count; c++) ws.Column(c + 1).Width = widths[c];
        ws.SheetView.FreezeRows(3);
        ws.SheetView.FreezeColumns(1);
        Print(ws, 3, widths);
    }
}
