using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>Shows one person's full ID number, once, to a role allowed to see it; every reveal is audited.</summary>
[RequiresPermission(Permission.RevealSensitive)]
public sealed record RevealIdNumber(int PersonId) : IRequest<string?>, IRevealsSensitiveData
{
    public bool RevealsFullIdNumbers => true;
}

/// <summary>Records the reveal before returning the number.</summary>
public sealed class RevealIdNumberHandler(IDataSessionFactory data, IAuditTrail audit, Actor actor) : IRequestHandler<RevealIdNumber, string?>
{
    public async ValueTask<string?> Handle(RevealIdNumber request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var number = await session.FirstOrDefaultAsync(session.Query<Person>().Where(p => p.Id == request.PersonId).Select(p => p.IdNumber), ct);
        if (number is null) return null;
        await audit.RecordAsync(new AuditEvent(AuditAction.Reveal, actor.UserName, nameof(Person), request.PersonId.ToString(), "查看完整身份证号"), ct);
        return number;
    }
}
