using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Standards;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Standards;

/// <summary>The standards in force in a chosen month, their history, and the yearly adjustment.</summary>
public partial class StandardsPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;
    [Inject] private IClock Clock { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<StandardInForce> _rows = [];
    private IReadOnlyList<StandardsProposalRow> _proposals = [];
    private string? _proposalError;
    private string? _rejectReason;
    private YearMonth _viewMonth;
    private bool _loading = true;

    private DateTime? ViewMonthDate => _viewMonth.FirstDay.ToDateTime(TimeOnly.MinValue);

    protected override async Task OnInitializedAsync()
    {
        _viewMonth = Clock.CurrentMonth;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _rows = await Sender.Send(new GetStandardsInForce(Bureau.Value.JurisdictionCode, _viewMonth));
        _proposals = await Sender.Send(new ListStandardsProposals(Bureau.Value.JurisdictionCode));
        _loading = false;
    }

    private async Task OnViewMonthChanged(DateTime? date)
    {
        if (date is null) return;
        _viewMonth = YearMonth.Of(DateOnly.FromDateTime(date.Value));
        await LoadAsync();
    }

    private async Task OpenAdjustmentAsync()
    {
        var parameters = new DialogParameters<AdjustStandardsDialog>
        {
            { d => d.JurisdictionCode, Bureau.Value.JurisdictionCode },
            { d => d.Rows, _rows },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<AdjustStandardsDialog>(L["Adjust.Title"], parameters, options);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: AdjustmentOutcome outcome })
        {
            Snackbar.Add(outcome.VersionsCreated == 0 && outcome.ProposalId is not null
                ? string.Format(L["Proposal.Entered"], outcome.DocumentNumber)
                : string.Format(L["Adjust.Saved"], outcome.VersionsCreated, outcome.EffectiveFrom, outcome.DocumentNumber), Severity.Success);
            await LoadAsync();
        }
    }

    /// <summary>审核通过 by a second administrator: in force from its month (the mediator refuses its own maker).</summary>
    private async Task ApproveAsync(int id)
    {
        var result = await Sender.Send(new ApproveStandardsProposal(id));
        _proposalError = result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Message));
        if (result.Succeeded)
            Snackbar.Add(string.Format(L["Adjust.Saved"], result.Value!.VersionsCreated, result.Value.EffectiveFrom, result.Value.DocumentNumber), Severity.Success);
        await LoadAsync();
    }

    private async Task RejectAsync(int id)
    {
        var result = await Sender.Send(new RejectStandardsProposal(id, _rejectReason ?? ""));
        _proposalError = result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Message));
        if (result.Succeeded)
        {
            _rejectReason = null;
            Snackbar.Add(L["Proposal.Rejected"], Severity.Info);
        }
        await LoadAsync();
    }

    private async Task OpenHistoryAsync(StandardInForce row)
    {
        var parameters = new DialogParameters<StandardHistoryDialog>
        {
            { d => d.JurisdictionCode, Bureau.Value.JurisdictionCode },
            { d => d.VariantCode, row.Variant.Code },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<StandardHistoryDialog>(string.Format(L["History.Title"], row.Variant.Name), parameters, options);
        // A correction changes the amount in force: show it as soon as the history closes.
        if (await dialog.Result is { Canceled: false }) await LoadAsync();
    }
}
