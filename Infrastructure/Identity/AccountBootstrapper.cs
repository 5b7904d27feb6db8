using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>
/// First start: creates the roles, then — only while no user exists — the bootstrap administrator from
/// configuration, or in Development the demo accounts. In Production with neither it refuses to start: the app
/// never creates a known default password there.
/// </summary>
public sealed class AccountBootstrapper(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment,
    ILogger<AccountBootstrapper> logger)
{
    /// <summary>Development only, and written in the README: never valid in Production, where they are not created.</summary>
    public const string DemoPassword = "zixing-demo-2026";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> DemoAccounts =
    [
        ("leader", "演示·局领导", Roles.Leader),
        ("caseworker", "演示·业务员", Roles.Caseworker),
        ("standards", "演示·标准管理员", Roles.StandardsAdmin),
        ("statistician", "演示·统计员", Roles.Statistician),
        ("admin", "演示·系统管理员", Roles.Admin),
    ];

    public async Task RunAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roleManager.RoleExistsAsync(role))
                Check(await roleManager.CreateAsync(new IdentityRole(role)), $"role {role}");

        var context = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        if (await context.Users.AnyAsync(ct)) return;

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var adminUser = configuration["Bootstrap:AdminUser"];
        var adminPassword = configuration["Bootstrap:AdminPassword"];
        if (!string.IsNullOrWhiteSpace(adminUser) && !string.IsNullOrEmpty(adminPassword))
        {
            await CreateAsync(users, adminUser.Trim(), "系统管理员", adminPassword, Roles.All);
            logger.LogInformation("Bootstrap administrator {UserName} created", adminUser.Trim());
            return;
        }

        if (environment.IsDevelopment())
        {
            foreach (var (userName, displayName, role) in DemoAccounts)
                await CreateAsync(users, userName, displayName, DemoPassword, [role]);
            logger.LogWarning("Development: demo accounts created with the password documented in the README");
            return;
        }

        throw new InvalidOperationException(
            "没有任何用户账号，也没有配置初始管理员。请设置 Bootstrap__AdminUser 和 Bootstrap__AdminPassword 后再启动。 " +
            "No user exists and no bootstrap administrator is configured: set Bootstrap__AdminUser and Bootstrap__AdminPassword.");
    }

    /// <summary>The unit of the accounts made at start-up (the demo's and the first administrator).</summary>
    public const string BureauUnit = "民政局";

    private static async Task CreateAsync(UserManager<ApplicationUser> users, string userName, string displayName, string password,
        IEnumerable<string> roles)
    {
        var user = new ApplicationUser { UserName = userName, DisplayName = displayName, Unit = BureauUnit, CreatedAtUtc = DateTime.UtcNow, LockoutEnabled = true };
        Check(await users.CreateAsync(user, password), $"user {userName}");
        Check(await users.AddToRolesAsync(user, roles), $"roles of {userName}");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"无法创建 {what}：{string.Join("；", result.Errors.Select(e => e.Description))}");
    }
}
