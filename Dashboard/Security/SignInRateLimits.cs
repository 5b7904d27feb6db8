using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilAffairs.Dashboard.Security;

/// <summary>
/// Per client address: sign-in posts and the access-denied page (each writes an audit row) are limited per minute,
/// so a script can neither guess across accounts nor fill the audit trail. Over the limit the answer is 429 with a
/// page in Chinese; the per-account limit is <see cref="Infrastructure.Identity.AccountGate"/>'s.
/// </summary>
public static class SignInRateLimits
{
    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Security:RateLimit");
        var signIns = section.GetValue("SignInPerAddressPerMinute", 60);
        var denials = section.GetValue("AccessDeniedPerAddressPerMinute", 30);
        return services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var path = context.Request.Path;
                if (HttpMethods.IsPost(context.Request.Method) && path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase))
                    return Window("sign-in " + address, signIns);
                if (path.Equals("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase))
                    return Window("denied " + address, denials);
                return RateLimitPartition.GetNoLimiter("");
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(TooManyPage, ct);
            };
        });
    }

    private static RateLimitPartition<string> Window(string key, int permits) => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
        new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    /// <summary>The whole 429 answer: no layout, nothing from the request echoed.</summary>
    public static readonly string TooManyPage = $"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode("请求过于频繁")}</title></head>
        <body style="font-family:sans-serif;margin:3rem"><h1>请求过于频繁</h1>
        <p>此地址在一分钟内的登录或访问尝试过多，已暂停受理。请一分钟后再试；如多次出现，请联系系统管理员。</p>
        <p><a href="/Account/Login">返回登录页</a></p></body></html>
        """;
}
