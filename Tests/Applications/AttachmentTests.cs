using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Features.Applications;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Applications;

/// <summary>Photos and scans kept with a file: by their content, once, in the file's area, on its timeline.</summary>
public sealed class AttachmentTests : IAsyncLifetime
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 1, 2, 3];
    private TestDatabase _db = default!;
    private int _file;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var context = _db.NewContext();
        var binhu = await context.Areas.Where(a => a.Name == "滨湖社区").Select(a => a.Id).SingleAsync();
        var received = await _db.SendAsAsync("binhu", new ReceiveApplication
        {
            CommunityId = binhu, Address = "滨湖社区 1 栋", Residence = Residence.Urban, VariantCode = ProgrammeCatalogue.UrbanDibaoA, Documents = "申请书",
            Members = [new RosterBuilder(_db).Member("吴敏", Relationship.Head)],
        });
        Assert.True(received.Succeeded, string.Join("；", received.Errors.Select(e => e.Message)));
        _file = received.Value;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_photo_is_kept_once_a_renamed_program_is_refused_and_another_township_cannot_read_it()
    {
        var kept = await _db.SendAsAsync("binhu", new AttachToApplication(_file, "入户照片.jpg", Jpeg));
        Assert.True(kept.Succeeded, string.Join("；", kept.Errors.Select(e => e.Message)));
        var twice = await _db.SendAsAsync("dongjiang", new AttachToApplication(_file, "again.jpg", Jpeg));
        Assert.Equal("这个文件已经上传过。", Assert.Single(twice.Errors).Message);
        var disguised = await _db.SendAsAsync("binhu", new AttachToApplication(_file, "收入证明.pdf", "MZ\u0090\0"u8.ToArray()));
        Assert.Equal("只能上传照片或扫描件（JPEG、PNG 或 PDF）。", Assert.Single(disguised.Errors).Message);
        var huge = await _db.SendAsAsync("binhu", new AttachToApplication(_file, "big.pdf", [.. "%PDF-"u8, .. new byte[ApplicationAttachment.MaxBytes]]));
        Assert.Contains("5 MB", Assert.Single(huge.Errors).Message);

        var listed = Assert.Single(await _db.SendAsAsync("dongjiang", new ListAttachments(_file)));
        Assert.Equal(("入户照片.jpg", "image/jpeg", Jpeg.Length), (listed.FileName, listed.ContentType, listed.Size));
        Assert.Equal(Jpeg, (await _db.SendAsAsync("dongjiang", new GetAttachment(_file, kept.Value)))!.Content);
        Assert.Contains((await _db.SendAsAsync("dongjiang", new GetApplication(_file)))!.Steps, s => s.Text == "附件：入户照片.jpg");

        Assert.Null(await _db.SendAsAsync("tangdong", new GetAttachment(_file, kept.Value)));
        Assert.Empty(await _db.SendAsAsync("tangdong", new ListAttachments(_file)));
        Assert.False((await _db.SendAsAsync("tangdong", new AttachToApplication(_file, "x.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1]))).Succeeded);
    }
}
