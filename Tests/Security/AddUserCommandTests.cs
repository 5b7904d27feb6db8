using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Security;

/// <summary><c>add-user</c>: a bureau provisions its township accounts from a script, the password on standard input.</summary>
public sealed class AddUserCommandTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateDemoAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<(int ExitCode, string Output)> AddUser(string? password, params string[] args) =>
        DashboardCli.RunWithInputAsync(_db.ConnectionString, password, ["add-user", .. args, "--operator", TestDatabase.UserNameOf(Roles.Admin)]);

    [Fact]
    public async Task A_township_account_made_on_the_command_line_sees_its_township_only()
    {
        var (exit, output) = await AddUser("Lanshan#2023pass", "--user", "huaqiao", "--name", "李四", "--roles", "乡镇（街道）经办,TownshipReviewer",
            "--area", "唐洞街道");

        Assert.True(exit == 0, output);
        Assert.Contains("限于 唐洞街道", output);
        await using (var context = _db.NewContext())
        {
            var user = await context.Users.SingleAsync(u => u.UserName == "huaqiao");
            Assert.Equal("唐洞街道民政办", user.Unit);
            Assert.Equal("唐洞街道", (await context.Areas.SingleAsync(a => a.Id == user.AreaScopeId)).Name);
        }
        var areas = await _db.SendAsAsync("huaqiao", new ListAreas("431081"));
        Assert.Equal(["唐洞街道"], areas.Select(a => a.Name));
    }

    [Theory]
    [InlineData("123", "唐洞街道", "TownshipClerk", "密码")]
    [InlineData("Lanshan#2023pass", "不存在街道", "TownshipClerk", "不存在街道")]
    [InlineData("Lanshan#2023pass", "唐洞街道", "Mayor", "Mayor")]
    [InlineData(null, "唐洞街道", "TownshipClerk", "标准输入")]
    public async Task A_refused_account_exits_1_with_the_reason_and_is_not_created(string? password, string area, string roles, string reason)
    {
        var (exit, output) = await AddUser(password ?? "", "--user", "huaqiao", "--name", "李四", "--roles", roles, "--area", area);

        Assert.Equal(1, exit);
        Assert.Contains(reason, output);
        await using var context = _db.NewContext();
        Assert.False(await context.Users.AnyAsync(u => u.UserName == "huaqiao"));
    }

    [Fact]
    public async Task Only_an_account_manager_may_add_accounts()
    {
        var (exit, output) = await DashboardCli.RunWithInputAsync(_db.ConnectionString, "Lanshan#2023pass",
            "add-user", "--user", "huaqiao", "--name", "李四", "--roles", "TownshipClerk", "--area", "唐洞街道", "--operator", "dongjiang");

        Assert.Equal(3, exit);
        Assert.Contains("管理用户", output);
    }
}
