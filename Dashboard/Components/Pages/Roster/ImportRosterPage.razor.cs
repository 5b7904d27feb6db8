using CivilAffairs.Dashboard.Endpoints;
using CivilAffairs.Domain.Features.Roster;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Dashboard.Components.Pages.Roster;

/// <summary>Upload a roster workbook, check it, import it; errors listed by row and offered as a workbook.</summary>
public partial class ImportRosterPage
{
    /// <summary>Larger uploads are refused in the browser; 50 MB holds well over 100,000 rows.</summary>
    public const long MaxUploadBytes = 50 * 1024 * 1024;

    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private ILogger<ImportRosterPage> Logger { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;
    [Inject] private IRosterWorkbook Workbooks { get; set; } = default!;
    [Inject] private DownloadFiles ErrorFiles { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    private byte[]? _content;
    private string? _fileName;
    private bool _validOnly;
    private bool _running;
    private string? _problem;
    private ImportProgress? _progress;
    private ImportReport? _report;
    private Guid? _errorFile;

    private static bool LooksLikeWorkbook(ReadOnlySpan<byte> content) =>
        content.Length > 4 && content[0] == (byte)'P' && content[1] == (byte)'K' && content[2] == 3 && content[3] == 4;

    private double Percent => _progress is { Total: > 0 } p ? 100.0 * p.Done / p.Total : 0;

    private async Task OnFileChosen(IBrowserFile? file)
    {
        _report = null;
        _problem = null;
        if (file is null) return;
        if (file.Size > MaxUploadBytes)
        {
            _problem = string.Format(L["Import.TooLarge"], MaxUploadBytes / 1024 / 1024);
            return;
        }
        // The command takes a stream, not the browser file: copy it once, then the circuit can check it repeatedly.
        using var buffer = new MemoryStream();
        await file.OpenReadStream(MaxUploadBytes).CopyToAsync(buffer);
        // An .xlsx is a zip package: anything else (a .xls, a CSV, a renamed file) is refused here, in Chinese.
        if (!LooksLikeWorkbook(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            (_content, _fileName) = (null, null);
            _problem = string.Format(L["Import.NotWorkbook"], file.Name);
            return;
        }
        _content = buffer.ToArray();
        _fileName = file.Name;
    }

    private async Task RunAsync(bool dryRun)
    {
        _running = true;
        _problem = null;
        _report = null;
        _errorFile = null;
        try
        {
            var progress = new Progress<ImportProgress>(p =>
            {
                _progress = p;
                _ = InvokeAsync(StateHasChanged);
            });
            using var stream = new MemoryStream(_content!);
            _report = await Sender.Send(new ImportRoster(Bureau.Value.JurisdictionCode, stream, _fileName!,
                _validOnly ? ImportMode.ValidOnly : ImportMode.AllOrNothing, dryRun, progress));
            if (_report.HasErrors)
            {
                using var errors = new MemoryStream();
                await Workbooks.WriteErrorsAsync(errors, _report.RowsRead, _report.Errors);
                var user = (await Authentication.GetAuthenticationStateAsync()).User.Identity?.Name ?? "";
                _errorFile = ErrorFiles.Store(user, "花名册导入错误.xlsx", errors.ToArray(), Domain.Security.Permission.EditRoster);
            }
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or System.Xml.XmlException)
        {
            // The reader's own words are English and technical: they go to the log, the clerk reads what to do.
            Logger.LogWarning(e, "Roster workbook {File} could not be read", _fileName);
            _problem = string.Format(L["Import.Unreadable"], _fileName);
        }
        finally
        {
            _running = false;
            _progress = null;
        }
    }
}
