using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace CivilAffairs.Dashboard;

/// <summary>
/// The named account a command-line verb, a benchmark or a test arranger acts as. It is an ordinary web account: the
/// mediator checks that it is enabled and holds the permission, and the audit trail names the channel and the account.
/// </summary>
public sealed class Operator
{
    public const string CommandLineChannel = "命令行";

    public Principal? Principal { get; private set; }

    /// <summary>A scope acting as <paramref name="userName"/>, or null when no such account exists.</summary>
    public static async Task<AsyncServiceScope?> ScopeAsync(IServiceProvider services, string userName, string? channel = CommandLineChannel)
    {
        var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync(userName.Trim());
        if (user is null)
        {
            await scope.DisposeAsync();
            return null;
        }
        scope.ServiceProvider.GetRequiredService<Operator>().Principal = new Principal(user.Id, user.UserName!, channel);
        return scope;
    }
}
