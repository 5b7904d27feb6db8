using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Audit;

/// <summary>
/// A page of the audit log, newest first, filtered by user, entity, action and time range, or by one household or
/// person: that record's whole history (the household, its members, enrolments and timeline).
/// </summary>
[RequiresPermission(Permission.ViewAudit)]
[BureauWide]
public sealed record SearchAudit(
    string? UserName = null,
    string? EntityType = null,
    AuditAction? Action = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    int Page = 0,
    int PageSize = 50,
    int? HouseholdId = null,
    int? PersonId = null) : IRequest<AuditPage>;

/// <summary>One audit record as the log page shows it: in the pages' words, with who did it by name.</summary>
public sealed record AuditRecordDto
{
    public long Sequence { get; init; }
    public DateTime TimestampUtc { get; init; }
    public string UserName { get; init; } = "";
    /// <summary>"张三（caseworker）".</summary>
    public string User { get; init; } = "";
    public AuditAction Action { get; init; }
    public string EntityType { get; init; } = "";
    /// <summary>户, 成员, 救助标准 …</summary>
    public string Entity { get; init; } = "";
    public string? EntityKey { get; init; }
    /// <summary>The key, or for an account its holder's name.</summary>
    public string? Subject { get; init; }
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];
    public string? Reason { get; init; }

    public static AuditRecordDto Of(AuditRecord r, StaffNames staff) => new()
    {
        Sequence = r.Sequence, TimestampUtc = r.TimestampUtc, UserName = r.UserName, User = staff.Describe(r.UserName), Action = r.Action,
        EntityType = r.EntityType, Entity = AuditWording.EntityName(r.EntityType), EntityKey = r.EntityKey,
        Subject = AuditWording.Subject(r.EntityType, r.EntityKey, staff), Changes = AuditWording.Changes(r.EntityType, r.Changes), Reason = r.Reason,
    };
}

/// <summary>A page of records and how many match in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecordDto> Records, int TotalCount);

/// <summary>Filters and pages in SQL; the log may hold millions of rows.</summary>
public sealed class SearchAuditHandler(IDataSessionFactory data, IUserDirectory users) : IRequestHandler<SearchAudit, AuditPage>
{
    public const int MaxPageSize = 500;

    public async ValueTask<AuditPage> Handle(SearchAudit request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var query = await AuditFilter.ApplyAsync(session, request, ct);
        var total = await session.CountAsync(query, ct);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var records = await session.ToListAsync(query.OrderByDescending(r => r.Sequence).Skip(Math.Max(0, request.Page) * size).Take(size), ct);
        var staff = await users.NamesAsync(ct);
        return new AuditPage(records.Select(r => AuditRecordDto.Of(r, staff)).ToList(), total);
    }
}

/// <summary>The log's filter, shared by the page and its export so that what is listed is what is exported.</summary>
public static class AuditFilter
{
    public static async Task<IQueryable<AuditRecord>> ApplyAsync(IDataSession session, SearchAudit f, CancellationToken ct)
    {
        var query = session.Query<AuditRecord>();
        if (!string.IsNullOrWhiteSpace(f.UserName)) query = query.Where(r => r.UserName == f.UserName.Trim());
        if (!string.IsNullOrWhiteSpace(f.EntityType)) query = query.Where(r => r.EntityType == f.EntityType.Trim());
        if (f.Action is { } action) query = query.Where(r => r.Action == action);
        if (f.FromUtc is { } from) query = query.Where(r => r.TimestampUtc >= from);
        if (f.ToUtc is { } to) query = query.Where(r => r.TimestampUtc < to);
        if (f.PersonId is { } person)
        {
            var key = person.ToString();
            var enrollments = (await session.ToListAsync(session.Query<Enrollment>().Where(e => e.PersonId == person).Select(e => e.Id), ct))
                .Select(i => i.ToString()).ToList();
            query = query.Where(r => (r.EntityType == nameof(Person) && r.EntityKey == key)
                                     || (r.EntityType == nameof(Enrollment) && enrollments.Contains(r.EntityKey!)));
        }
        else if (f.HouseholdId is { } household)
        {
            var key = household.ToString();
            var persons = (await session.ToListAsync(session.Query<Person>().Where(p => p.HouseholdId == household).Select(p => p.Id), ct)).Select(i => i.ToString()).ToList();
            var enrollments = (await session.ToListAsync(session.Query<Enrollment>().Where(e => e.HouseholdId == household).Select(e => e.Id), ct)).Select(i => i.ToString()).ToList();
            var events = (await session.ToListAsync(session.Query<HouseholdEvent>().Where(e => e.HouseholdId == household).Select(e => e.Id), ct)).Select(i => i.ToString()).ToList();
            var moves = (await session.ToListAsync(session.Query<HouseholdMove>().Where(m => m.HouseholdId == household).Select(m => m.Id), ct)).Select(i => i.ToString()).ToList();
            query = query.Where(r => (r.EntityType == nameof(Household) && r.EntityKey == key)
                                     || (r.EntityType == nameof(Person) && persons.Contains(r.EntityKey!))
                                     || (r.EntityType == nameof(Enrollment) && enrollments.Contains(r.EntityKey!))
                                     || (r.EntityType == nameof(HouseholdEvent) && events.Contains(r.EntityKey!))
                                     || (r.EntityType == nameof(HouseholdMove) && moves.Contains(r.EntityKey!)));
        }
        return query;
    }
}
