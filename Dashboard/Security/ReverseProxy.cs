using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CivilAffairs.Dashboard.Security;

/// <summary>
/// Running behind the bureau's HTTPS reverse proxy (Security:Proxy): the proxy's X-Forwarded-For/-Proto are believed
/// only from the addresses listed in KnownProxies, so the audit trail records the staff member's address and a request
/// that reached the proxy over HTTPS is treated as HTTPS — the sign-in cookie is then sent Secure only, and HSTS is set.
/// Blazor's WebSocket (/_blazor) is accepted only from this site's own pages (Origin checked against the request's
/// host and Security:AllowedOrigins), so another site cannot open a circuit with a signed-in user's cookie.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in configuration.GetSection("Security:Proxy:KnownProxies").Get<string[]>() ?? [])
                if (IPAddress.TryParse(proxy, out var address)) o.KnownProxies.Add(address);
                else throw new InvalidOperationException($"Security:Proxy:KnownProxies 中的“{proxy}”不是有效的 IP 地址。");
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        // With no proxy listed the middleware would believe any sender's headers; without one it is left out.
        if (app.Configuration.GetSection("Security:Proxy:KnownProxies").Get<string[]>() is { Length: > 0 }) app.UseForwardedHeaders();
        // Only on HTTPS requests (UseHsts skips plain HTTP), and never for a developer's localhost.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        var allowed = (app.Configuration.GetSection("Security:AllowedOrigins").Get<string[]>() ?? [])
            .Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_blazor") && context.Request.Headers.Origin is { Count: > 0 } origins)
            {
                var own = $"{context.Request.Scheme}://{context.Request.Host}";
                var origin = origins.ToString().TrimEnd('/');
                if (!string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) && !allowed.Contains(origin))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
            }
            await next();
        });
        return app;
    }
}
