using System.IO.Compression;
using System.Xml;

namespace CivilAffairs.Infrastructure.Excel;

/// <summary>An uploaded workbook beyond <see cref="WorkbookLimits"/>: the message names the limit, in Chinese.</summary>
public sealed class WorkbookLimitException(string message) : IOException(message);

/// <summary>
/// What an uploaded workbook (roster import, bank return) may be, checked by <see cref="Check"/> in one streamed pass
/// before any reader parses it: a 4 MB file whose sheet inflated to 1.2 GB grew the server to 16 GB, and one cell of
/// 1.1 GB killed it. Bound from configuration section <c>Import:Limits</c>.
/// </summary>
public sealed class WorkbookLimits
{
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;
    /// <summary>The inflated size of any one part of the package (a sheet, the shared strings).</summary>
    public long MaxPartBytes { get; set; } = 256L * 1024 * 1024;
    /// <summary>The inflated size of all parts together.</summary>
    public long MaxTotalBytes { get; set; } = 512L * 1024 * 1024;
    public int MaxParts { get; set; } = 200;
    /// <summary>Rows of all sheets together.</summary>
    public int MaxRows { get; set; } = 100_000;
    /// <summary>Characters of one cell's text (the longest field of the roster, an address, is 100).</summary>
    public int MaxCellLength { get; set; } = 1_000;

    /// <summary>
    /// Reads the package through once, counting as it inflates (never holding a part or a cell), and throws
    /// <see cref="WorkbookLimitException"/> at the first limit passed. Leaves a seekable stream at its start.
    /// </summary>
    public void Check(Stream workbook)
    {
        if (!workbook.CanSeek) throw new ArgumentException("a seekable stream", nameof(workbook));
        if (workbook.Length > MaxFileBytes) throw Refused($"文件大小超过 {Megabytes(MaxFileBytes)} MB");
        var start = workbook.Position;
        try
        {
            using var package = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
            if (package.Entries.Count > MaxParts) throw Refused($"文件包含超过 {MaxParts} 个部件");
            long total = 0;
            var rows = 0;
            foreach (var entry in package.Entries)
            {
                using var inflated = new CountingStream(entry.Open(), this, entry.FullName, total);
                var xml = entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
                if (xml) rows += Scan(inflated, entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase), rows);
                else inflated.CopyTo(Stream.Null);
                total = inflated.Total;
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("文件不是有效的 Excel 工作簿（.xlsx）", e);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"工作簿内容损坏：{e.Message}", e);
        }
        finally
        {
            workbook.Position = start;
        }
    }

    /// <summary>Counts rows of a sheet and the characters of each text node, in chunks.</summary>
    private int Scan(Stream part, bool sheet, int rowsBefore)
    {
        using var reader = XmlReader.Create(part, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true });
        var rows = 0;
        var chunk = new char[4096];
        while (reader.Read())
        {
            if (sheet && reader.NodeType == XmlNodeType.Element && reader.LocalName == "row" && rowsBefore + ++rows > MaxRows)
                throw Refused($"行数超过 {MaxRows:N0} 行");
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                long length = 0;
                int read;
                while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    if ((length += read) > MaxCellLength)
                        throw Refused(sheet && rows > 0 ? $"第 {rowsBefore + rows} 行有单元格超过 {MaxCellLength:N0} 个字符" : $"有单元格超过 {MaxCellLength:N0} 个字符");
            }
        }
        return rows;
    }

    private static WorkbookLimitException Refused(string what) => new($"{what}，超出导入限制，未读取。请拆分文件或检查内容后重试。");

    private static long Megabytes(long bytes) => bytes / 1024 / 1024;

    /// <summary>Passes an inflating part through, throwing once the part or the package passes its limit.</summary>
    private sealed class CountingStream(Stream inner, WorkbookLimits limits, string part, long before) : Stream
    {
        private long _part;

        public long Total => before + _part;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            _part += read;
            if (_part > limits.MaxPartBytes) throw Refused($"部件 {part} 解压后超过 {Megabytes(limits.MaxPartBytes)} MB");
            if (Total > limits.MaxTotalBytes) throw Refused($"文件解压后超过 {Megabytes(limits.MaxTotalBytes)} MB");
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _part; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
