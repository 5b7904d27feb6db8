using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Security;

namespace CivilAffairs.Dashboard.Endpoints;

/// <summary>Downloads of the roster pages: the import template and an import's error workbook.</summary>
public static class RosterFileEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapRosterFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/roster/import/template", async (IRosterWorkbook workbooks, CancellationToken ct) =>
        {
            var stream = new MemoryStream();
            await workbooks.WriteTemplateAsync(stream, ct);
            stream.Position = 0;
            return Results.File(stream, Xlsx, "花名册导入模板.xlsx");
        }).RequireAuthorization(nameof(Permission.EditRoster));

        endpoints.MapGet("/roster/import/errors/{id:guid}", (Guid id, HttpContext http, ImportErrorFiles files) =>
            files.Take(id, http.User.Identity?.Name) is { } content
                ? Results.File(content, Xlsx, "花名册导入错误.xlsx")
                : Results.NotFound()).RequireAuthorization(nameof(Permission.EditRoster));
    }
}
