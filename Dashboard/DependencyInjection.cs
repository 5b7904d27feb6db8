using CivilAffairs.Domain;
using CivilAffairs.Domain.Common;
using System.Security.Claims;
using CivilAffairs.Dashboard.Security;
using CivilAffairs.Domain.Common.Behaviors;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Infrastructure;
using CivilAffairs.Infrastructure.Persistence;
using Mediator;
using MudBlazor;
using MudBlazor.Services;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CivilAffairs.Dashboard;

/// <summary>Composes the dashboard: domain, infrastructure, mediator pipeline and UI services.</summary>
public static class DependencyInjection
{
    /// <summary>Everything the use cases need, without the web UI; the tests compose the same.</summary>
    public static IServiceCollection AddDashboardCore(this IServiceCollection services, IConfiguration configuration,
        string contentRoot)
    {
        // Before AddDomain, whose default policies yield to the bureau's configured ones.
        void Bind<T>(string section) where T : class, new() => services.AddSingleton(configuration.GetSection(section).Get<T>() ?? new T());
        Bind<Domain.Applications.ApplicationPolicy>("Applications");
        Bind<Domain.Standards.StandardsPolicy>("Standards");
        Bind<Domain.Roster.ReviewPolicy>("Reviews");
        Bind<Domain.Roster.GradualExitPolicy>("Roster");
        Bind<Domain.Payments.TemporaryAssistancePolicy>("TemporaryAssistance");
        Bind<Domain.Monitoring.MonitoringOptions>("Monitoring");
        services.AddDomain();
        services.AddInfrastructure(configuration, contentRoot);
        if (configuration["Demo:Today"] is { Length: > 0 } day)
            services.AddSingleton<IClock>(new BureauClock(DateOnly.TryParse(day, System.Globalization.CultureInfo.InvariantCulture, out var today)
                ? today : throw new InvalidOperationException($"Demo:Today 不是日期：{day}（应如 2023-07-15）")));
        services.AddSingleton<Live.CockpitSnapshots>();
        services.AddMediator((MediatorOptions options) =>
        {
            // Scoped: one set of handlers per Blazor circuit, so they can see the circuit's user.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(AdjustStandards)];
            // Outermost first: who may do this, then rule violations raised below become results the page shows.
            options.PipelineBehaviors = [typeof(PermissionBehavior<,>), typeof(RuleViolationBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        services.AddScoped<Operator>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.Configure<BureauOptions>(configuration.GetSection("Bureau"));
        return services;
    }

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration,
        IWebHostEnvironment environment)
    {
        services.AddDashboardCore(configuration, environment.ContentRootPath);
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Chinese text goes out as text, not as &#x...; entities (smaller pages, readable source).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddCascadingAuthenticationState();
        services.AddDashboardSecurity(configuration);
        services.AddSignInRateLimits(configuration);
        services.AddReverseProxySupport(configuration);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter);
        services.AddSingleton(sp => new Endpoints.DownloadFiles(
            configuration["Downloads:Folder"] ?? Path.Combine(environment.ContentRootPath, "App_Data", "downloads"), sp.GetRequiredService<IClock>()));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>Cookie sign-in, session lifetimes, one authorization policy per permission, circuit revalidation.</summary>
    private static void AddDashboardSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var session = configuration.GetSection("Security:Session").Get<SignInLifetime>() ?? new SignInLifetime();
        services.AddHttpContextAccessor();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".CivilAffairs.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is HTTPS, including HTTPS ended at the bureau's proxy (see ReverseProxy).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnRedirectToAccessDenied = context =>
            {
                // The home page refused: start in the user's own section rather than on "没有访问权限".
                if (context.Request.Path == "/" && Security.HomeSection.For(context.HttpContext.User) is { } home)
                {
                    context.Response.Redirect(context.Request.PathBase + home);
                    return Task.CompletedTask;
                }
                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            // The idle limit is the server's (SignInSessions counts the use of pages too, which no request renews);
            // the cookie itself lasts no longer than a sign-in may.
            o.ExpireTimeSpan = session.Absolute;
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
                var sessionId = DashboardClaimsPrincipalFactory.SessionOf(context.Principal);
                var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                var signedInAt = context.Principal is null ? null : DashboardClaimsPrincipalFactory.SignedInAt(context.Principal);
                if (sessionId is not null && signedInAt is not null && DateTimeOffset.UtcNow - signedInAt > session.Absolute)
                    await sessions.EndAsync(sessionId, SignInSessions.Reasons.Expired);
                else if (sessionId is not null && userId is not null && await sessions.UseAsync(sessionId, userId))
                {
                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                    return;
                }
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            };
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // Every request re-reads the stamp, so a disabled user's cookie stops working at once.
            o.ValidationInterval = TimeSpan.Zero;
            // Keep the original sign-in time when the principal is refreshed, or the absolute lifetime would slide.
            o.OnRefreshingPrincipal = context =>
            {
                // and the session the cookie belongs to, or the refreshed cookie would belong to none.
                var identity = context.NewPrincipal?.Identities.First();
                foreach (var type in new[] { DashboardClaimsPrincipalFactory.SignedInAtClaim, DashboardClaimsPrincipalFactory.SessionClaim })
                {
                    var kept = context.CurrentPrincipal?.FindFirst(type);
                    if (kept is null || identity is null) continue;
                    foreach (var stale in identity.FindAll(type).ToList()) identity.RemoveClaim(stale);
                    identity.AddClaim(new Claim(kept.Type, kept.Value));
                }
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var permission in Enum.GetValues<Permission>())
                o.AddPolicy(permission.ToString(), policy => policy.RequireAuthenticatedUser()
                    .RequireAssertion(c => Roles.Allows(c.User.FindAll(ClaimTypes.Role).Select(r => r.Value), permission)));
        });
        services.AddScoped<AuthenticationStateProvider, CircuitAuthenticationStateProvider>();
    }
}
