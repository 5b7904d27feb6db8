namespace CivilAffairs.Domain.Common;

/// <summary>Opens one unit of work against the database; a handler opens one per call.</summary>
public interface IDataSessionFactory
{
    Task<IDataSession> OpenAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The narrow door the use cases use to reach the database: queries, additions and one atomic save.
/// Infrastructure implements it over EF Core, so the domain never references EF.
/// </summary>
public interface IDataSession : IAsyncDisposable
{
    /// <summary>Read-only query; results are not tracked.</summary>
    IQueryable<T> Query<T>() where T : class;

    /// <summary>Query whose results are tracked, so changes to them are saved.</summary>
    IQueryable<T> Edit<T>() where T : class;

    void Add<T>(T entity) where T : class;

    Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken = default);

    Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken cancellationToken = default);

    Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Persons whose name starts with <paramref name="prefix"/>, served by the name index on each provider: every
    /// character counts, including those outside the basic plane (刘𠮷) and emoji.
    /// </summary>
    IQueryable<Roster.Person> WhereNameStartsWith(IQueryable<Roster.Person> persons, string prefix);

    /// <summary>Why these changes are made, recorded with each audit record of the save (e.g. the document number).</summary>
    string? AuditReason { get; set; }

    /// <summary>
    /// Saves every change of this session, and the audit records describing them, in one transaction;
    /// raises <see cref="ConcurrencyConflictException"/> on a lost update.
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>An entity whose concurrent edits are detected with an application-managed token.</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

/// <summary>The current time, replaceable in tests.</summary>
public interface IClock
{
    DateTimeOffset Now { get; }
    YearMonth CurrentMonth => YearMonth.Of(DateOnly.FromDateTime(Now.LocalDateTime));
}

/// <summary>The system clock.</summary>
public sealed class SystemClock : IClock
{
    public DateTimeOffset Now => DateTimeOffset.Now;
}
