using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Roster;

/// <summary>The roster: filters, and one page at a time from the server (the circuit never holds the whole roster).</summary>
public partial class RosterPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;

    /// <summary>Links from the cockpit open the roster filtered to a township or a programme.</summary>
    [SupplyParameterFromQuery(Name = "township")] public int? TownshipQuery { get; set; }
    [SupplyParameterFromQuery(Name = "programme")] public string? ProgrammeQuery { get; set; }

    private MudTable<RosterRow> _table = default!;
    private IReadOnlyList<TownshipOption> _areas = [];
    private string? _name;
    private string? _idNumber;
    private int? _township;
    private int? _community;
    private string? _variant;
    private HouseholdStatus? _status = HouseholdStatus.Active;
    private int? _total;
    private RosterFilter? _countedFilter;

    private IEnumerable<CommunityOption> Communities => _areas.FirstOrDefault(t => t.Id == _township)?.Communities ?? [];

    protected override async Task OnInitializedAsync()
    {
        _areas = await Sender.Send(new ListAreas(Bureau.Value.JurisdictionCode));
        _township = TownshipQuery;
        if (ProgrammeQuery is not null && Enum.TryParse<Programme>(ProgrammeQuery, out var programme)) _variant = $"P:{programme}";
        else if (ProgrammeQuery is not null && ProgrammeCatalogue.Find(ProgrammeQuery) is not null) _variant = ProgrammeQuery;
    }

    private async Task CountAsync(RosterFilter filter)
    {
        var total = await Sender.Send(new CountRoster(filter));
        if (Equals(filter, _countedFilter))
        {
            _total = total;
            await InvokeAsync(StateHasChanged);
        }
    }

    private void OnTownshipChanged(int? township)
    {
        _township = township;
        _community = null;
    }

    private Task SearchAsync() => _table.ReloadServerData();

    private async Task SearchOnEnterAsync(Microsoft.AspNetCore.Components.Web.KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter") await SearchAsync();
    }

    // The pager tells the exact total once it is known (a large result is counted after the page shows), never a cap.
    private string PagerInfo => _total is { } total
        ? string.Format(L["Roster.PagerInfo"], "{first_item}", "{last_item}", total.ToString("N0"))
        : string.Format(L["Roster.PagerCounting"], "{first_item}", "{last_item}");

    /// <summary>The filter as the form shows it: what the table lists is what an export writes.</summary>
    private RosterFilter CurrentFilter()
    {
        Programme? programme = _variant?.StartsWith("P:") == true ? Enum.Parse<Programme>(_variant[2..]) : null;
        return new RosterFilter(Bureau.Value.JurisdictionCode, _name, _idNumber, _township, _community,
            programme, programme is null ? _variant : null, _status);
    }

    private async Task<TableData<RosterRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var sort = Enum.TryParse<RosterSort>(state.SortLabel, out var s) ? s : RosterSort.Household;
        var filter = CurrentFilter();
        var page = await Sender.Send(new SearchRoster(filter, sort, state.SortDirection == SortDirection.Descending, state.Page, state.PageSize), ct);
        _total = page.TotalIsExact ? page.TotalCount : null;
        if (!page.TotalIsExact && !Equals(filter, _countedFilter))
        {
            // The page shows at once; the exact total of a very large result follows when it is counted.
            _countedFilter = filter;
            _ = CountAsync(filter);
        }
        return new TableData<RosterRow> { Items = page.Rows, TotalItems = page.TotalCount };
    }
}
