using Microsoft.Extensions.DependencyInjection.Extensions;
using CivilAffairs.Domain.Common;
using FluentValidation;
using Mapster;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Domain;

/// <summary>Registers the domain's validators, mappings and clock.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddDomain(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<IDataSession>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(CreateMappingConfig());
        services.AddSingleton<IClock, SystemClock>();
        services.AddScoped<Security.Actor>();
        services.TryAddSingleton(new Applications.ApplicationPolicy());
        services.TryAddSingleton(new Standards.StandardsPolicy());
        services.TryAddSingleton(new Roster.ReviewPolicy());
        services.TryAddSingleton(new Roster.GradualExitPolicy());
        services.TryAddSingleton(new Payments.TemporaryAssistancePolicy());
        services.TryAddSingleton(new Monitoring.MonitoringOptions());
        return services;
    }

    /// <summary>The mapping configuration of every DTO; compiled once at start-up so a broken mapping fails early.</summary>
    public static TypeAdapterConfig CreateMappingConfig()
    {
        var config = new TypeAdapterConfig();
        config.RequireDestinationMemberSource = true;
        // A month is a value: copy it, never rebuild it member by member (that would not translate to SQL).
        config.NewConfig<YearMonth, YearMonth>().MapWith(m => m);
        config.NewConfig<YearMonth?, YearMonth?>().MapWith(m => m);
        config.Scan(typeof(DependencyInjection).Assembly);
        return config;
    }
}
