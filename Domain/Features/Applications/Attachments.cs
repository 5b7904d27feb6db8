using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Applications;

/// <summary>Keeps a photo or scan (入户调查照片, 证明材料扫描件) with an open file.</summary>
[RequiresPermission(Permission.RecordApplications)]
public sealed record AttachToApplication(int ApplicationId, string FileName, byte[] Content) : IRequest<Result<int>>;

/// <summary>The attachments of a file, without their content.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record ListAttachments(int ApplicationId) : IRequest<IReadOnlyList<AttachmentRow>>;

/// <summary>One attachment as listed.</summary>
public sealed record AttachmentRow(int Id, string FileName, string ContentType, int Size, string UploadedBy, DateTime UploadedAtUtc);

/// <summary>One attachment's content, for download; null outside the caller's area.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record GetAttachment(int ApplicationId, int AttachmentId) : IRequest<AttachmentContent?>;

/// <summary>The file as stored.</summary>
public sealed record AttachmentContent(string FileName, string ContentType, byte[] Content);

/// <summary>Attachments through the file they belong to, so the file's area applies.</summary>
public sealed class AttachmentHandlers(IDataSessionFactory data, IClock clock, Actor actor)
    : IRequestHandler<AttachToApplication, Result<int>>, IRequestHandler<ListAttachments, IReadOnlyList<AttachmentRow>>,
      IRequestHandler<GetAttachment, AttachmentContent?>
{
    public async ValueTask<Result<int>> Handle(AttachToApplication request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var application = await session.LoadApplicationAsync(request.ApplicationId, ct);
        if (application is null) return Result<int>.Failure([new(nameof(request.ApplicationId), Messages.Get("Application.Unknown"))]);
        var attachment = ApplicationAttachment.Attach(application.Id, request.FileName, request.Content, clock.Now.UtcDateTime, actor.UserName);
        BusinessRules.Check(new AttachmentNotTwice(await session.CountAsync(session.Query<ApplicationAttachment>()
            .Where(a => a.ApplicationId == application.Id && a.Sha256 == attachment.Sha256), ct) > 0), "Content");
        application.NoteAttachment(attachment.FileName, clock.Today, clock.Now.UtcDateTime, actor.UserName);
        session.Add(attachment);
        session.AuditReason = $"申请附件 申请#{application.Id}";
        await session.SaveChangesAsync(ct);
        return Result<int>.Success(attachment.Id);
    }

    public async ValueTask<IReadOnlyList<AttachmentRow>> Handle(ListAttachments request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        return await session.ToListAsync(session.Query<ApplicationAttachment>().Where(a => a.ApplicationId == request.ApplicationId)
            .OrderBy(a => a.Id).Select(a => new AttachmentRow(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedBy, a.UploadedAtUtc)), ct);
    }

    public async ValueTask<AttachmentContent?> Handle(GetAttachment request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        return await session.FirstOrDefaultAsync(session.Query<ApplicationAttachment>()
            .Where(a => a.ApplicationId == request.ApplicationId && a.Id == request.AttachmentId)
            .Select(a => new AttachmentContent(a.FileName, a.ContentType, a.Content)), ct);
    }
}
