using System.Net;
using CivilAffairs.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CivilAffairs.Tests.Persistence;

/// <summary>GET /health tells a load balancer whether the database answers.</summary>
public class HealthTests
{
    [Fact]
    public async Task Health_is_200_while_the_database_answers_and_503_when_it_does_not()
    {
        // The live feed's poll would open (and so re-create) the file this test takes away.
        await using var host = new DashboardHost { Settings = { ["Live:PollMilliseconds"] = "0" } };
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Take the database away under the running app.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(host.DatabaseFile + suffix);
        Directory.CreateDirectory(host.DatabaseFile);
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            Directory.Delete(host.DatabaseFile);
        }
    }

    [Fact]
    public async Task The_pages_are_served_in_Chinese()
    {
        await using var host = new DashboardHost();
        using var client = await SignIn.ClientAsync(host, "standards");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/standards"));

        Assert.Contains("救助标准", html);
        Assert.Contains("农村低保 A类", html);
        Assert.Contains("380.00", html);
    }

    [Fact]
    public async Task Every_section_opens_for_the_statistician()
    {
        await using var host = new DashboardHost();
        // Every section a statistician may open renders (none is a placeholder any more).
        using var statistician = await SignIn.ClientAsync(host, "statistician");
        foreach (var path in new[] { "/", "/reports", "/payments", "/payments/recoveries", "/payments/temporary", "/payments/bank" })
        {
            var response = await statistician.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("coming-soon", await response.Content.ReadAsStringAsync());
        }
    }
}
