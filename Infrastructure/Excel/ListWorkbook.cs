using CivilAffairs.Domain.Features.Reports;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace CivilAffairs.Infrastructure.Excel;

/// <summary>
/// Long lists (the roster, a month's payments, the audit log) streamed into a workbook with MiniExcel: rows are pulled
/// from the caller's enumerator as the file is written, so a million rows never sit in memory (ClosedXML would hold
/// the whole workbook, about 1 GB per 100,000 rows here).
/// </summary>
public sealed class ListWorkbook : IListWorkbook
{
    public void Write(Stream output, string sheetName, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        IEnumerable<Dictionary<string, object?>> Lines()
        {
            foreach (var row in rows)
            {
                var line = new Dictionary<string, object?>(columns.Count);
                for (var i = 0; i < columns.Count; i++) line[columns[i]] = SpreadsheetText.Inert(row[i]);
                yield return line;
            }
        }
        var configuration = new OpenXmlConfiguration
        {
            FastMode = false,
            DynamicColumns = columns.Select(c => new DynamicExcelColumn(c)
            {
                Width = c.Contains("身份证") ? 22 : c is "地址" or "变更" or "救助项目" or "原因" ? 36 : 14,
            }).ToArray(),
        };
        output.SaveAs(Lines(), sheetName: sheetName, configuration: configuration);
    }
}
