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

    /// <summary>
    /// Read-only query past the caller's area: only for the county-wide checks whose answer names no one outside it
    /// (是否在保: is this ID number on a roster anywhere in the county).
    /// </summary>
    IQueryable<T> QueryAcrossAreas<T>() where T : class;

    /// <summary>Query whose results are tracked, so changes to them are saved.</summary>
    IQueryable<T> Edit<T>() where T : class;

    void Add<T>(T entity) where T : class;

    /// <summary>Deletes a tracked row (what an undone change had added); audited like any other change.</summary>
    void Remove(object entity);

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
    /// <summary>The moment, for timestamps (audit, sessions, computed and closed at).</summary>
    DateTimeOffset Now { get; }
    /// <summary>The bureau's day, for defaults, ages and alerts; a demo installation keeps the day of its data.</summary>
    DateOnly Today => DateOnly.FromDateTime(Now.LocalDateTime);
    YearMonth CurrentMonth => YearMonth.Of(Today);
}

/// <summary>
/// The real clock for timestamps with a bureau day of its own (<c>Demo:Today</c>): the demo's data is the first half of
/// 2023, and a form defaulting to the machine's month, or an alert counting unclosed months up to it, would be nonsense.
/// </summary>
public sealed class BureauClock(DateOnly today) : IClock
{
    public DateTimeOffset Now => DateTimeOffset.Now;
    public DateOnly Today => today;
}

/// <summary>The system clock.</summary>
public sealed class SystemClock : IClock
{
    public DateTimeOffset Now => DateTimeOffset.Now;
}
