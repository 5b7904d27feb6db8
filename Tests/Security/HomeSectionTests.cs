using System.Net;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Security;

/// <summary>A newcomer's finding: a village clerk signed in with the right password and was told "没有访问权限" (the cockpit is not theirs).</summary>
public sealed class HomeSectionTests
{
    [Theory]
    [InlineData("binhu", "/applications")]      // 村（社区）经办: no cockpit, takes applications
    [InlineData("leader", null)]                 // the cockpit is theirs: no redirect
    public async Task Signed_in_the_home_page_opens_the_first_section_the_user_may_see(string userName, string? expected)
    {
        await using var host = new DashboardHost();
        using var client = await SignIn.ClientAsync(host, userName);

        var response = await client.GetAsync("/");

        if (expected is null) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(expected)).StatusCode);
        }
    }
}
