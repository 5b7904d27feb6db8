using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Mapster;
using Mediator;

namespace CivilAffairs.Domain.Features.Audit;

/// <summary>A page of the audit log, newest first, filtered by user, entity, action and time range.</summary>
[RequiresPermission(Permission.ViewAudit)]
public sealed record SearchAudit(
    string? UserName = null,
    string? EntityType = null,
    AuditAction? Action = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    int Page = 0,
    int PageSize = 50) : IRequest<AuditPage>;

/// <summary>One audit record as the log page shows it.</summary>
public sealed record AuditRecordDto
{
    public long Sequence { get; init; }
    public DateTime TimestampUtc { get; init; }
    public string UserName { get; init; } = "";
    public AuditAction Action { get; init; }
    public string EntityType { get; init; } = "";
    public string? EntityKey { get; init; }
    public string? Changes { get; init; }
    public string? Reason { get; init; }
}

/// <summary>A page of records and how many match in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecordDto> Records, int TotalCount);

/// <summary>Filters and pages in SQL; the log may hold millions of rows.</summary>
public sealed class SearchAuditHandler(IDataSessionFactory data, TypeAdapterConfig mapping) : IRequestHandler<SearchAudit, AuditPage>
{
    public const int MaxPageSize = 500;

    public async ValueTask<AuditPage> Handle(SearchAudit request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var query = session.Query<AuditRecord>();
        if (!string.IsNullOrWhiteSpace(request.UserName)) query = query.Where(r => r.UserName == request.UserName.Trim());
        if (!string.IsNullOrWhiteSpace(request.EntityType)) query = query.Where(r => r.EntityType == request.EntityType.Trim());
        if (request.Action is { } action) query = query.Where(r => r.Action == action);
        if (request.FromUtc is { } from) query = query.Where(r => r.TimestampUtc >= from);
        if (request.ToUtc is { } to) query = query.Where(r => r.TimestampUtc < to);

        var total = await session.CountAsync(query, ct);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var records = await session.ToListAsync(query.OrderByDescending(r => r.Sequence)
            .Skip(Math.Max(0, request.Page) * size).Take(size)
            .ProjectToType<AuditRecordDto>(mapping), ct);
        return new AuditPage(records, total);
    }
}

/// <summary>Maps audit records to the log page's rows.</summary>
public sealed class AuditMapping : IRegister
{
    public void Register(TypeAdapterConfig config) => config.NewConfig<AuditRecord, AuditRecordDto>();
}
