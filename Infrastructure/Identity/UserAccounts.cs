using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>
/// The accounts store over ASP.NET Core Identity. Each call runs in its own scope (its own DbContext, audited in
/// the actor's name) and in one transaction, so an account is never left half-made.
/// </summary>
public sealed class UserAccounts(IServiceScopeFactory scopes, Actor actor, AccountSignals signals, SignInSessions sessions) : IUserAccounts
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = Open(out var context, out _);
        var users = await context.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await (from userRole in context.UserRoles
                           join role in context.Roles on userRole.RoleId equals role.Id
                           select new { userRole.UserId, role.Name }).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var open = await sessions.CountOpenAsync(ct);
        return users.Select(u => Summary(u, byUser[u.Id].ToList()) with { OpenSessions = open.GetValueOrDefault(u.Id) }).ToList();
    }

    public async Task<UserSummary?> FindAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = Open(out var context, out _);
        var user = await context.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? null : Summary(user, await UserDirectory.RolesOf(context, userId).ToListAsync(ct));
    }

    public async Task<Result<string>> CreateAsync(string userName, string displayName, string unit, string password, IReadOnlyList<string> roles,
        int? areaId = null, CancellationToken ct = default)
    {
        await using var scope = Open(out var context, out var manager);
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        var user = new ApplicationUser { UserName = userName, DisplayName = displayName, Unit = unit, CreatedAtUtc = DateTime.UtcNow,
            LockoutEnabled = true, AreaScopeId = areaId };
        var created = await manager.CreateAsync(user, password);
        if (!created.Succeeded) return Result<string>.Failure(Errors(created, userName));
        var assigned = await manager.AddToRolesAsync(user, roles);
        if (!assigned.Succeeded) return Result<string>.Failure(Errors(assigned, userName));
        await transaction.CommitAsync(ct);
        return Result<string>.Success(user.Id);
    }

    public async Task SetEnabledAsync(string userId, bool enabled, CancellationToken ct = default)
    {
        await using var scope = Open(out _, out var manager);
        var user = await manager.FindByIdAsync(userId) ?? throw new InvalidOperationException("Unknown user.");
        user.IsDisabled = !enabled;
        // A new security stamp invalidates the user's cookies at their next request; their sessions end with it.
        Check(await manager.UpdateSecurityStampAsync(user));
        if (!enabled) await sessions.EndAllAsync(userId, SignInSessions.Reasons.Disabled, ct: ct);
        signals.Raise(userId);
    }

    public async Task<Result> ResetPasswordAsync(string userId, string newPassword, CancellationToken ct = default)
    {
        await using var scope = Open(out var context, out var manager);
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        var user = await manager.FindByIdAsync(userId) ?? throw new InvalidOperationException("Unknown user.");
        var errors = new List<FieldError>();
        foreach (var validator in manager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(manager, user, newPassword);
            if (!result.Succeeded) errors.AddRange(Errors(result, user.UserName ?? ""));
        }
        if (errors.Count > 0) return Result.Failure(errors);
        Check(await manager.RemovePasswordAsync(user));
        Check(await manager.AddPasswordAsync(user, newPassword));
        Check(await manager.SetLockoutEndDateAsync(user, null));
        Check(await manager.ResetAccessFailedCountAsync(user));
        Check(await manager.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(ct);
        await sessions.EndAllAsync(userId, SignInSessions.Reasons.PasswordReset, ct: ct);
        signals.Raise(userId);
        return Result.Success();
    }

    public async Task SetRolesAsync(string userId, IReadOnlyList<string> roles, CancellationToken ct = default)
    {
        await using var scope = Open(out var context, out var manager);
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        var user = await manager.FindByIdAsync(userId) ?? throw new InvalidOperationException("Unknown user.");
        var current = await manager.GetRolesAsync(user);
        Check(await manager.RemoveFromRolesAsync(user, current.Except(roles)));
        Check(await manager.AddToRolesAsync(user, roles.Except(current)));
        Check(await manager.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(ct);
        await sessions.EndAllAsync(userId, SignInSessions.Reasons.RolesChanged, ct: ct);
        signals.Raise(userId);
    }

    public async Task UpdateProfileAsync(string userId, string displayName, string unit, CancellationToken ct = default)
    {
        await using var scope = Open(out _, out var manager);
        var user = await manager.FindByIdAsync(userId) ?? throw new InvalidOperationException("Unknown user.");
        user.DisplayName = displayName;
        user.Unit = unit;
        Check(await manager.UpdateAsync(user));
    }

    public async Task<IReadOnlyList<SessionSummary>> ListSessionsAsync(string userId, CancellationToken ct = default) =>
        (await sessions.OpenOfAsync(userId, ct)).Select(s => new SessionSummary(s.Id, s.StartedAtUtc, s.LastSeenAtUtc, s.Address, s.Client)).ToList();

    public async Task<int> EndSessionsAsync(string userId, string? sessionId, CancellationToken ct = default)
    {
        if (sessionId is null) return await sessions.EndAllAsync(userId, SignInSessions.Reasons.EndedByAdministrator, ct: ct);
        var open = await sessions.OpenOfAsync(userId, ct);
        if (open.All(s => s.Id != sessionId)) return 0;
        await sessions.EndAsync(sessionId, SignInSessions.Reasons.EndedByAdministrator, ct);
        return 1;
    }

    public async Task<int> CountEnabledAdministratorsAsync(CancellationToken ct = default)
    {
        await using var scope = Open(out var context, out _);
        return await (from user in context.Users
                      join userRole in context.UserRoles on user.Id equals userRole.UserId
                      join role in context.Roles on userRole.RoleId equals role.Id
                      where role.Name == Roles.Admin && !user.IsDisabled
                      select user.Id).Distinct().CountAsync(ct);
    }

    private AsyncServiceScope Open(out DashboardDbContext context, out UserManager<ApplicationUser> manager)
    {
        var scope = scopes.CreateAsyncScope();
        context = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        context.AuditActor = actor.UserName;
        manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return scope;
    }

    private static UserSummary Summary(ApplicationUser u, IReadOnlyList<string> roles) =>
        new(u.Id, u.UserName ?? "", u.DisplayName, !u.IsDisabled, roles, u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null, u.CreatedAtUtc, Unit: u.Unit);

    private static List<FieldError> Errors(IdentityResult result, string userName) => result.Errors.Select(e => e.Code switch
    {
        "DuplicateUserName" => new FieldError("UserName", Messages.Format("UserNameTaken", userName), e.Code),
        "InvalidUserName" => new FieldError("UserName", Messages.Get("UserNameInvalid"), e.Code),
        _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => new FieldError("Password", e.Description, e.Code),
        _ => new FieldError("", e.Description, e.Code),
    }).ToList();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
