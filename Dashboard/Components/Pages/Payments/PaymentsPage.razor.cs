using CivilAffairs.Dashboard.Components.Shared;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Payments;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Payments;

/// <summary>
/// The payment months: compute the next month as a preview, read it against last month, close it. The run happens on a
/// worker thread so the page keeps drawing its progress; the circuit does not time out however long it takes.
/// </summary>
public partial class PaymentsPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private PaymentMonthsView? _view;
    private PaymentPreview? _preview;
    private YearMonth? _selected;
    private PaymentRunProgress? _progress;
    private bool _running;
    private string? _error;

    private bool Interactive => RendererInfo.IsInteractive;
    private PaymentMonthState NextState => _view?.Find(_view.NextMonth)?.State ?? PaymentMonthState.Open;
    private string Code => Bureau.Value.JurisdictionCode;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        var show = _view!.Find(_view.NextMonth) is { State: PaymentMonthState.Computed } ? _view.NextMonth : _view.LastClosed;
        if (show is { } month) await SelectAsync(month);
    }

    private async Task LoadAsync() => _view = await Sender.Send(new ListPaymentMonths(Code));

    private async Task SelectAsync(YearMonth month)
    {
        _selected = month;
        _preview = await Sender.Send(new GetPaymentPreview(Code, month));
    }

    private Task ComputeAsync() => RunAsync(progress => new ComputePaymentMonth
    {
        JurisdictionCode = Code, Month = _view!.NextMonth, ExpectedVersion = _view.Find(_view.NextMonth)?.Version, Progress = progress,
    }, outcome => string.Format(L["Payments.ComputedDone"], outcome.Run.Month, outcome.Run.Totals.Lines.ToString("N0"), MoneyFormat.Yuan(outcome.Run.Totals.Paid)));

    private async Task CloseAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Payments.Close"], string.Format(L["Payments.CloseConfirm"], _view!.NextMonth),
            yesText: L["Payments.Close"], cancelText: L["Common.Cancel"]);
        if (confirmed != true) return;
        await RunAsync(progress => new ClosePaymentMonth
        {
            JurisdictionCode = Code, Month = _view!.NextMonth, ExpectedVersion = _view.Find(_view.NextMonth)?.Version, Progress = progress,
        }, outcome => outcome.AlreadyClosed
            ? string.Format(L["Payments.AlreadyClosed"], outcome.Run.Month, outcome.ClosedBy)
            : string.Format(L["Payments.ClosedDone"], outcome.Run.Month, outcome.Run.Totals.Lines.ToString("N0"), MoneyFormat.Yuan(outcome.Run.Totals.Paid)));
    }

    private async Task RunAsync(Func<IProgress<PaymentRunProgress>, IRequest<Result<PaymentRunOutcome>>> request, Func<PaymentRunOutcome, string> done)
    {
        _running = true;
        _error = null;
        _progress = null;
        var progress = new Progress<PaymentRunProgress>(p =>
        {
            _progress = p;
            StateHasChanged();
        });
        try
        {
            // SQLite executes synchronously under its async API; off the circuit's thread the progress bar keeps moving.
            var message = request(progress);
            var result = await Task.Run(async () => await Sender.Send(message));
            if (result.Succeeded)
            {
                Snackbar.Add(done(result.Value!), Severity.Success);
                await LoadAsync();
                await SelectAsync(result.Value!.Run.Month);
            }
            else
            {
                _error = string.Join(" ", result.Errors.Select(e => e.Message));
                await LoadAsync();
            }
        }
        finally
        {
            _running = false;
        }
    }

    private static Color StateColor(PaymentMonthState state) => state switch
    {
        PaymentMonthState.Closed => Color.Success,
        PaymentMonthState.Computed => Color.Warning,
        _ => Color.Default,
    };

    private static string Stamp(DateTime? atUtc, string? by) =>
        atUtc is { } at ? $"{at.ToLocalTime():yyyy-MM-dd HH:mm} {by}" : "—";

    private async Task OpenFigureAsync((PreviewRow Row, PreviewFigure Figure) figure)
    {
        var programme = Enum.TryParse<CivilAffairs.Domain.Programmes.Programme>(figure.Row.Key, out var p) ? p : (CivilAffairs.Domain.Programmes.Programme?)null;
        var request = new ListPreviewPeople(Code, _preview!.Month, figure.Figure, programme);
        var title = $"{_preview.Month} · {figure.Row.Name} · {L[$"Drill.{figure.Figure}"]}";
        await Dialogs.ShowAsync<PreviewPeopleDialog>(title, new DialogParameters<PreviewPeopleDialog> { { d => d.Request, request } },
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
    }
}
