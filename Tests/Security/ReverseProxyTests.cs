using System.Net;
using CivilAffairs.Infrastructure.Identity;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Security;

/// <summary>
/// Behind the bureau's HTTPS proxy: the sign-in cookie is Secure and HSTS is sent when the proxy says the request was
/// HTTPS, and only a listed proxy is believed; /_blazor refuses a page of another origin.
/// </summary>
public sealed class ReverseProxyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Https_ended_at_a_known_proxy_gives_a_secure_cookie_and_hsts_and_an_unknown_one_is_not_believed(bool known)
    {
        await using var host = new DashboardHost { Environment = "Production" };
        host.Settings["Bootstrap:AdminUser"] = "root";
        host.Settings["Bootstrap:AdminPassword"] = "a long bootstrap passphrase";
        if (known) host.Settings["Security:Proxy:KnownProxies:0"] = "127.0.0.1";
        var address = host.Start();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.20.30.40");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "dibao.zixing.example");

        var login = await SignIn.PostLoginAsync(client, "root", "a long bootstrap passphrase");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".CivilAffairs.Auth="));
        Assert.True(known == cookie.Contains("secure", StringComparison.OrdinalIgnoreCase), cookie + " HSTS:" + login.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(known, login.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task The_blazor_hub_refuses_pages_of_another_origin(string? origin, HttpStatusCode expected)
    {
        await using var host = new DashboardHost();
        using var client = await SignIn.ClientAsync(host, "caseworker");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin ?? host.Server.BaseAddress.ToString().TrimEnd('/'));

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}
