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
        return new UserStanding(user.Id, user.UserName ?? "", !user.IsDisabled, roles, user.AreaScopeId);
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
