using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Security;

namespace CivilAffairs.Dashboard.Endpoints;

/// <summary>Downloads: the roster import template, and the files pages prepare for their user.</summary>
public static class RosterFileEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapRosterFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/roster/import/template", async (Mediator.ISender sender, Microsoft.Extensions.Options.IOptions<BureauOptions> bureau, CancellationToken ct) =>
        {
            var stream = new MemoryStream();
            await sender.Send(new WriteRosterTemplate(bureau.Value.JurisdictionCode, stream), ct);
            stream.Position = 0;
            return Results.File(stream, Xlsx, "花名册导入模板.xlsx");
        }).RequireAuthorization(nameof(Permission.EditRoster));

        // Whatever a page prepared for its user (import errors, bank files, lists): once, and only while the user still
        // holds the permission it was made under; the file is deleted when the response is done.
        endpoints.MapGet("/downloads/{id:guid}", (Guid id, HttpContext http, DownloadFiles files) =>
        {
            var roles = http.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList();
            if (files.Take(id, http.User.Identity?.Name, permission => Roles.Allows(roles, permission)) is not { } file) return Results.NotFound();
            // Opened, then deleted at once: the open handle still reads it, and nothing is left on disk whatever becomes
            // of the response (a deletion after completion raced the client's read of the last bytes).
            var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);
            DownloadFiles.Delete(file.Path);
            return Results.File(stream, DownloadFiles.Xlsx, file.FileName);
        }).RequireAuthorization();
    }
}
