using CivilAffairs.Dashboard.Endpoints;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Security;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Dashboard.Components.Pages.Reports;

/// <summary>The monthly statistics (统计月报): preview on screen with the self-checks, download as the bureau's workbook.</summary>
public partial class ReportsPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;
    [Inject] private DownloadFiles Downloads { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<PaymentMonthRow> _months = [];
    private IReadOnlyList<TownshipOption> _townships = [];
    private YearMonth? _month;
    private int? _township;
    private CheckedReport? _report;
    private string? _error;
    private bool _busy;

    private string Code => Bureau.Value.JurisdictionCode;

    protected override async Task OnInitializedAsync()
    {
        var view = await Sender.Send(new ListPaymentMonths(Code));
        _months = view.Months.Where(m => m.State != PaymentMonthState.Open).ToList();
        _townships = await Sender.Send(new ListAreas(Code));
        _month = view.LastClosed ?? _months.FirstOrDefault()?.Month;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _report = null;
        _error = null;
        if (_month is not { } month) return;
        var result = await Sender.Send(new GetMonthlyReport(Code, month, _township));
        if (result.Succeeded) _report = result.Value;
        else _error = string.Join(" ", result.Errors.Select(e => e.Message));
    }

    private async Task OnMonthChanged(YearMonth? month)
    {
        _month = month;
        await LoadAsync();
    }

    private async Task OnTownshipChanged(int? township)
    {
        _township = township;
        await LoadAsync();
    }

    private async Task DownloadAsync()
    {
        _busy = true;
        try
        {
            var path = DownloadFiles.NewFile();
            Result<CheckedReport> result;
            await using (var file = File.Create(path))
                result = await Sender.Send(new ExportMonthlyReport(Code, _month!.Value, _township, file));
            if (!result.Succeeded)
            {
                File.Delete(path);
                _error = string.Join(" ", result.Errors.Select(e => e.Message));
                return;
            }
            var user = await CurrentUser.GetAsync();
            var name = $"统计月报_{_month}" + (result.Value!.Report.Township is { } t ? $"_{t}" : "") + ".xlsx";
            Navigation.NavigateTo(DownloadFiles.Link(Downloads.Store(user.UserName, name, path)), forceLoad: true);
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Format(ReportColumn column, decimal value) => column.Format switch
    {
        ReportFormat.Count => value.ToString("N0"),
        ReportFormat.WanYuan => value.ToString("N4"),
        _ => value.ToString("N2"),
    };
}
