using CivilAffairs.Dashboard;
using CivilAffairs.Dashboard.Components;
using CivilAffairs.Dashboard.Endpoints;
using CivilAffairs.Dashboard.Security;
using CivilAffairs.Infrastructure.Identity;
using CivilAffairs.Infrastructure.Persistence;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services));
builder.Services.AddDashboard(builder.Configuration, builder.Environment);

var app = builder.Build();

if (CommandLine.IsVerb(args)) return await CommandLine.RunAsync(app, args);

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
await app.Services.GetRequiredService<AccountBootstrapper>().RunAsync();
if (app.Configuration.GetValue("Demo:SeedRoster", false))
    await app.Services.GetRequiredService<CivilAffairs.Infrastructure.Persistence.Seeding.DemoRosterSeeder>().SeedAsync();

app.UseReverseProxySupport();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseSecurityHeaders();
app.UseSerilogRequestLogging();
app.UseRequestLocalization(options =>
{
    // Chinese is the bureau's language whatever the browser asks for; English only on explicit choice
    // (?culture=en or the culture cookie), for the day a translation is wanted.
    options.SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN", "en").AddSupportedUICultures("zh-CN", "en");
    options.RequestCultureProviders = options.RequestCultureProviders
        .Where(p => p is not Microsoft.AspNetCore.Localization.AcceptLanguageHeaderRequestCultureProvider).ToList();
});
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapAccountEndpoints();
app.MapRosterFileEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

/// <summary>Entry point; partial so the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
