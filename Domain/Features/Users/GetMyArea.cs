using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Users;

/// <summary>The area the signed-in account works in, or null for the bureau: pages show it and key what they share by it.</summary>
[RequiresPermission(Permission.SignedIn)]
public sealed record GetMyArea : IRequest<AreaScope?>;

/// <summary>Answers from the standing the permission step has just read.</summary>
public sealed class GetMyAreaHandler(Actor actor) : IRequestHandler<GetMyArea, AreaScope?>
{
    public ValueTask<AreaScope?> Handle(GetMyArea request, CancellationToken ct) => ValueTask.FromResult(actor.Scope);
}
