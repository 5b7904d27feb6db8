using CivilAffairs.Domain.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace CivilAffairs.Dashboard;

/// <summary>The signed-in user of this circuit or request, as the use cases record it.</summary>
public sealed class CurrentUser(AuthenticationStateProvider? authentication = null) : ICurrentUser
{
    /// <summary>Until accounts exist (issue 3) changes are recorded as made at this workstation.</summary>
    public const string Anonymous = "本机用户";

    public string UserName
    {
        get
        {
            var task = authentication?.GetAuthenticationStateAsync();
            var name = task is { IsCompletedSuccessfully: true } ? task.Result.User.Identity?.Name : null;
            return string.IsNullOrWhiteSpace(name) ? Anonymous : name;
        }
    }
}
