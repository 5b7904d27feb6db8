using CivilAffairs.Dashboard.Components.Shared;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Domain.Security;
using Mediator;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Admin;

/// <summary>One dialog for the account forms: a new user, new roles, a new password, the name and unit.</summary>
public partial class UserDialog
{
    /// <summary>Which form the dialog shows.</summary>
    public enum DialogMode { Create, Roles, Password, Profile }

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private ISender Sender { get; set; } = default!;

    [Parameter] public UserSummary? Existing { get; set; }
    [Parameter] public DialogMode Mode { get; set; } = DialogMode.Create;

    private readonly CreateUser _create = new();
    private readonly UpdateUserProfile _profile = new();
    private readonly FormErrors _errors = new();
    private HashSet<string> _roles = [];
    private string _password = "";
    private bool _saving;

    protected override void OnInitialized()
    {
        _roles = Existing?.Roles.ToHashSet() ?? [];
        if (Existing is not null) (_profile.UserId, _profile.DisplayName, _profile.Unit) = (Existing.Id, Existing.DisplayName, Existing.Unit);
    }

    private void Toggle(string role, bool on)
    {
        if (on) _roles.Add(role); else _roles.Remove(role);
        _errors.Clear("Roles");
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            Result result = Mode switch
            {
                DialogMode.Create => await Sender.Send(Fill(_create)),
                DialogMode.Roles => await Sender.Send(new SetUserRoles { UserId = Existing!.Id, Roles = [.. _roles] }),
                DialogMode.Profile => await Sender.Send(_profile),
                _ => await Sender.Send(new ResetUserPassword { UserId = Existing!.Id, NewPassword = _password }),
            };
            if (result.Succeeded) Dialog.Close(DialogResult.Ok(true));
            else _errors.Set(result.Errors.Select(e => e with { Field = FieldOf(e.Field) }));
        }
        finally
        {
            _saving = false;
        }
    }

    private CreateUser Fill(CreateUser request)
    {
        request.Password = _password;
        request.Roles = [.. _roles];
        return request;
    }

    // Validators name nested fields ("Roles[0]", "NewPassword"); the dialog shows one message per input.
    private static string FieldOf(string field) => field switch
    {
        "NewPassword" => "Password",
        _ when field.StartsWith("Roles", StringComparison.Ordinal) => "Roles",
        _ => field,
    };
}
