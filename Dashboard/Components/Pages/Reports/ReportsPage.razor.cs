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

/// <summary>The statistics office's forms (统计月报, 低保综合统计表, 季报, 变动明细): preview with the self-checks, download as workbooks.</summary>
public partial class ReportsPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;

    private IReadOnlyList<PaymentMonthRow> _months = [];
    private IReadOnlyList<TownshipOption> _townships = [];
    private YearMonth? _month;
    private int? _township;
    private ReportForm _form = ReportForm.Monthly;
    /// <summary>The change lists can be long: the page shows their start and their total, the workbook every row.</summary>
    private const int ShownRows = 200;
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
        var result = await Sender.Send(new GetMonthlyReport(Code, month, _township, _form));
        if (result.Succeeded) _report = result.Value;
        else _error = string.Join(" ", result.Errors.Select(e => e.Message));
    }

    private async Task OnMonthChanged(YearMonth? month)
    {
        _month = month;
        await LoadAsync();
    }

    private async Task OnFormChanged(ReportForm form)
    {
        _form = form;
        await LoadAsync();
    }

    private async Task OnTownshipChanged(int? township)
    {
        _township = township;
        await LoadAsync();
    }

    private string FileName => _month is { } month ? ReportForms.FileName(_form, month, _report?.Report.Township) : "";

    private async Task<Result> ExportAsync(Stream file, bool fullIdNumbers) =>
        await Sender.Send(new ExportMonthlyReport(Code, _month!.Value, _township, file, _form, fullIdNumbers));

    private static string Cell(object? cell) => cell switch
    {
        ReportCell { Format: ReportFormat.Count } c => c.Value.ToString("N0"),
        ReportCell { Format: ReportFormat.WanYuan } c => c.Value.ToString("N4"),
        ReportCell c => c.Value.ToString("N2"),
        decimal d => d.ToString("0.0"),
        _ => cell?.ToString() ?? "",
    };

    private static string Format(ReportColumn column, decimal value) => column.Format switch
    {
        ReportFormat.Count => value.ToString("N0"),
        ReportFormat.WanYuan => value.ToString("N4"),
        _ => value.ToString("N2"),
    };
}
