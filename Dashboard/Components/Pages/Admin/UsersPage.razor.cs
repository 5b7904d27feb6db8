using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Domain.Security;
using Mediator;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Admin;

/// <summary>Accounts: create, disable or enable, reset a password, assign roles, see and end where each is signed in.</summary>
public partial class UsersPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<UserSummary> _users = [];
    private bool _loading = true;
    private string? _message;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        _users = await Sender.Send(new ListUsers());
        _loading = false;
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<UserDialog>(L["Users.Create"], new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await SavedAsync(L["Users.Created"]);
    }

    private async Task EditProfileAsync(UserSummary user)
    {
        var parameters = new DialogParameters<UserDialog> { { d => d.Existing, user }, { d => d.Mode, UserDialog.DialogMode.Profile } };
        var dialog = await Dialogs.ShowAsync<UserDialog>(string.Format(L["Users.ProfileOf"], user.UserName), parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await SavedAsync(L["Users.Saved"]);
    }

    private async Task EditRolesAsync(UserSummary user)
    {
        var parameters = new DialogParameters<UserDialog> { { d => d.Existing, user }, { d => d.Mode, UserDialog.DialogMode.Roles } };
        var dialog = await Dialogs.ShowAsync<UserDialog>(string.Format(L["Users.RolesOf"], user.UserName), parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await SavedAsync(L["Users.Saved"]);
    }

    private async Task ResetPasswordAsync(UserSummary user)
    {
        var parameters = new DialogParameters<UserDialog> { { d => d.Existing, user }, { d => d.Mode, UserDialog.DialogMode.Password } };
        var dialog = await Dialogs.ShowAsync<UserDialog>(string.Format(L["Users.PasswordOf"], user.UserName), parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await SavedAsync(L["Users.Saved"]);
    }

    private async Task SessionsAsync(UserSummary user)
    {
        var parameters = new DialogParameters<SessionsDialog> { { d => d.User, user } };
        var dialog = await Dialogs.ShowAsync<SessionsDialog>(string.Format(L["Sessions.Of"], user.UserName), parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: true }) await SavedAsync(L["Sessions.Ended"]);
    }

    private async Task ToggleAsync(UserSummary user)
    {
        var result = await Sender.Send(new SetUserEnabled(user.Id, !user.IsEnabled));
        _message = result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Message));
        if (result.Succeeded) await SavedAsync(L["Users.Saved"]);
    }

    private async Task SavedAsync(string message)
    {
        _message = null;
        Snackbar.Add(message, Severity.Success);
        await LoadAsync();
    }
}
