using System.Security.Cryptography;
using CivilAffairs.Domain.Common;
using CivilAffairs.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Infrastructure.Identity;

/// <summary>
/// The server's record of who is signed in where. A cookie is honoured only while its session is open: not signed
/// out, not ended by an administrator or by a change to the account, and used within the idle limit — whatever
/// the cookie itself says, so a copy taken before sign-out opens nothing.
/// </summary>
public sealed class SignInSessions(IDbContextFactory<DashboardDbContext> contexts, IClock clock, IOptions<SignInLifetime> lifetime,
    AccountSignals signals)
{
    /// <summary>Why sessions end, as the administrator's list and the audit trail say it.</summary>
    public static class Reasons
    {
        public const string SignedOut = "退出登录";
        public const string Idle = "长时间未操作";
        public const string Expired = "超过最长登录时长";
        public const string Renewed = "重新登录（修改密码后）";
        public const string EndedByAdministrator = "管理员结束会话";
        public const string Disabled = "账号停用";
        public const string RolesChanged = "角色变更";
        public const string PasswordReset = "管理员重置密码";
        public const string PasswordChanged = "本人修改密码";
        public const string LockedOut = "确认密码错误次数过多，账号锁定";
    }

    private SignInLifetime Lifetime => lifetime.Value;


    private DateTime Now => clock.Now.UtcDateTime;

    public async Task<string> StartAsync(string userId, string? address, string? client, CancellationToken ct = default)
    {
        var session = new SignInSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SignInSession.IdLength / 2)),
            UserId = userId,
            StartedAtUtc = Now,
            LastSeenAtUtc = Now,
            PasswordConfirmedAtUtc = Now,
            Address = Cut(address, SignInSession.AddressMaxLength),
            Client = Cut(client, SignInSession.ClientMaxLength),
        };
        await using var context = await contexts.CreateDbContextAsync(ct);
        context.SignInSessions.Add(session);
        await context.SaveChangesAsync(ct);
        // A session cannot outlive the absolute limit, so one started before the kept period has long ended; the audit
        // trail keeps its sign-in and sign-out. Purging the user's own rows at each sign-in keeps the table bounded.
        var before = Now.AddDays(-SignInSession.KeptDays);
        await context.SignInSessions.Where(s => s.UserId == userId && s.StartedAtUtc < before).ExecuteDeleteAsync(ct);
        return session.Id;
    }

    /// <summary>
    /// Whether the session may still act, counting this as its use: an open session used within the idle limit is
    /// renewed; one left longer is ended here.
    /// </summary>
    public Task<bool> UseAsync(string sessionId, string userId, CancellationToken ct = default) => CheckAsync(sessionId, userId, use: true, ct);

    /// <summary>Whether the session is open, without counting this as its use (a page's periodic check).</summary>
    public Task<bool> IsOpenAsync(string sessionId, string userId, CancellationToken ct = default) => CheckAsync(sessionId, userId, use: false, ct);

    private async Task<bool> CheckAsync(string sessionId, string userId, bool use, CancellationToken ct)
    {
        await using var context = await contexts.CreateDbContextAsync(ct);
        var session = await context.SignInSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || session.UserId != userId || session.EndedAtUtc is not null) return false;
        var now = Now;
        if (now - session.LastSeenAtUtc > Lifetime.Idle)
        {
            await EndAsync(sessionId, Reasons.Idle, ct);
            return false;
        }
        // Touching the row on every request would make every page view a write; within Touch it is not renewed.
        if (use && now - session.LastSeenAtUtc >= Lifetime.Touch)
            await context.SignInSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, now), ct);
        return true;
    }

    /// <summary>When the password was last given in this session, or null if the session is not open.</summary>
    public async Task<DateTime?> PasswordConfirmedAtAsync(string sessionId, CancellationToken ct = default)
    {
        await using var context = await contexts.CreateDbContextAsync(ct);
        return await context.SignInSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null)
            .Select(s => (DateTime?)s.PasswordConfirmedAtUtc).FirstOrDefaultAsync(ct);
    }

    public async Task ConfirmPasswordAsync(string sessionId, CancellationToken ct = default)
    {
        var now = Now;
        await using var context = await contexts.CreateDbContextAsync(ct);
        await context.SignInSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.PasswordConfirmedAtUtc, now).SetProperty(s => s.LastSeenAtUtc, now), ct);
    }

    public async Task EndAsync(string sessionId, string reason, CancellationToken ct = default)
    {
        var now = Now;
        await using var context = await contexts.CreateDbContextAsync(ct);
        var userId = await context.SignInSessions.Where(s => s.Id == sessionId).Select(s => s.UserId).FirstOrDefaultAsync(ct);
        var ended = await context.SignInSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAtUtc, now).SetProperty(s => s.EndReason, reason), ct);
        if (ended > 0 && userId is not null) signals.Raise(userId);
    }

    /// <summary>Ends every open session of the user (but <paramref name="except"/>); returns how many ended.</summary>
    public async Task<int> EndAllAsync(string userId, string reason, string? except = null, CancellationToken ct = default)
    {
        var now = Now;
        await using var context = await contexts.CreateDbContextAsync(ct);
        var ended = await context.SignInSessions.Where(s => s.UserId == userId && s.EndedAtUtc == null && s.Id != except)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAtUtc, now).SetProperty(s => s.EndReason, reason), ct);
        if (ended > 0) signals.Raise(userId);
        return ended;
    }

    /// <summary>The user's sessions that are open now, newest first.</summary>
    public async Task<IReadOnlyList<SignInSession>> OpenOfAsync(string userId, CancellationToken ct = default)
    {
        var since = Now - Lifetime.Idle;
        await using var context = await contexts.CreateDbContextAsync(ct);
        var open = await context.SignInSessions.AsNoTracking().Where(s => s.UserId == userId && s.EndedAtUtc == null).ToListAsync(ct);
        return open.Where(s => s.LastSeenAtUtc >= since).OrderByDescending(s => s.StartedAtUtc).ToList();
    }

    /// <summary>How many sessions each user has open now.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountOpenAsync(CancellationToken ct = default)
    {
        var since = Now - Lifetime.Idle;
        await using var context = await contexts.CreateDbContextAsync(ct);
        var open = await context.SignInSessions.AsNoTracking().Where(s => s.EndedAtUtc == null)
            .Select(s => new { s.UserId, s.LastSeenAtUtc }).ToListAsync(ct);
        return open.Where(s => s.LastSeenAtUtc >= since).GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => g.Count());
    }

    private static string? Cut(string? text, int length) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= length ? text : text[..length];
}
