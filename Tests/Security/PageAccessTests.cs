using System.Net;
using System.Reflection;
using System.Security.Claims;
using CivilAffairs.Dashboard.Security;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Identity;
using CivilAffairs.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace CivilAffairs.Tests.Security;

/// <summary>Who may open which page, over real HTTP with the real cookie sign-in; one host for the whole class.</summary>
public sealed class PageAccessTests(PageAccessTests.Host fixture) : IClassFixture<PageAccessTests.Host>
{
    /// <summary>One running dashboard shared by the tests of this class.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public DashboardHost Dashboard { get; } = new();
        public Task InitializeAsync() => Task.CompletedTask;
        public async Task DisposeAsync() => await Dashboard.DisposeAsync();
    }

    /// <summary>Every routable page with the permission it declares (null: open to anyone).</summary>
    public static IEnumerable<(string Route, Permission? Permission)> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
            // A route parameter gets a value that names nothing: the page still answers, saying so.
            .Select(p => (System.Text.RegularExpressions.Regex.Replace(p.Template, @"\{[^}]+\}", "1"), p.Type.GetCustomAttribute<AuthorizeAttribute>()?.Policy is { } policy
                ? Enum.Parse<Permission>(policy) : (Permission?)null));

    public static TheoryData<string> RoleNames() => [.. Roles.All];

    [Fact]
    public void Every_routable_page_declares_a_permission_or_is_explicitly_open()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any()).ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var authorize = page.GetCustomAttribute<AuthorizeAttribute>();
            var open = page.GetCustomAttribute<AllowAnonymousAttribute>();
            Assert.True(open is not null || authorize?.Policy is not null, $"{page.Name} declares neither a permission policy nor [AllowAnonymous]");
            if (authorize?.Policy is { } policy) Assert.True(Enum.TryParse<Permission>(policy, out _), $"{page.Name}: unknown policy {policy}");
        }
    }

    [Theory]
    [MemberData(nameof(RoleNames))]
    public async Task Each_role_opens_exactly_the_pages_its_permissions_allow(string role)
    {
        using var client = await SignIn.ClientAsync(fixture.Dashboard, TestDatabase.UserNameOf(role));
        foreach (var (route, permission) in Pages().Where(p => p.Permission is not null && !p.Route.StartsWith("/Account")))
        {
            var response = await client.GetAsync(route);
            var allowed = Roles.Allows([role], permission!.Value);
            if (allowed)
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {route}: {response.StatusCode}");
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role} {route}: {response.StatusCode}");
                // The home page refused sends to the user's own section instead (HomeSectionTests); any other, to access denied.
                Assert.Contains(route == "/" && HomeSection.For(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"))) is { } home
                    ? home : "/Account/AccessDenied", response.Headers.Location!.OriginalString);
            }
        }
    }

    [Fact]
    public async Task Signed_out_every_page_but_sign_in_sends_to_sign_in()
    {
        using var client = fixture.Dashboard.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var (route, permission) in Pages().Where(p => p.Permission is not null))
        {
            var response = await client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route}: {response.StatusCode}");
            Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers_and_signed_in_pages_are_not_cached()
    {
        using var client = await SignIn.ClientAsync(fixture.Dashboard, "standards");
        var response = await client.GetAsync("/standards");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_refused_page_is_audited()
    {
        using var client = await SignIn.ClientAsync(fixture.Dashboard, "leader");
        var denied = await client.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        var page = await client.GetStringAsync(denied.Headers.Location!);
        Assert.Contains("没有访问权限", page);

        await using var context = NewContext();
        Assert.True(context.AuditRecords.Any(r => r.UserName == "leader" && r.Action == Domain.Auditing.AuditAction.AccessDenied
                                                  && r.EntityKey == "/admin/audit"));
    }

    private Infrastructure.Persistence.DashboardDbContext NewContext() =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Infrastructure.Persistence.DashboardDbContext>>(fixture.Dashboard.Services)
            .CreateDbContext();
}
