using System.Globalization;
using ClosedXML.Excel;
using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Features.Applications;

namespace CivilAffairs.Infrastructure.Excel;

/// <summary>A posting (公示) as the village puts it up: title, period, the masked lines, the supervision telephone; A4 landscape.</summary>
public sealed class PostingWorkbook : IPostingWorkbook
{
    private static readonly (string Header, double Width)[] Columns =
    [
        ("序号", 6), ("姓名", 10), ("身份证号", 22), ("家庭人口", 9), ("救助项目", 18), ("月保障金额（元）", 14),
    ];

    public void Write(PostingSheet posting, Stream output)
    {
        using var book = new XLWorkbook();
        var ws = book.Worksheets.Add(posting.Kind == PostingKind.Proposal ? "拟保障对象公示" : "审批结果公示");
        var columns = posting.Kind == PostingKind.Result ? [.. Columns, ("审批结果", 24)] : Columns;
        var last = columns.Length;
        ws.Cell(1, 1).Value = posting.Title;
        ws.Range(1, 1, 1, last).Merge().Style.Font.SetBold().Font.SetFontSize(16).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Cell(2, 1).Value = $"公示期：{posting.StartsOn:yyyy年M月d日} 至 {posting.EndsOn:yyyy年M月d日}（共 {posting.EndsOn.DayNumber - posting.StartsOn.DayNumber + 1} 天）"
                              + (posting.CorrectsId is { } c ? $"　本公示更正第 {c} 号公示" : "");
        ws.Range(2, 1, 2, last).Merge();
        for (var i = 0; i < last; i++)
        {
            ws.Cell(4, i + 1).Value = columns[i].Header;
            ws.Column(i + 1).Width = columns[i].Width;
        }
        ws.Range(4, 1, 4, last).Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        var row = 5;
        foreach (var (line, n) in posting.Lines.Select((l, i) => (l, i + 1)))
        {
            ws.Cell(row, 1).Value = n;
            ws.Cell(row, 2).Value = line.Name;
            ws.Cell(row, 3).Value = line.IdNumber;
            ws.Cell(row, 4).Value = line.HouseholdSize;
            ws.Cell(row, 5).Value = line.Programme;
            ws.Cell(row, 6).Value = line.MonthlyAmount;
            ws.Cell(row, 6).Style.NumberFormat.Format = "#,##0.00";
            if (posting.Kind == PostingKind.Result) ws.Cell(row, 7).Value = line.Outcome ?? "";
            row++;
        }
        ws.Range(4, 1, row - 1, last).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        row++;
        var notes = new[]
        {
            $"如有异议，请在公示期内向{posting.Township}民政办或{posting.Bureau}民政局反映。监督电话：{posting.Telephone}",
            $"{posting.Township}人民政府（街道办事处）　　{posting.PublishedAtUtc.ToLocalTime().ToString("yyyy年M月d日", CultureInfo.InvariantCulture)}",
        };
        foreach (var note in notes)
        {
            ws.Cell(row, 1).Value = note;
            ws.Range(row, 1, row, last).Merge().Style.Alignment.SetWrapText(true);
            row++;
        }
        var (paper, scale) = PrintFit.For(columns.Select(c => c.Width));
        ws.PageSetup.PaperSize = paper == PrintFit.Paper.A4 ? XLPaperSize.A4Paper : XLPaperSize.A3Paper;
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.Scale = scale;
        ws.PageSetup.SetRowsToRepeatAtTop(4, 4);
        ws.PageSetup.CenterHorizontally = true;
        ws.PageSetup.Footer.Center.AddText("第 &P 页，共 &N 页");
        book.SaveAs(output);
    }
}
