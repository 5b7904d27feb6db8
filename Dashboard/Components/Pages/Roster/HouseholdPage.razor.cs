using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Dashboard.Components.Pages.Payments;
using CivilAffairs.Dashboard.Components.Shared;
using Mediator;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Roster;

/// <summary>A household: members, enrolments, timeline, and the dynamic-management actions.</summary>
public partial class HouseholdPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private Microsoft.Extensions.Options.IOptions<BureauOptions> Bureau { get; set; } = default!;

    [Parameter] public int Id { get; set; }

    private HouseholdDetail? _household;
    private IReadOnlyList<HouseholdPaymentLine> _payments = [];
    private bool _loaded;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _household = await Sender.Send(new GetHousehold(Id));
        _payments = await Sender.Send(new GetHouseholdPayments(Id));
        _loaded = true;
    }

    /// <summary>纳入 or 退出 低保边缘家庭 from the next open month: a status that is counted, not paid.</summary>
    private async Task ToggleNearPovertyAsync()
    {
        var month = await Sender.Send(new GetNextOpenMonth(Bureau.Value.JurisdictionCode));
        var result = await Sender.Send(new SetNearPoverty { HouseholdId = Id, Include = !_household!.NearPoverty, Month = month });
        Report(result);
        await LoadAsync();
    }

    private async Task ToggleSentDownYouthAsync(MemberDetail member)
    {
        var month = await Sender.Send(new GetNextOpenMonth(Bureau.Value.JurisdictionCode));
        var result = await Sender.Send(new SetSentDownYouth { HouseholdId = Id, PersonId = member.Id, Value = !member.SentDownYouth, Month = month });
        Report(result);
        await LoadAsync();
    }

    private async Task ToggleSeriouslyIllAsync(MemberDetail member)
    {
        var month = await Sender.Send(new GetNextOpenMonth(Bureau.Value.JurisdictionCode));
        Report(await Sender.Send(new SetSeriouslyIll { HouseholdId = Id, PersonId = member.Id, Value = !member.SeriouslyIll, Month = month }));
        await LoadAsync();
    }

    private void Report(CivilAffairs.Domain.Common.Result result)
    {
        if (result.Succeeded) Snackbar.Add(L["Users.Saved"], Severity.Success);
        else Snackbar.Add(string.Join(" ", result.Errors.Select(e => e.Message)), Severity.Error);
    }

    private async Task OpenTemporaryAsync()
    {
        var parameters = new DialogParameters<TemporaryAssistanceDialog> { { d => d.Household, _household } };
        var dialog = await Dialogs.ShowAsync<TemporaryAssistanceDialog>(L["Household.Temporary"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Temporary.Saved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task CorrectAsync(MemberDetail? member)
    {
        var parameters = new DialogParameters<CorrectionDialog> { { d => d.Household, _household }, { d => d.Member, member } };
        var title = member is null ? L["Correction.HouseholdTitle"].Value : string.Format(L["Correction.MemberTitle"], member.Name);
        var dialog = await Dialogs.ShowAsync<CorrectionDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: CorrectionOutcome outcome })
        {
            Snackbar.Add(outcome.Settlement.Count == 0 ? L["Correction.Saved"].Value
                : string.Format(L["Correction.SavedWithMoney"], outcome.SettledIn, MoneyFormat.Yuan(outcome.BackPay), MoneyFormat.Yuan(outcome.Recovery)), Severity.Success);
            await LoadAsync();
        }
    }

    private async Task OpenAsync(HouseholdChangeDialog.Kind kind, int? targetId = null)
    {
        var parameters = new DialogParameters<HouseholdChangeDialog>
        {
            { d => d.Household, _household },
            { d => d.Action, kind },
            { d => d.TargetId, targetId },
        };
        var dialog = await Dialogs.ShowAsync<HouseholdChangeDialog>(L[$"Household.{kind}"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Users.Saved"], Severity.Success);
            await LoadAsync();
        }
    }
}
