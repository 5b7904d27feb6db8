using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>How an import treats a workbook with errors.</summary>
public enum ImportMode
{
    /// <summary>Nothing is written while any row fails (the default).</summary>
    AllOrNothing = 1,
    /// <summary>Households whose rows are all valid are written; the others are reported.</summary>
    ValidOnly = 2,
}

/// <summary>Where an import is, for the progress bar.</summary>
public sealed record ImportProgress(string Stage, int Done, int Total);

/// <summary>
/// Imports a roster workbook: every row is checked (fields, ID numbers, duplicates in the file and against the
/// roster, areas, programmes, the roster's rules) before anything is written, then the households are written in
/// one transaction. Households already imported from the same file are skipped, so re-importing adds nothing.
/// </summary>
[RequiresPermission(Permission.EditRoster)]
[BureauWide]
public sealed record ImportRoster(string JurisdictionCode, Stream Workbook, string FileName, ImportMode Mode = ImportMode.AllOrNothing,
    bool DryRun = false, IProgress<ImportProgress>? Progress = null) : IRequest<ImportReport>;

/// <summary>What the import found and did.</summary>
public sealed record ImportReport(int Rows, int Households, int HouseholdsWritten, int PersonsWritten, int HouseholdsSkipped,
    IReadOnlyList<ImportError> Errors, IReadOnlyList<RosterImportRow> RowsRead, bool Written)
{
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>Reads, checks every row, then writes the valid households in one transaction.</summary>
public sealed class ImportRosterHandler(IDataSessionFactory data, IRosterWorkbook workbooks, IRosterBulkWriter writer, IClock clock, Actor actor)
    : IRequestHandler<ImportRoster, ImportReport>
{
    public async ValueTask<ImportReport> Handle(ImportRoster request, CancellationToken ct)
    {
        var rows = new List<RosterImportRow>();
        await foreach (var row in workbooks.ReadAsync(request.Workbook, ct))
        {
            rows.Add(row);
            if (rows.Count % 5_000 == 0) request.Progress?.Report(new ImportProgress("读取", rows.Count, 0));
        }

        await using var session = await data.OpenAsync(ct);
        var jurisdictionId = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct)
            ?? throw new InvalidOperationException(Messages.Format("UnknownJurisdiction", request.JurisdictionCode));
        var check = await RosterImportCheck.RunAsync(session, jurisdictionId, rows, clock.Now.UtcDateTime, actor.UserName,
            request.Progress, clock, ct);

        var write = request.DryRun || (check.Errors.Count > 0 && request.Mode == ImportMode.AllOrNothing) ? [] : check.Valid;
        var result = write.Count == 0 ? new RosterBulkResult(0, 0, 0) : await writer.WriteAsync(jurisdictionId, write, actor.UserName,
            $"导入花名册 {request.FileName}", new Progress<int>(n => request.Progress?.Report(new ImportProgress("写入", n, write.Count))), ct);

        return new ImportReport(rows.Count, check.Households, result.Households, result.Persons, check.Skipped, check.Errors, rows, result.Households > 0);
    }
}
