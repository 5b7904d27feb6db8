using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Applications;

/// <summary>
/// A photo or a scan kept with a file (入户调查的照片, 收入证明的扫描件): JPEG, PNG or PDF as its first bytes say, whatever its
/// name claims, up to <see cref="MaxBytes"/>. Kept beside the file, never loaded with it.
/// </summary>
public sealed class ApplicationAttachment
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int FileNameMaxLength = 120;

    private ApplicationAttachment() { }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public int Size { get; private set; }
    /// <summary>SHA-256 of the content, hex: the same scan attached twice is refused.</summary>
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }

    public static ApplicationAttachment Attach(int applicationId, string fileName, byte[] content, DateTime atUtc, string by)
    {
        BusinessRules.Check(new AttachmentMustFit(content.Length), "Content");
        var type = ContentTypeOf(content);
        BusinessRules.Check(new AttachmentMustBeImageOrPdf(type), "Content");
        fileName = EnteredText.Clean(Path.GetFileName(fileName));
        if (fileName.Length > FileNameMaxLength) fileName = fileName[^FileNameMaxLength..];
        return new ApplicationAttachment
        {
            ApplicationId = applicationId, FileName = fileName.Length == 0 ? "附件" : fileName, ContentType = type!, Size = content.Length,
            Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content)), Content = content, UploadedBy = by, UploadedAtUtc = atUtc,
        };
    }

    /// <summary>What the first bytes say the file is: JPEG, PNG or PDF, or null for anything else.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        _ => null,
    };
}

/// <summary>An attachment is not empty and at most 5 MB.</summary>
public sealed record AttachmentMustFit(int Size) : IBusinessRule
{
    public bool IsBroken() => Size is 0 or > ApplicationAttachment.MaxBytes;
    public string Message => Messages.Format("Attachment.Size", ApplicationAttachment.MaxBytes / 1024 / 1024);
}

/// <summary>Photos and scans only: JPEG, PNG or PDF by their content.</summary>
public sealed record AttachmentMustBeImageOrPdf(string? ContentType) : IBusinessRule
{
    public bool IsBroken() => ContentType is null;
    public string Message => Messages.Get("Attachment.Type");
}

/// <summary>The same scan is attached once.</summary>
public sealed record AttachmentNotTwice(bool AlreadyAttached) : IBusinessRule
{
    public bool IsBroken() => AlreadyAttached;
    public string Message => Messages.Get("Attachment.Twice");
}
