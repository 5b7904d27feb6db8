using System.Net;
using CivilAffairs.Dashboard.Endpoints;
using CivilAffairs.Dashboard.Components.Shared;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Bank;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Security;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Payments;

/// <summary>The bank's disbursement: batches of closed months, the audited file, the return and re-issues of failures.</summary>
public partial class BankPage
{
    private const long MaxReturnBytes = 200L * 1024 * 1024;

    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private DownloadFiles Downloads { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;

    private IReadOnlyList<BankBatchRow> _batches = [];
    private IReadOnlyList<FailedPaymentRow> _failed = [];
    private List<YearMonth> _closed = [];
    private YearMonth _month;
    private string? _error;
    private Guid? _download;
    private bool _busy;

    private string Code => Bureau.Value.JurisdictionCode;

    protected override async Task OnInitializedAsync()
    {
        var months = await Sender.Send(new ListPaymentMonths(Code));
        _closed = months.Months.Where(m => m.State == PaymentMonthState.Closed).Select(m => m.Month).ToList();
        _month = _closed.FirstOrDefault();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _batches = await Sender.Send(new ListBankBatches(Code));
        _failed = await Sender.Send(new ListFailedPayments(Code));
    }

    private async Task CreateAsync()
    {
        _busy = true;
        var result = await Sender.Send(new CreateBankBatch(Code, _month));
        _busy = false;
        Show(result);
        if (result.Succeeded) Snackbar.Add(string.Format(L["Bank.Created"], result.Value!.Id, result.Value.ControlCount, MoneyFormat.Yuan(result.Value.ControlTotal)), Severity.Success);
        await LoadAsync();
    }

    private async Task ExportAsync(BankBatchRow batch)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Bank.Export"], string.Format(L["Bank.ExportConfirm"], batch.Id), yesText: L["Bank.Export"], cancelText: L["Common.Cancel"]);
        if (confirmed != true) return;
        using var file = new MemoryStream();
        var result = await Sender.Send(new ExportBankFile(batch.Id, file));
        Show(result);
        if (!result.Succeeded) return;
        var user = await CurrentUser.GetAsync();
        _download = Downloads.Store(user.UserName, $"银行代发_{batch.Month}_批次{batch.Id}.xlsx", file.ToArray(), Permission.RunPayments);
    }

    private async Task ImportReturnAsync(BankBatchRow batch, IBrowserFile? file)
    {
        if (file is null) return;
        using var buffer = new MemoryStream();
        await using (var upload = file.OpenReadStream(MaxReturnBytes)) await upload.CopyToAsync(buffer);
        buffer.Position = 0;
        var result = await Sender.Send(new ImportBankReturn(batch.Id, buffer));
        Show(result);
        if (result.Succeeded)
            Snackbar.Add(string.Format(L["Bank.Returned"], result.Value!.Paid, result.Value.Failed, MoneyFormat.Yuan(result.Value.FailedAmount)), Severity.Success);
        await LoadAsync();
    }

    private async Task ReissueAsync(BankBatchRow batch)
    {
        var result = await Sender.Send(new ReissueFailedPayments(batch.Id));
        Show(result);
        if (result.Succeeded) Snackbar.Add(string.Format(L["Bank.Reissued"], result.Value), Severity.Success);
        await LoadAsync();
    }

    private void Show(Result result) =>
        _error = result.Succeeded ? null : string.Join("<br/>", result.Errors.Take(50).Select(e => WebUtility.HtmlEncode(e.Message)));
}
