using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Identity;
using CivilAffairs.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Security;

/// <summary>Account administration and the password policy.</summary>
public sealed class AccountsTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static CreateUser NewUser(string password = "三都镇低保审核 2027", params string[] roles) => new()
    {
        UserName = "li.na", DisplayName = "李娜", Unit = "三都镇民政所", Password = password, Roles = roles.Length == 0 ? [Roles.Caseworker] : [.. roles],
    };

    [Fact]
    public async Task An_administrator_creates_an_account_with_its_roles()
    {
        var result = await _db.SendAsync(NewUser(roles: [Roles.Caseworker, Roles.Statistician]), Roles.Admin);

        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));
        var users = await _db.SendAsync(new ListUsers(), Roles.Admin);
        var created = users.Single(u => u.UserName == "li.na");
        Assert.Equal("李娜", created.DisplayName);
        Assert.Equal("三都镇民政所", created.Unit);
        var noUnit = NewUser();
        noUnit.Unit = "";
        Assert.Equal("Unit", Assert.Single((await _db.SendAsync(noUnit, Roles.Admin)).Errors).Field);
        Assert.Equal([Roles.Caseworker, Roles.Statistician], created.Roles.Order());
        Assert.True(created.IsEnabled);
    }

    [Fact]
    public async Task An_administrator_puts_right_an_account_s_name_and_unit_and_the_trail_shows_the_new_name()
    {
        var id = (await _db.SendAsync(NewUser(), Roles.Admin)).Value!;

        var empty = await _db.SendAsync(new UpdateUserProfile { UserId = id, DisplayName = " ", Unit = "" }, Roles.Admin);
        Assert.Equal(["DisplayName", "Unit"], empty.Errors.Select(e => e.Field).Order());
        var byCaseworker = await _db.SendAsync(new UpdateUserProfile { UserId = id, DisplayName = "李娜", Unit = "蓼江镇民政所" }, Roles.Caseworker);
        Assert.Equal("PermissionDenied", Assert.Single(byCaseworker.Errors).Rule);

        var saved = await _db.SendAsync(new UpdateUserProfile { UserId = id, DisplayName = " 李 娜 ", Unit = "资兴市民政局" }, Roles.Admin);

        Assert.True(saved.Succeeded, string.Join(";", saved.Errors.Select(e => e.Message)));
        var user = (await _db.SendAsync(new ListUsers(), Roles.Admin)).Single(u => u.Id == id);
        Assert.Equal(("李 娜", "资兴市民政局"), (user.DisplayName, user.Unit));
        var names = await _db.Services.GetRequiredService<IUserDirectory>().NamesAsync();
        Assert.Equal("李 娜（li.na）", names.Describe("li.na"));
    }

    [Theory]
    [InlineData("short-one", "Password", "密码至少 12 个字符。")]
    [InlineData("password1234", "Password", "这个密码太常见，容易被猜到，请换一个。")]
    [InlineData("123456789012", "Password", "这个密码太常见，容易被猜到，请换一个。")]
    [InlineData("aaaaaaaaaaaaaaaa", "Password", "这个密码太常见，容易被猜到，请换一个。")]
    [InlineData("my-name-is-li.na-ok", "Password", "密码不能包含登录名。")]
    [InlineData("password12345!", "Password", "这个密码太常见，容易被猜到，请换一个。")]
    public async Task Weak_passwords_are_refused_beside_the_password_field(string password, string field, string message)
    {
        var result = await _db.SendAsync(NewUser(password), Roles.Admin);
        // One message, in Chinese: Identity's own English length message is not added beside it.
        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.Field, error.Message));
        Assert.DoesNotContain(await _db.SendAsync(new ListUsers(), Roles.Admin), u => u.UserName == "li.na");
    }

    [Fact]
    public async Task A_taken_user_name_is_refused()
    {
        var request = NewUser();
        request.UserName = "leader";
        var result = await _db.SendAsync(request, Roles.Admin);
        Assert.Contains(result.Errors, e => e.Field == "UserName" && e.Message == "登录名“leader”已被使用。");
    }

    [Fact]
    public async Task No_composition_rules_a_long_passphrase_of_lowercase_words_is_fine()
    {
        var result = await _db.SendAsync(NewUser("correct horse battery staple"), Roles.Admin);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Nobody_can_remove_the_last_administrator()
    {
        var admin = await _db.PrincipalOfAsync(Roles.Admin);

        var demote = await _db.SendAsync(new SetUserRoles { UserId = admin.UserId!, Roles = [Roles.Leader] }, Roles.Admin);
        Assert.Equal("不能停用或撤销最后一名系统管理员。", Assert.Single(demote.Errors).Message);

        var disableSelf = await _db.SendAsync(new SetUserEnabled(admin.UserId!, false), Roles.Admin);
        Assert.False(disableSelf.Succeeded);

        // With a second administrator the first may step down.
        var second = await _db.SendAsync(NewUser(roles: [Roles.Admin]), Roles.Admin);
        Assert.True(second.Succeeded);
        Assert.True((await _db.SendAsync(new SetUserRoles { UserId = admin.UserId!, Roles = [Roles.Leader] }, Roles.Admin)).Succeeded);
    }

    [Fact]
    public async Task A_reset_password_works_and_lifts_a_lockout()
    {
        var leader = await _db.PrincipalOfAsync(Roles.Leader);
        await using (var scope = _db.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(leader.UserId!))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var result = await _db.SendAsync(new ResetUserPassword { UserId = leader.UserId!, NewPassword = "new passphrase for the chief" }, Roles.Admin);

        Assert.True(result.Succeeded);
        await using var check = _db.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var reset = (await manager.FindByIdAsync(leader.UserId!))!;
        Assert.True(await manager.CheckPasswordAsync(reset, "new passphrase for the chief"));
        Assert.False(await manager.IsLockedOutAsync(reset));
    }

    [Fact]
    public async Task Passwords_are_hashed_with_PBKDF2_at_210000_iterations()
    {
        await using var scope = _db.Services.CreateAsyncScope();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<ApplicationUser>>();
        var bytes = Convert.FromBase64String(hasher.HashPassword(new ApplicationUser(), "a sufficiently long passphrase"));

        // Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), salt length, salt, subkey.
        Assert.Equal(0x01, bytes[0]);
        var iterations = (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
        Assert.Equal(210_000, iterations);
    }

    [Theory]
    [InlineData("qwertyuiop12", true)]
    [InlineData("woaini1314520", true)]
    [InlineData("Admin@123456", true)]
    [InlineData("abcdefghijklmn", true)]
    [InlineData("资兴市民政局低保科二〇二七", false)]
    [InlineData("river-lantern-copper-9", false)]
    [InlineData("password12345!", true)]
    [InlineData("!!sunshine2024", true)]
    [InlineData("iloveyou1234", true)]
    public void The_shipped_list_and_patterns_catch_common_passwords(string password, bool common) =>
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));

    [Fact]
    public void The_shipped_list_holds_over_a_hundred_thousand_passwords() =>
        Assert.True(CommonPasswordValidator.ListedCount >= 100_000, $"{CommonPasswordValidator.ListedCount} entries");

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public async Task The_demo_password_is_accepted_only_in_Development(string environment, bool accepted)
    {
        var validator = new CommonPasswordValidator(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });
        await using var scope = _db.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await validator.ValidateAsync(manager, new ApplicationUser { UserName = "li.na" }, AccountBootstrapper.DemoPassword);
        Assert.Equal(accepted, result.Succeeded);
    }
}
