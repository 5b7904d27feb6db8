using System.IO.Compression;
using System.Text;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Excel;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Security;

/// <summary>
/// The probe's uploads, built here: a few-megabyte workbook whose sheet inflates to hundreds of megabytes of two-cell
/// rows, and one whose single cell is hundreds of megabytes. Both are refused by the check before any reader parses
/// them, naming the limit, while the check allocates a few megabytes whatever the inflated size.
/// </summary>
public sealed class UploadBombTests : IAsyncLifetime
{
    private const long InflatedBytes = 300L * 1024 * 1024;
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A real workbook (the roster template's parts) with its first sheet replaced by <paramref name="sheet"/>'s output.</summary>
    private static MemoryStream Workbook(Action<Stream> sheet)
    {
        using var template = new MemoryStream();
        new RosterFile().Row("A", "张三").ToStream().CopyTo(template);
        template.Position = 0;
        var output = new MemoryStream();
        using (var source = new ZipArchive(template, ZipArchiveMode.Read, leaveOpen: true))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.SmallestSize).Open();
                if (entry.FullName == "xl/worksheets/sheet1.xml") sheet(to);
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        output.Position = 0;
        return output;
    }

    private static void Repeat(Stream to, string head, string unit, long bytes, string tail)
    {
        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, 65_536 / unit.Length)));
        to.Write(Encoding.UTF8.GetBytes(head));
        for (long written = 0; written < bytes; written += block.Length) to.Write(block);
        to.Write(Encoding.UTF8.GetBytes(tail));
    }

    private const string SheetHead = """<?xml version="1.0" encoding="utf-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""";
    private const string SheetTail = "</sheetData></worksheet>";

    private static MemoryStream RowBomb() => Workbook(to => Repeat(to, SheetHead,
        """<row><c t="inlineStr"><is><t>甲</t></is></c><c><v>1</v></c></row>""", InflatedBytes, SheetTail));

    private static MemoryStream CellBomb() => Workbook(to => Repeat(to, SheetHead + """<row r="1"><c r="A1" t="inlineStr"><is><t>""",
        "xxxxxxxxxxxxxxxx", InflatedBytes, "</t></is></c></row>" + SheetTail));

    public static TheoryData<string> Bombs() => ["rows", "cell"];

    [Theory]
    [MemberData(nameof(Bombs))]
    public void The_check_refuses_an_inflating_workbook_naming_the_limit_in_bounded_memory(string bomb)
    {
        using var file = bomb == "rows" ? RowBomb() : CellBomb();
        Assert.True(file.Length < 5 * 1024 * 1024, $"{file.Length:N0} bytes");
        var limits = new WorkbookLimits();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var refused = Assert.Throws<WorkbookLimitException>(() => limits.Check(file));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(bomb == "rows" ? "行数超过 100,000 行" : "有单元格超过 1,000 个字符", refused.Message);
        Assert.True(allocated < 32L * 1024 * 1024, $"the check allocated {allocated / 1024 / 1024:N0} MB");
        Assert.Equal(0, file.Position);
    }

    [Fact]
    public void A_part_inflating_past_its_limit_and_a_file_past_its_size_are_refused()
    {
        using var file = Workbook(to => Repeat(to, SheetHead, "<!-- padding -->", 2 * 1024 * 1024, SheetTail));
        Assert.Contains("解压后超过 1 MB", Assert.Throws<WorkbookLimitException>(() => new WorkbookLimits { MaxPartBytes = 1024 * 1024 }.Check(file)).Message);
        Assert.Contains("文件大小超过", Assert.Throws<WorkbookLimitException>(() => new WorkbookLimits { MaxFileBytes = 1024 }.Check(file)).Message);
        Assert.Contains("不是有效的 Excel", Assert.Throws<InvalidDataException>(() => new WorkbookLimits().Check(new MemoryStream("not a zip"u8.ToArray()))).Message);
    }

    [Fact]
    public void An_ordinary_roster_passes_the_check()
    {
        var file = new RosterFile();
        for (var i = 0; i < 200; i++) file.Row($"H{i}", "李四");
        new WorkbookLimits().Check(file.ToStream());
    }

    [Fact]
    public async Task Importing_the_row_bomb_through_the_mediator_is_refused_and_writes_nothing()
    {
        using var file = RowBomb();
        var refused = await Assert.ThrowsAsync<WorkbookLimitException>(() =>
            _db.SendAsync(new ImportRoster("431081", file, "bomb.xlsx", DryRun: false), Roles.Caseworker));

        Assert.Contains("超出导入限制", refused.Message);
        await using var context = _db.NewContext();
        Assert.Equal(0, await context.Households.CountAsync());
    }

    [Fact]
    public void A_bank_return_with_one_huge_cell_is_a_problem_of_the_return_not_a_crash()
    {
        using var file = CellBomb();
        var (rows, problems) = _db.Services.GetRequiredService<IBankDisbursement>().ReadReturn(file);

        Assert.Empty(rows);
        Assert.Contains(problems, p => p.Contains("有单元格超过 1,000 个字符"));
    }

    [Fact]
    public async Task The_command_line_import_of_the_bomb_exits_refused_with_the_limit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bomb-{Guid.NewGuid():N}.xlsx");
        await using (var out_ = File.Create(path)) RowBomb().CopyTo(out_);
        try
        {
            var (exit, output) = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "import-roster", "--file", path);
            Assert.Equal(1, exit);
            Assert.Contains("行数超过 100,000 行", output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
