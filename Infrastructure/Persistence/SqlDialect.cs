using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CivilAffairs.Infrastructure.Persistence;

/// <summary>
/// The few places where the raw SQL's text differs between SQLite and SQL Server; every other raw statement is written
/// once in the common subset. The SQL Server test renders each with <see cref="SqlServer"/> and parses it with ScriptDom.
/// </summary>
public sealed record SqlDialect(bool IsSqlite)
{
    public static SqlDialect Sqlite { get; } = new(true);
    public static SqlDialect SqlServer { get; } = new(false);

    public static SqlDialect Of(DatabaseFacade database) => database.IsSqlite() ? Sqlite : SqlServer;

    /// <summary>The first row of a query: LIMIT 1 on SQLite, TOP 1 on SQL Server.</summary>
    public string FirstRow(string columns, string fromAndOrder) =>
        IsSqlite ? $"SELECT {columns} {fromAndOrder} LIMIT 1" : $"SELECT TOP 1 {columns} {fromAndOrder}";

    /// <summary>Lets a bulk writer give rows their own ids: SQL Server needs IDENTITY_INSERT, SQLite takes them as they come.</summary>
    public string? IdentityInsert(string table, bool on) => IsSqlite ? null : $"SET IDENTITY_INSERT {table} {(on ? "ON" : "OFF")}";
}
