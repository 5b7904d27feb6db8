using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

using CivilAffairs.Domain.Roster;

namespace CivilAffairs.Infrastructure.Persistence;

/// <summary>
/// Opens one fresh DbContext per use-case call (a Blazor circuit never shares a context), whose saves are
/// audited in the name of the request's verified actor.
/// </summary>
public sealed class DataSessionFactory(IDbContextFactory<DashboardDbContext> contexts, Actor actor) : IDataSessionFactory
{
    public async Task<IDataSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        var context = await contexts.CreateDbContextAsync(cancellationToken);
        context.AuditActor = actor.UserName;
        context.Scope = actor.Scope;
        return new DataSession(context);
    }
}

/// <summary>EF Core behind the domain's <see cref="IDataSession"/>.</summary>
public sealed class DataSession(DashboardDbContext context) : IDataSession
{
    public IQueryable<T> Query<T>() where T : class => context.Set<T>().AsNoTracking();
    public IQueryable<T> QueryAcrossAreas<T>() where T : class => context.Set<T>().IgnoreQueryFilters().AsNoTracking();
    public IQueryable<T> Edit<T>() where T : class => context.Set<T>();
    public void Add<T>(T entity) where T : class => context.Add(entity);

    public void Remove(object entity) => context.Remove(entity);

    public Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken = default) =>
        EntityFrameworkQueryableExtensions.ToListAsync(query, cancellationToken);

    public Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken cancellationToken = default) =>
        EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(query, cancellationToken);

    public Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken = default) =>
        EntityFrameworkQueryableExtensions.CountAsync(query, cancellationToken);

    public IQueryable<Person> WhereNameStartsWith(IQueryable<Person> persons, string prefix)
    {
        if (context.Database.IsSqlServer())
        {
            // LIKE with a constant prefix is an index seek on SQL Server; its wildcards in the name are escaped.
            var pattern = prefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[") + "%";
            return persons.Where(p => EF.Functions.Like(p.Name, pattern, "\\"));
        }
        // SQLite compares text as UTF-8 bytes: every name starting with the prefix lies below the prefix followed by
        // U+10FFFF, the highest code point (U+FFFF, the old bound, sorts below every character outside the basic plane).
        var upper = prefix + char.ConvertFromUtf32(0x10FFFF);
        return persons.Where(p => p.Name.CompareTo(prefix) >= 0 && p.Name.CompareTo(upper) < 0);
    }

    public string? AuditReason
    {
        get => context.AuditReason;
        set => context.AuditReason = value;
    }

    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // One transaction for the rows and their audit records (DashboardDbContext.SaveChangesAsync).
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConcurrencyConflictException(e);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // A unique key lost to a concurrent insert: the other user's write won.
            throw new ConcurrencyConflictException(e);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException s => s.Number is 2601 or 2627,
        _ => false,
    };

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
