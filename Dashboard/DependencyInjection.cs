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
        services.AddDomain();
        services.AddInfrastructure(configuration, contentRoot);
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
        services.Configure<SignInLifetime>(configuration.GetSection("Security:Session"));
        var session = configuration.GetSection("Security:Session").Get<SignInLifetime>() ?? new SignInLifetime();
        services.AddHttpContextAccessor();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".CivilAffairs.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = session.Idle;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = async context =>
            {
                await SecurityStampValidator.ValidatePrincipalAsync(context);
                var signedInAt = context.Principal is null ? null : DashboardClaimsPrincipalFactory.SignedInAt(context.Principal);
                if (context.Principal is not null && (signedInAt is null || DateTimeOffset.UtcNow - signedInAt > session.Absolute))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // Every request re-reads the stamp, so a disabled user's cookie stops working at once.
            o.ValidationInterval = TimeSpan.Zero;
            // Keep the original sign-in time when the principal is refreshed, or the absolute lifetime would slide.
            o.OnRefreshingPrincipal = context =>
            {
                var signedInAt = context.CurrentPrincipal?.FindFirst(DashboardClaimsPrincipalFactory.SignedInAtClaim);
                var identity = context.NewPrincipal?.Identities.First();
                if (signedInAt is not null && identity is not null)
                {
                    foreach (var stale in identity.FindAll(DashboardClaimsPrincipalFactory.SignedInAtClaim).ToList()) identity.RemoveClaim(stale);
                    identity.AddClaim(new Claim(signedInAt.Type, signedInAt.Value));
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
