using CivilAffairs.Dashboard.Components.Shared;
using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Applications;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Security;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Applications;

/// <summary>One file: where it stands, its timeline, and the step the signed-in user may take next.</summary>
public partial class ApplicationPage
{
    [Parameter] public int Id { get; set; }
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IClock Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private readonly FormErrors _errors = new();
    private ApplicationFile? _file;
    private bool _loaded;
    private bool _mayDecide;
    private string _me = "";
    private InvestigateApplication _visit = new();
    private DateTime? _visitedOn;
    private string? _tier;
    private string? _reason;
    private string? _objection;
    private string? _resolution;
    private string? _spotCheck;
    private YearMonth _from;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    /// <summary>Reads the file again (after a step, or an attachment added to its timeline).</summary>
    private async Task LoadAsync()
    {
        _file = await Sender.Send(new GetApplication(Id));
        _loaded = true;
        if (_file is null) return;
        var user = (await Authentication).User;
        _me = user.Identity?.Name ?? "";
        var roles = user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(r => r.Value).ToList();
        _mayDecide = Roles.Allows(roles, Permission.ApproveApplications) || (_file.Entrusted && Roles.Allows(roles, Permission.ReviewApplications));
        _tier = _file.ProposedCode ?? _file.AppliedForCode;
        _visitedOn ??= Clock.Today.ToDateTime(TimeOnly.MinValue);
        if (_from == default) _from = await Sender.Send(new GetNextOpenMonth(Bureau.Value.JurisdictionCode));
    }

    private Task InvestigateAsync()
    {
        _visit.ApplicationId = Id;
        _visit.VisitedOn = _visitedOn is { } d ? DateOnly.FromDateTime(d) : default;
        return RunAsync(Sender.Send(_visit).AsTask(), L["Application.VisitSaved"]);
    }

    private Task ReviewAsync(bool approve) =>
        RunAsync(Sender.Send(new ReviewApplication(Id, approve, approve ? _tier : null, approve ? null : _reason)).AsTask(), L["Application.Reviewed"]);

    private Task ObjectAsync() => RunAsync(Sender.Send(new RecordObjection(Id, Clock.Today, _objection ?? "")).AsTask(), L["Application.ObjectionSaved"]);

    private Task ResolveAsync(int objectionId) =>
        RunAsync(Sender.Send(new ResolveObjection(Id, objectionId, _resolution ?? "")).AsTask(), L["Application.ObjectionAnswered"]);

    private async Task DecideAsync(bool approve)
    {
        var result = await Sender.Send(new DecideApplication(Id, approve, approve ? _from : null, approve ? _tier : null, approve ? null : _reason, _spotCheck));
        await AfterAsync(result.Succeeded, result.Errors, L["Application.Decided"]);
    }

    private async Task RunAsync(Task<Result> step, string done)
    {
        var result = await step;
        await AfterAsync(result.Succeeded, result.Errors, done);
    }

    private async Task AfterAsync(bool succeeded, IReadOnlyList<FieldError> errors, string done)
    {
        _errors.Set(succeeded ? [] : errors);
        if (!succeeded) return;
        Snackbar.Add(done, Severity.Success);
        _reason = _objection = _resolution = null;
        _visit = new InvestigateApplication();
        await LoadAsync();
    }

    private static Color StageColor(ApplicationStage stage) => stage switch
    {
        ApplicationStage.Approved => Color.Success,
        ApplicationStage.Rejected => Color.Error,
        ApplicationStage.Posted => Color.Warning,
        _ => Color.Info,
    };
}
