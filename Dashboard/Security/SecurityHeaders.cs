namespace CivilAffairs.Dashboard.Security;

/// <summary>
/// Response headers for a page that shows personal data: a Content-Security-Policy Blazor Server and MudBlazor
/// run under (same-origin scripts and WebSocket, inline styles for MudBlazor's themes), no framing, no sniffing,
/// no referrer, and no caching of anything shown to a signed-in user.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] StaticPrefixes = ["/_framework/", "/_content/"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            var path = context.Request.Path.Value ?? "";
            var isStatic = StaticPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || Path.HasExtension(path);
            if (context.User.Identity?.IsAuthenticated == true && !isStatic)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next();
    });
}
