using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Users;

/// <summary>Every account with its roles and state.</summary>
[RequiresPermission(Permission.ManageUsers)]
[BureauWide]
public sealed record ListUsers : IRequest<IReadOnlyList<UserSummary>>;

/// <summary>Reads the accounts store.</summary>
public sealed class ListUsersHandler(IUserAccounts accounts) : IRequestHandler<ListUsers, IReadOnlyList<UserSummary>>
{
    public async ValueTask<IReadOnlyList<UserSummary>> Handle(ListUsers request, CancellationToken ct) =>
        await accounts.ListAsync(ct);
}
