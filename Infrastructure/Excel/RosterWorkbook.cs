using Microsoft.Extensions.Options;
using CivilAffairs.Domain.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using CivilAffairs.Domain.Features.Roster;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace CivilAffairs.Infrastructure.Excel;

/// <summary>
/// Roster workbooks with MiniExcel: it streams rows in and out, so a 50,000-row upload is never a whole workbook in
/// memory (ClosedXML keeps one, about 1 GB per 100k rows here).
/// </summary>
public sealed class RosterWorkbook(IOptions<WorkbookLimits> limits) : IRosterWorkbook
{
    public async IAsyncEnumerable<RosterImportRow> ReadAsync(Stream workbook, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var rowNumber = 1;
        // Checked through before MiniExcel parses anything: sizes, rows and cell lengths (the inflating workbooks).
        var seekable = workbook.CanSeek ? workbook : await CopyAsync(workbook, limits.Value.MaxFileBytes, ct);
        limits.Value.Check(seekable);
        workbook = seekable;
        foreach (IDictionary<string, object?> cells in await MiniExcel.QueryAsync(workbook, useHeaderRow: true, cancellationToken: ct))
        {
            rowNumber++;
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            var numeric = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (header, value) in cells)
            {
                var name = header.Trim();
                values[name] = value switch
                {
                    null => null,
                    DateTime date => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    double or decimal or int or long => Numeric(name, value, numeric),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim(),
                };
            }
            if (values.Values.All(string.IsNullOrWhiteSpace)) continue;
            yield return new RosterImportRow(rowNumber, values) { NumericColumns = numeric };
        }
    }

    private static async Task<Stream> CopyAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > maxBytes) throw new WorkbookLimitException($"文件大小超过 {maxBytes / 1024 / 1024} MB，超出导入限制，未读取。");
            copy.Write(buffer, 0, read);
        }
        copy.Position = 0;
        return copy;
    }

    public Task WriteTemplateAsync(Stream destination, YearMonth exampleMonth, CancellationToken ct = default) =>
        MiniExcel.SaveAsAsync(destination, RosterTemplate.ExampleRows(exampleMonth).Select(r => RosterTemplate.Columns.ToDictionary(c => c, c => (object?)r[c])),
            sheetName: "花名册", configuration: Configuration(RosterTemplate.Columns), cancellationToken: ct);

    public Task WriteErrorsAsync(Stream destination, IReadOnlyList<RosterImportRow> rows, IReadOnlyList<ImportError> errors, CancellationToken ct = default)
    {
        var byRow = errors.ToLookup(e => e.RowNumber);
        var columns = RosterTemplate.Columns.Append(RosterTemplate.Error).ToList();
        IEnumerable<Dictionary<string, object?>> Lines()
        {
            foreach (var row in rows)
            {
                var line = RosterTemplate.Columns.ToDictionary(c => c, c => (object?)SpreadsheetText.Inert(row.Get(c)));
                line[RosterTemplate.Error] = string.Join("；", byRow[row.RowNumber].Select(e => $"第 {e.RowNumber} 行【{e.Column}】{e.Message}"));
                yield return line;
            }
        }
        return MiniExcel.SaveAsAsync(destination, Lines(), sheetName: "花名册（含错误）", configuration: Configuration(columns), cancellationToken: ct);
    }

    private static string? Numeric(string column, object value, HashSet<string> numeric)
    {
        numeric.Add(column);
        return Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture);
    }

    private static OpenXmlConfiguration Configuration(IEnumerable<string> columns) => new()
    {
        DynamicColumns = columns.Select(c => new DynamicExcelColumn(c)
        {
            Width = c is RosterTemplate.IdNumber or RosterTemplate.BankAccount ? 22 : c is RosterTemplate.Programmes or RosterTemplate.Error ? 40 : 12,
        }).ToArray(),
    };
}
