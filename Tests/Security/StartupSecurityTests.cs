using System.Net;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Persistence;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Security;

/// <summary>First start in Production, and sign-ins that survive a restart.</summary>
public class StartupSecurityTests
{
    private static string NewFile() => Path.Combine(Path.GetTempPath(), "civil-affairs-tests", $"{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Production_refuses_to_start_with_no_users_and_no_bootstrap_password()
    {
        await using var host = new DashboardHost { Environment = "Production" };
        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("Bootstrap__AdminPassword", failure.ToString());
    }

    [Fact]
    public async Task The_bootstrap_administrator_is_created_once_with_every_role_and_no_demo_accounts()
    {
        var file = NewFile();
        await using (var first = new DashboardHost(file) { Environment = "Production" })
        {
            first.Settings["Bootstrap:AdminUser"] = "director";
            first.Settings["Bootstrap:AdminPassword"] = "a long bootstrap passphrase";
            first.CreateClient().Dispose();
            await using var context = first.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();
            var users = await context.Users.Select(u => u.UserName).ToListAsync();
            Assert.Equal(["director"], users);
            var roles = await (from ur in context.UserRoles join r in context.Roles on ur.RoleId equals r.Id select r.Name).ToListAsync();
            Assert.Equal(Roles.All.Order(), roles.Order());
        }

        // A second start with another bootstrap password changes nothing: users exist.
        await using var second = new DashboardHost(file) { Environment = "Production" };
        second.Settings["Bootstrap:AdminUser"] = "intruder";
        second.Settings["Bootstrap:AdminPassword"] = "another long passphrase";
        second.CreateClient().Dispose();
        await using var check = second.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();
        Assert.Equal(1, await check.Users.CountAsync());
    }

    [Fact]
    public async Task A_sign_in_survives_a_restart_because_the_keys_live_in_the_database()
    {
        var file = NewFile();
        string cookie;
        await using (var first = new DashboardHost(file))
        {
            var login = await SignIn.PostLoginAsync(first.CreateClient(new() { AllowAutoRedirect = false }), "standards",
                Infrastructure.Identity.AccountBootstrapper.DemoPassword);
            cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        }

        await using var second = new DashboardHost(file);
        using var restarted = second.CreateClient(new() { AllowAutoRedirect = false });
        restarted.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync("/standards")).StatusCode);
    }
}
