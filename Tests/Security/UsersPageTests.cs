using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Admin;
using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Security;

/// <summary>The newcomer's finding: a unit could be given only to a new account. The users page edits name and unit.</summary>
public sealed class UsersPageTests : ComponentTestContext
{
    protected override string Role => Roles.Admin;

    private AngleSharp.Dom.IElement Field(string testId) => Dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    [Fact]
    public async Task An_administrator_changes_a_caseworker_s_unit_after_a_transfer()
    {
        var page = Context.Render<UsersPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=profile-caseworker]"));

        page.Find("[data-testid=profile-caseworker]").Click();
        Dialogs.WaitForAssertion(() => Field("edit-unit"));
        Field("edit-unit").Input("");
        Dialogs.Find("[data-testid=user-save]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("单位", Dialogs.Find("[data-testid=user-dialog]").TextContent));
        Field("edit-unit").Input("蓼江镇民政所");
        Dialogs.Find("[data-testid=user-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("蓼江镇民政所", page.Find("[data-testid=users-table]").TextContent));
        Assert.Equal("蓼江镇民政所", (await Database.SendAsync(new ListUsers(), Role)).Single(u => u.UserName == "caseworker").Unit);
    }
}
