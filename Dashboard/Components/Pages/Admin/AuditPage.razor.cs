using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Features.Audit;
using Mediator;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Admin;

/// <summary>The audit log, filtered and paged on the server, and the chain check.</summary>
public partial class AuditPage
{
    [Inject] private ISender Sender { get; set; } = default!;

    private MudTable<AuditRecordDto> _table = default!;
    private string? _user;
    private string? _entity;
    private AuditAction? _action;
    private DateTime? _from;
    private DateTime? _to;
    private AuditVerification? _verification;
    private bool _verifying;

    private async Task<TableData<AuditRecordDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var page = await Sender.Send(CurrentFilter() with { Page = state.Page, PageSize = state.PageSize }, ct);
        return new TableData<AuditRecordDto> { Items = page.Records, TotalItems = page.TotalCount };
    }

    private Task SearchAsync() => _table.ReloadServerData();

    private SearchAudit CurrentFilter() => new(_user, _entity, _action, _from?.Date.ToUniversalTime(), _to?.Date.AddDays(1).ToUniversalTime());

    private async Task VerifyAsync()
    {
        _verifying = true;
        try
        {
            _verification = await Sender.Send(new VerifyAuditChain());
        }
        finally
        {
            _verifying = false;
        }
    }
}
