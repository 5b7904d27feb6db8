using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Reports;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Dashboard.Components.Pages.Reports;

/// <summary>The monthly statistics (统计月报): preview on screen with the self-checks, download as the bureau's workbook.</summary>
public partial class ReportsPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;

    private IReadOnlyList<PaymentMonthRow> _months = [];
    private IReadOnlyList<TownshipOption> _townships = [];
    private YearMonth? _month;
    private int? _township;
    private CheckedReport? _report;
    private string? _error;

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

    private string FileName => $"统计月报_{_month}" + (_report?.Report.Township is { } t ? $"_{t}" : "") + ".xlsx";

    private async Task<Result> ExportAsync(Stream file) => await Sender.Send(new ExportMonthlyReport(Code, _month!.Value, _township, file));

    private static string Format(ReportColumn column, decimal value) => column.Format switch
    {
        ReportFormat.Count => value.ToString("N0"),
        ReportFormat.WanYuan => value.ToString("N4"),
        _ => value.ToString("N2"),
    };
}
