using System.Text;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Monitoring;
using CivilAffairs.Infrastructure.Excel;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace CivilAffairs.Infrastructure.Monitoring;

/// <summary>
/// A department's file: an .xlsx workbook (checked against the upload limits before it is parsed), or CSV text in UTF-8
/// (with or without BOM) or, failing that, GB18030 — the encoding of files saved by Excel on a Chinese Windows.
/// </summary>
public sealed class RecordFile(IOptions<WorkbookLimits> limits) : IRecordFile
{
    static RecordFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Read(byte[] bytes, string fileName)
    {
        if (bytes is [0x50, 0x4B, 0x03, 0x04, ..])
        {
            using var workbook = new MemoryStream(bytes);
            try
            {
                limits.Value.Check(workbook);
                workbook.Position = 0;
                return workbook.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()
                    .Select(r => (IReadOnlyDictionary<string, object?>)r.ToDictionary(c => c.Key.Trim(), c => c.Value)).ToList();
            }
            catch (Exception e) when (e is not WorkbookLimitException)
            {
                throw new UnreadableRecordFileException(Messages.Get("Records.Unreadable"));
            }
        }
        var text = Decode(bytes);
        if (text.Contains('\0')) throw new UnreadableRecordFileException(Messages.Get("Records.Unreadable"));
        var lines = Csv(text).ToList();
        if (lines.Count == 0) return [];
        var headers = lines[0].Select(h => h.Trim()).ToList();
        return lines.Skip(1).Select(cells => (IReadOnlyDictionary<string, object?>)headers.Select((h, i) => (h, Value: i < cells.Count ? cells[i].Trim() : null))
            .GroupBy(c => c.h).ToDictionary(g => g.Key, g => (object?)g.First().Value)).ToList();
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (BOM or not), otherwise GB18030.</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>RFC 4180 rows: commas, quoted cells with doubled quotes and line breaks inside.</summary>
    private static IEnumerable<List<string>> Csv(string text)
    {
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(cell.ToString());
                cell.Clear();
                if (row.Any(v => v.Length > 0)) yield return row;
                row = [];
            }
            else cell.Append(c);
        }
        row.Add(cell.ToString());
        if (row.Any(v => v.Length > 0)) yield return row;
    }
}
