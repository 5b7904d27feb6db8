using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Payments;

/// <summary>Proves the summaries equal the ledger: every month's rows recomputed from the lines and compared.</summary>
[RequiresPermission(Permission.ViewPayments)]
[BureauWide]
public sealed record VerifySummaries(string JurisdictionCode) : IRequest<IReadOnlyList<string>>;

/// <summary>Delegates the comparison to the database, where the ledger is.</summary>
public sealed class VerifySummariesHandler(IDataSessionFactory data, IPaymentRun run) : IRequestHandler<VerifySummaries, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(VerifySummaries request, CancellationToken ct)
    {
        int j;
        await using (var session = await data.OpenAsync(ct))
            j = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct) ?? 0;
        return await run.CheckSummariesAsync(j, ct);
    }
}
