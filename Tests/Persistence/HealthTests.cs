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
        await using var host = new DashboardHost();
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
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/standards"));

        Assert.Contains("救助标准", html);
        Assert.Contains("农村低保 A类", html);
        Assert.Contains("380.00", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/roster")]
    [InlineData("/payments")]
    [InlineData("/reports")]
    [InlineData("/admin")]
    public async Task Every_section_in_the_navigation_answers(string path)
    {
        await using var host = new DashboardHost();
        using var client = host.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("coming-soon", await response.Content.ReadAsStringAsync());
    }
}
