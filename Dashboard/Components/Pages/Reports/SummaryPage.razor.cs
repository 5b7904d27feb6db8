using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Reports;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Dashboard.Components.Pages.Reports;

/// <summary>
/// The half-year (or year, or months to date) summary drafted from the data: the clerk edits the wording on screen and
/// downloads it as a Word document; the figures stay those of the summaries.
/// </summary>
public partial class SummaryPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;

    private YearMonth _from;
    private YearMonth _to;
    private YearMonth? _lastDone;
    private WorkSummary? _summary;
    private string _text = "";
    private string? _error;

    private string Code => Bureau.Value.JurisdictionCode;

    protected override async Task OnInitializedAsync()
    {
        var view = await Sender.Send(new ListPaymentMonths(Code));
        _lastDone = view.LastClosed ?? view.Months.Where(m => m.State != Domain.Payments.PaymentMonthState.Open).Select(m => (YearMonth?)m.Month).Max();
        var last = _lastDone ?? YearMonth.Of(DateOnly.FromDateTime(DateTime.Today));
        // The half-year just ended when it has ended, otherwise the year to date.
        (_from, _to) = last.Month >= 6 && last.Month < 12 ? (new YearMonth(last.Year, 1), new YearMonth(last.Year, 6)) : (new YearMonth(last.Year, 1), last);
        await LoadAsync();
    }

    private async Task PresetAsync(int first, int? lastMonth)
    {
        var year = (_lastDone ?? _to).Year;
        _from = new YearMonth(year, first);
        _to = lastMonth is { } m ? new YearMonth(year, m) : _lastDone ?? _to;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        var result = await Sender.Send(new GetWorkSummary(Code, _from, _to));
        _summary = result.Value;
        _text = _summary?.Text ?? "";
        if (!result.Succeeded) _error = string.Join(" ", result.Errors.Select(e => e.Message));
    }

    private string FileName => $"{_summary?.Title ?? L["Summary.Title"]}.docx";

    private async Task<Result> ExportAsync(Stream file) =>
        await Sender.Send(new ExportWorkSummary(Code, _from, _to, _text == _summary?.Text ? null : _text, file));
}
