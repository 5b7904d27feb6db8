using System.Net;
using System.Text.RegularExpressions;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.Playwright;

namespace CivilAffairs.Tests.Support;

/// <summary>Signs a demo account in, over HTTP (the static login form, with its antiforgery token) or in the browser.</summary>
public static partial class SignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var url = "/Account/Login" + (returnUrl is null ? "" : $"?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        var form = await client.GetStringAsync(url);
        var token = TokenOf(form);
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.ReturnUrl"] = returnUrl ?? "",
        }));
    }

    /// <summary>A client of the host signed in as the demo account of <paramref name="userName"/>; redirects are not followed.</summary>
    public static async Task<HttpClient> ClientAsync(DashboardHost host, string userName)
    {
        var client = host.CreateClient(new() { AllowAutoRedirect = false });
        var response = await PostLoginAsync(client, userName, AccountBootstrapper.DemoPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {response.StatusCode}");
        return client;
    }

    public static async Task<IPage> InBrowserAsync(IBrowserContext context, string baseAddress, string userName,
        string password = AccountBootstrapper.DemoPassword, string returnUrl = "/")
    {
        var page = context.Pages.FirstOrDefault() ?? await context.NewPageAsync();
        await page.GotoAsync($"{baseAddress}/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("[data-testid=login-username]").FillAsync(userName);
        await page.Locator("[data-testid=login-password]").FillAsync(password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        return page;
    }

    /// <summary>The antiforgery token of a page's form, for a post of that form.</summary>
    public static string TokenOf(string html) => WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
