using CivilAffairs.Domain;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Common.Behaviors;
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
        services.AddMediator((MediatorOptions options) =>
        {
            // Scoped: one set of handlers per Blazor circuit, so they can see the circuit's user.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(AdjustStandards)];
            // Outermost first: rule violations raised anywhere below become results the page shows.
            options.PipelineBehaviors = [typeof(RuleViolationBehavior<,>), typeof(ValidationBehavior<,>)];
        });
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
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
