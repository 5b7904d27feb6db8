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

    /// <summary>The demo's accounts: the bureau's, and those of two townships and a community (<c>Area</c> by name).</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role, string? Area)> DemoAccounts =
    [
        ("leader", "演示·局领导", Roles.Leader, null),
        ("caseworker", "演示·业务员", Roles.Caseworker, null),
        ("standards", "演示·标准管理员", Roles.StandardsAdmin, null),
        // A yearly adjustment needs a second administrator to approve it (Standards:SecondApproval).
        ("standards-check", "演示·标准复核", Roles.StandardsAdmin, null),
        ("statistician", "演示·统计员", Roles.Statistician, null),
        ("admin", "演示·系统管理员", Roles.Admin, null),
        ("approver", "演示·县级审批", Roles.CountyApprover, null),
        ("dongjiang", "演示·东江街道经办", Roles.TownshipClerk, "东江街道"),
        ("dongjiang-review", "演示·东江街道审核", Roles.TownshipReviewer, "东江街道"),
        ("binhu", "演示·滨湖社区经办", Roles.VillageClerk, "滨湖社区"),
        ("tangdong", "演示·唐洞街道经办", Roles.TownshipClerk, "唐洞街道"),
        ("tangdong-review", "演示·唐洞街道审核", Roles.TownshipReviewer, "唐洞街道"),
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
            var areas = await context.Areas.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(ct);
            foreach (var (userName, displayName, role, areaName) in DemoAccounts)
            {
                var area = areaName is null ? null : areas.FirstOrDefault(a => a.Name == areaName);
                if (areaName is not null && area is null) continue; // not the demo's area tree
                await CreateAsync(users, userName, displayName, DemoPassword, [role], area?.Id, areaName is null ? BureauUnit : $"{areaName}民政办");
            }
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
        IEnumerable<string> roles, int? areaId = null, string unit = BureauUnit)
    {
        var user = new ApplicationUser { UserName = userName, DisplayName = displayName, Unit = unit, CreatedAtUtc = DateTime.UtcNow,
            LockoutEnabled = true, AreaScopeId = areaId };
        Check(await users.CreateAsync(user, password), $"user {userName}");
        Check(await users.AddToRolesAsync(user, roles), $"roles of {userName}");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"无法创建 {what}：{string.Join("；", result.Errors.Select(e => e.Description))}");
    }
}
