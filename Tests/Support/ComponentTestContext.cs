using System.Security.Claims;
using Bunit;
using CivilAffairs.Domain.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CivilAffairs.Tests.Support;

/// <summary>
/// A bUnit context wired like the app (real mediator, real SQLite database, MudBlazor, resources), with the
/// popover and dialog providers rendered so selects and dialogs work.
/// </summary>
public abstract class ComponentTestContext : IAsyncLifetime
{
    protected BunitContext Context { get; private set; } = default!;
    protected TestDatabase Database { get; private set; } = default!;
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    /// <summary>The demo account the rendered components act as.</summary>
    protected virtual string Role => Roles.StandardsAdmin;

    /// <summary>Render over the demo bureau's roster and closed months instead of an empty roster.</summary>
    protected virtual bool WithDemoData => false;

    /// <summary>False for a test that renders the app's layout, which brings its own popover and dialog providers.</summary>
    protected virtual bool RendersProviders => true;

    public async Task InitializeAsync()
    {
        Database = WithDemoData ? await TestDatabase.CreateDemoAsync() : await TestDatabase.CreateAsync();
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Database.Compose(Context.Services, testPrincipal: false);
        Context.Services.AddMudServices();
        Context.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        var user = await Database.PrincipalOfAsync(Role);
        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized(user.UserName);
        authorization.SetRoles(Role);
        authorization.SetPolicies(Roles.PermissionsOf([Role]).Select(p => p.ToString()).ToArray());
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.UserId!));
        Context.Services.AddSingleton(_ => new CivilAffairs.Dashboard.Endpoints.DownloadFiles(
            Path.Combine(Path.GetTempPath(), "civil-affairs-tests", $"downloads-{Guid.NewGuid():N}"), new FixedClock(FixedClock.November2026)));
        Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        if (!RendersProviders) return;
        Context.Render<MudPopoverProvider>();
        Dialogs = Context.Render<MudDialogProvider>();
    }

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        await Database.DisposeAsync();
    }
}
