using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>
/// Fills an empty installation with the demo bureau's roster and its closed months (seed-demo), for training and
/// trials; an installation that already has households is left alone.
/// </summary>
[RequiresPermission(Permission.ManageUsers)]
[BureauWide]
public sealed record SeedDemoRoster(string JurisdictionCode, IProgress<int>? Progress = null) : IRequest<Result<RosterBulkResult?>>;

/// <summary>Writes the demo roster (Infrastructure implements it with the bulk writer and the payment run).</summary>
public interface IDemoRoster
{
    /// <summary>The demo bureau's code: the demo roster belongs to it and to no other installation.</summary>
    string JurisdictionCode { get; }

    /// <summary>The counts written, or null when the roster already had households.</summary>
    Task<RosterBulkResult?> SeedAsync(IProgress<int>? progress, CancellationToken ct);
}

/// <summary>Hands the seeding to Infrastructure.</summary>
public sealed class SeedDemoRosterHandler(IDemoRoster demo) : IRequestHandler<SeedDemoRoster, Result<RosterBulkResult?>>
{
    public async ValueTask<Result<RosterBulkResult?>> Handle(SeedDemoRoster request, CancellationToken ct) =>
        request.JurisdictionCode != demo.JurisdictionCode
            ? Result<RosterBulkResult?>.Failure([new(nameof(request.JurisdictionCode), Messages.Format("DemoOnlyForDemoBureau", demo.JurisdictionCode))])
            : Result<RosterBulkResult?>.Success(await demo.SeedAsync(request.Progress, ct));
}
