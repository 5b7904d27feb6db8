using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>Reads a user's enabled state and roles straight from the Identity tables, on every request.</summary>
public sealed class UserDirectory(IDbContextFactory<DashboardDbContext> contexts) : IUserDirectory
{
    public async Task<UserStanding?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await context.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.IsDisabled, u.AreaScopeId }).FirstOrDefaultAsync(cancellationToken);
        if (user is null) return null;
        var roles = await RolesOf(context, userId).ToListAsync(cancellationToken);
        var scope = user.AreaScopeId is { } areaId ? await ScopeOfAsync(context, areaId, cancellationToken) : null;
        return new UserStanding(user.Id, user.UserName ?? "", !user.IsDisabled, roles, scope);
    }

    /// <summary>
    /// The communities an area covers. An account whose area no longer exists sees nothing rather than everything: a
    /// scope that cannot be resolved must never widen to the jurisdiction.
    /// </summary>
    internal static async Task<AreaScope?> ScopeOfAsync(DashboardDbContext context, int areaId, CancellationToken ct)
    {
        var area = await context.Areas.AsNoTracking().Where(a => a.Id == areaId)
            .Select(a => new { a.Id, a.Name, a.Level, a.ParentId }).FirstOrDefaultAsync(ct);
        if (area is null) return new AreaScope(areaId, "", AreaLevel.Community, [], []);
        if (area.Level == AreaLevel.Community)
            return new AreaScope(area.Id, area.Name, area.Level, area.ParentId is { } township ? [township] : [], [area.Id]);
        if (area.Level == AreaLevel.Township)
        {
            var communities = await context.Areas.AsNoTracking().Where(a => a.ParentId == area.Id).Select(a => a.Id).ToListAsync(ct);
            return new AreaScope(area.Id, area.Name, area.Level, [area.Id], communities);
        }
        // An account of the jurisdiction itself is the bureau's.
        return null;
    }

    public async Task<StaffNames> NamesAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await context.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
        return new StaffNames(users.Where(u => u.UserName != null).ToDictionary(u => u.UserName!, u => u.DisplayName),
            users.Where(u => u.UserName != null).ToDictionary(u => u.Id, u => u.UserName!));
    }

    internal static IQueryable<string> RolesOf(DashboardDbContext context, string userId) =>
        from userRole in context.UserRoles
        join role in context.Roles on userRole.RoleId equals role.Id
        where userRole.UserId == userId
        select role.Name!;
}
