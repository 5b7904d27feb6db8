using System.Net;
using CivilAffairs.Dashboard;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Identity;
using CivilAffairs.Infrastructure.Persistence;
using CivilAffairs.Tests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Security;

/// <summary>
/// The probe's replayed cookie: a cookie saved before sign-out, an administrator's ending of a session, an account
/// change or the idle limit must leave that cookie opening nothing, because the session it names has ended on the server.
/// </summary>
public sealed class SessionTests
{
    [Fact]
    public async Task A_cookie_saved_before_sign_out_opens_nothing_after_it()
    {
        await using var host = new DashboardHost();
        var (browser, saved) = await SignedInAsync(host, "caseworker");
        var page = await browser.GetAsync("/roster");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var signOut = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.TokenOf(await page.Content.ReadAsStringAsync()),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var replay = Replaying(host, saved);
        var replayed = await replay.GetAsync("/roster");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/Account/Login", replayed.Headers.Location!.PathAndQuery);
        await using var db = Context(host);
        Assert.Equal(SignInSessions.Reasons.SignedOut, (await db.SignInSessions.SingleAsync()).EndReason);
    }

    [Fact]
    public async Task A_sign_out_posted_without_the_antiforgery_token_is_refused_and_the_session_stays_open()
    {
        await using var host = new DashboardHost();
        using var browser = await SignIn.ClientAsync(host, "caseworker");

        var forged = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/roster")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_sees_a_users_sessions_ends_one_and_only_that_browser_is_signed_out()
    {
        await using var host = new DashboardHost();
        var (office, _) = await SignedInAsync(host, "caseworker");
        var officeSession = await OpenSessionsAsync(host);
        var (laptop, _) = await SignedInAsync(host, "caseworker");
        var laptopSession = (await OpenSessionsAsync(host)).Except(officeSession).Single();
        var caseworker = await IdOfAsync(host, "caseworker");

        var sessions = await AsAdminAsync(host, new ListUserSessions(caseworker));
        Assert.Equal(2, sessions.Count);
        var users = await AsAdminAsync(host, new ListUsers());
        Assert.Equal(2, users.Single(u => u.UserName == "caseworker").OpenSessions);

        await using var db = Context(host);
        Assert.True((await AsAdminAsync(host, new EndUserSessions(caseworker, laptopSession))).Succeeded);

        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/roster")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/roster")).StatusCode);
        Assert.Single(await AsAdminAsync(host, new ListUserSessions(caseworker)));
        var audit = await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Action == AuditAction.SessionEnded);
        Assert.Equal("admin", audit.UserName);
        Assert.Equal(caseworker, audit.EntityKey);
        // Ending it again says so rather than pretending.
        Assert.False((await AsAdminAsync(host, new EndUserSessions(caseworker, laptopSession))).Succeeded);

        Assert.True((await AsAdminAsync(host, new EndUserSessions(caseworker))).Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, (await office.GetAsync("/roster")).StatusCode);
        Assert.Empty(await AsAdminAsync(host, new ListUserSessions(caseworker)));
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("roles")]
    [InlineData("password")]
    public async Task An_account_change_ends_every_session_of_the_account_with_its_reason(string change)
    {
        await using var host = new DashboardHost();
        var (_, saved) = await SignedInAsync(host, "caseworker");
        var caseworker = await IdOfAsync(host, "caseworker");

        Result result = change switch
        {
            "disable" => await AsAdminAsync(host, new SetUserEnabled(caseworker, false)),
            "roles" => await AsAdminAsync(host, new SetUserRoles { UserId = caseworker, Roles = [Roles.Statistician] }),
            _ => await AsAdminAsync(host, new ResetUserPassword { UserId = caseworker, NewPassword = "a new long passphrase for her" }),
        };
        Assert.True(result.Succeeded);

        using var replay = Replaying(host, saved);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/")).StatusCode);
        await using var db = Context(host);
        var ended = await db.SignInSessions.AsNoTracking().SingleAsync(s => s.UserId == caseworker);
        Assert.Equal(change switch
        {
            "disable" => SignInSessions.Reasons.Disabled,
            "roles" => SignInSessions.Reasons.RolesChanged,
            _ => SignInSessions.Reasons.PasswordReset,
        }, ended.EndReason);
    }

    [Fact]
    public async Task A_session_left_alone_past_the_idle_limit_ends_on_the_server_whatever_the_cookie_says()
    {
        await using var host = new DashboardHost();
        host.Settings["Security:Session:IdleMinutes"] = "10";
        var (browser, _) = await SignedInAsync(host, "caseworker");
        host.Clock.Now = host.Clock.Now.AddMinutes(9);
        // Used within the limit: renewed, so the next ten minutes count from here.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/roster")).StatusCode);
        host.Clock.Now = host.Clock.Now.AddMinutes(9);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/roster")).StatusCode);

        host.Clock.Now = host.Clock.Now.AddMinutes(11);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/roster")).StatusCode);
        await using var db = Context(host);
        Assert.Equal(SignInSessions.Reasons.Idle, (await db.SignInSessions.SingleAsync()).EndReason);
    }

    private static async Task<T> AsAdminAsync<T>(DashboardHost host, IRequest<T> request)
    {
        await using var scope = await Operator.ScopeAsync(host.Services, "admin", channel: null)
                                ?? throw new InvalidOperationException("the demo administrator is missing");
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    private static async Task<string> IdOfAsync(DashboardHost host, string userName)
    {
        await using var db = Context(host);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private static async Task<List<string>> OpenSessionsAsync(DashboardHost host)
    {
        await using var db = Context(host);
        return await db.SignInSessions.AsNoTracking().Where(s => s.EndedAtUtc == null).Select(s => s.Id).ToListAsync();
    }

    /// <summary>A signed-in client (it keeps its cookies) and the sign-in cookie as a thief would have copied it.</summary>
    [Fact]
    public async Task Session_rows_older_than_the_kept_period_are_purged_at_the_users_next_sign_in()
    {
        await using var host = new DashboardHost();
        var (_, _) = await SignedInAsync(host, "caseworker");
        await using (var db = Context(host))
        {
            var first = await db.SignInSessions.SingleAsync();
            var old = first.StartedAtUtc.AddDays(-SignInSession.KeptDays - 1);
            db.SignInSessions.Add(new SignInSession { Id = new string('a', SignInSession.IdLength), UserId = first.UserId, StartedAtUtc = old,
                LastSeenAtUtc = old, PasswordConfirmedAtUtc = old, EndedAtUtc = old, EndReason = SignInSessions.Reasons.SignedOut });
            var recent = first.StartedAtUtc.AddDays(-SignInSession.KeptDays + 1);
            db.SignInSessions.Add(new SignInSession { Id = new string('b', SignInSession.IdLength), UserId = first.UserId, StartedAtUtc = recent,
                LastSeenAtUtc = recent, PasswordConfirmedAtUtc = recent, EndedAtUtc = recent, EndReason = SignInSessions.Reasons.SignedOut });
            await db.SaveChangesAsync();
        }

        await SignedInAsync(host, "caseworker");

        await using var after = Context(host);
        var ids = await after.SignInSessions.Select(s => s.Id).ToListAsync();
        Assert.Equal(3, ids.Count);
        Assert.DoesNotContain(new string('a', SignInSession.IdLength), ids);
        Assert.Contains(new string('b', SignInSession.IdLength), ids);
    }

    private static async Task<(HttpClient Client, string Cookie)> SignedInAsync(DashboardHost host, string userName)
    {
        var client = host.CreateClient(new() { AllowAutoRedirect = false });
        var login = await SignIn.PostLoginAsync(client, userName, AccountBootstrapper.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".CivilAffairs.Auth="));
        return (client, cookie);
    }

    private static HttpClient Replaying(DashboardHost host, string cookie)
    {
        var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static DashboardDbContext Context(DashboardHost host) =>
        host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();
}
