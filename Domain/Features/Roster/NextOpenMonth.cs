using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>The next open payment month, which the roster's forms take as their default month.</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record GetNextOpenMonth(string JurisdictionCode) : IRequest<YearMonth>;

/// <summary>Reads it as every roster command checks it.</summary>
public sealed class GetNextOpenMonthHandler(IDataSessionFactory data, IClock clock) : IRequestHandler<GetNextOpenMonth, YearMonth>
{
    public async ValueTask<YearMonth> Handle(GetNextOpenMonth request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        return await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) is { } j
            ? await session.NextOpenMonthAsync(j, clock, ct)
            : clock.CurrentMonth;
    }
}
