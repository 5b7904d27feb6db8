using System.Globalization;
using CivilAffairs.Dashboard.Components.Shared;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Cockpit;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Programmes;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Cockpit;

/// <summary>
/// The leadership cockpit (驾驶舱). It reads the monthly summaries only, and keeps itself current: when the change feed
/// reports a topic, only the panels fed by that topic are read again, and changes arriving during a refresh are merged
/// into one more refresh, so a burst of a thousand changes costs a handful of refreshes.
/// </summary>
public partial class CockpitPage : IDisposable
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;
    [Inject] private IChangeFeed Feed { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IClock Clock { get; set; } = default!;
    [Inject] private Live.CockpitSnapshots Snapshots { get; set; } = default!;

    private readonly Lock _gate = new();
    private readonly HashSet<ChangeTopic> _pending = [];
    private bool _refreshing;
    protected CockpitFigures _figures = CockpitFigures.Empty([]);
    protected IReadOnlyList<CockpitStandard> _standards = [];
    protected IReadOnlyList<CockpitAlert> _alerts = [];
    protected Domain.Features.Roster.TrackedGroups? _tracked;
    protected Domain.Features.Monitoring.WarningSummary? _warnings;
    protected YearMonth? _month;
    protected ProgrammeGroup? _group;
    protected int? _township;
    /// <summary>The township or village the account works in (null: the bureau).</summary>
    protected AreaScope? _area;
    protected DateTime _updatedAt = DateTime.UtcNow;
    protected List<ChartSeries<double>> _trendPersons = [], _trendFunds = [], _townshipSeries = [];
    protected string[] _trendLabels = [], _townshipLabels = [];

    /// <summary>How many times the page has re-read data after a change (tests hold it bounded).</summary>
    public int Refreshes { get; private set; }

    protected string Code => Bureau.Value.JurisdictionCode;

    /// <summary>A month to open on (<c>?month=2023-06</c>), e.g. from a link or a bookmark of the meeting-room screen.</summary>
    [SupplyParameterFromQuery(Name = "month")] public string? MonthQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (YearMonth.TryParse(MonthQuery, out var asked)) _month = asked;
        _area = await Sender.Send(new GetMyArea());
        await LoadFiguresAsync();
        await LoadStandardsAsync();
        await LoadAlertsAsync();
        Feed.Changed += OnChanged;
    }

    protected async Task LoadFiguresAsync()
    {
        var request = new GetCockpitFigures(Code, _month, _group, _township);
        _figures = await Snapshots.GetAsync(_area?.AreaId, request, () => Sender.Send(request).AsTask());
        _trendLabels = _figures.Trend.Select(p => p.Month.Month == 1 ? string.Format(L["Cockpit.TrendJanuary"], p.Month.Year) : string.Format(L["Cockpit.TrendMonth"], p.Month.Month)).ToArray();
        _trendPersons = [new() { Name = L["Cockpit.TrendPersons"], Data = _figures.Trend.Select(p => (double)p.Persons).ToArray() }];
        _trendFunds = [new() { Name = L["Cockpit.TrendFunds"], Data = _figures.Trend.Select(p => (double)Money.FromYuan(p.Funds).WanRounded).ToArray() }];
        // The same month a year before, where the summaries go back that far.
        if (_figures.Trend.Any(p => p.PersonsLastYear is not null))
        {
            _trendPersons.Add(new() { Name = L["Cockpit.LastYear"], Data = _figures.Trend.Select(p => (double)(p.PersonsLastYear ?? 0)).ToArray() });
            _trendFunds.Add(new() { Name = L["Cockpit.LastYear"], Data = _figures.Trend.Select(p => (double)Money.FromYuan(p.FundsLastYear ?? 0).WanRounded).ToArray() });
        }
        _townshipLabels = _figures.Townships.Select(t => t.Name).ToArray();
        _townshipSeries = [new() { Name = L["Cockpit.FundsWan"], Data = _figures.Townships.Select(t => (double)Money.FromYuan(t.Funds).WanRounded).ToArray() }];
        _updatedAt = DateTime.UtcNow;
    }

    protected async Task LoadStandardsAsync()
    {
        var request = new GetCockpitStandards(Code, _figures.Month ?? Clock.CurrentMonth);
        _standards = await Snapshots.GetAsync(_area?.AreaId, request, () => Sender.Send(request).AsTask());
    }

    protected async Task LoadAlertsAsync()
    {
        var request = new GetCockpitAlerts(Code);
        _alerts = await Snapshots.GetAsync(_area?.AreaId, request, () => Sender.Send(request).AsTask());
        var tracked = new Domain.Features.Roster.GetTrackedGroups(Code, _figures.Month ?? Clock.CurrentMonth);
        _tracked = await Snapshots.GetAsync(_area?.AreaId, tracked, () => Sender.Send(tracked).AsTask());
        var warnings = new Domain.Features.Monitoring.GetWarningSummary(Code);
        _warnings = await Snapshots.GetAsync(_area?.AreaId, warnings, () => Sender.Send(warnings).AsTask());
    }

    protected void OnChanged(IReadOnlySet<ChangeTopic> topics)
    {
        lock (_gate)
        {
            _pending.UnionWith(topics);
            if (_refreshing) return;
            _refreshing = true;
        }
        _ = InvokeAsync(RefreshAsync);
    }

    protected async Task RefreshAsync()
    {
        while (true)
        {
            HashSet<ChangeTopic> topics;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _refreshing = false;
                    return;
                }
                topics = [.. _pending];
                _pending.Clear();
            }
            try
            {
                // Only what the topics feed: figures come from payments (summaries, budget); standards from standards;
                // the alerts from everything.
                if (topics.Contains(ChangeTopic.Payments)) await LoadFiguresAsync();
                if (topics.Contains(ChangeTopic.Standards)) await LoadStandardsAsync();
                await LoadAlertsAsync();
                _updatedAt = DateTime.UtcNow;
                Refreshes++;
                Snapshots.Refreshed();
                StateHasChanged();
            }
            catch (Exception) when (_disposed)
            {
                return;
            }
        }
    }

    protected async Task OnMonthChanged(YearMonth? month)
    {
        _month = month;
        await LoadFiguresAsync();
        await LoadStandardsAsync();
    }

    protected async Task OnGroupChanged(ProgrammeGroup? group)
    {
        _group = group;
        await LoadFiguresAsync();
    }

    protected async Task OnTownshipChanged(int? township)
    {
        _township = township;
        await LoadFiguresAsync();
    }

    protected async Task SetBudgetAsync()
    {
        var year = (_figures.Month ?? Clock.CurrentMonth).Year;
        var parameters = new DialogParameters<Payments.NoteDialog> { { d => d.Label, string.Format(L["Cockpit.BudgetPrompt"], year) }, { d => d.Required, true } };
        var dialog = await Dialogs.ShowAsync<Payments.NoteDialog>(L["Cockpit.SetBudget"], parameters);
        if (await dialog.Result is not { Canceled: false, Data: string text }) return;
        if (!decimal.TryParse(text.Replace(",", "").Replace("万元", "").Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var wan))
        {
            Snackbar.Add(L["Cockpit.BudgetNotANumber"], Severity.Error);
            return;
        }
        var result = await Sender.Send(new SetAnnualBudget(Code, year, Money.RoundHalfUp(wan * Money.YuanPerWan, 2)));
        if (!result.Succeeded) Snackbar.Add(string.Join(" ", result.Errors.Select(e => e.Message)), Severity.Error);
    }

    protected string RosterLink(ProgrammeGroup group) => group switch
    {
        ProgrammeGroup.UrbanDibao => "roster?programme=UrbanDibao",
        ProgrammeGroup.RuralDibao => "roster?programme=RuralDibao",
        ProgrammeGroup.ExtremePoverty => "roster?programme=ExtremePoverty",
        ProgrammeGroup.Disability => "roster?programme=DisabilityLiving",
        ProgrammeGroup.Children => "roster?programme=Orphan",
        _ => "payments/temporary",
    } + (_township is { } t && group != ProgrammeGroup.Temporary ? $"&township={t}" : "");

    protected static string AlertLink(CockpitAlertKind kind) => kind switch
    {
        CockpitAlertKind.RecoveriesOutstanding => "payments/recoveries",
        CockpitAlertKind.BankPaymentsFailed => "payments/bank",
        CockpitAlertKind.ChildAllowancesEnding => "roster?programme=Orphan",
        CockpitAlertKind.ReviewsOverdue => "reviews",
        _ => "payments",
    };

    protected string AlertText(CockpitAlert alert) => string.Format(L[$"Cockpit.Alert.{alert.Kind}"], alert.Count, MoneyFormat.Yuan(alert.Amount), alert.Month);

    // A minus sign (−), not a hyphen, as the bureau's printed figures have it.
    protected static string Signed(int change) => change > 0 ? $"+{change:N0}" : change < 0 ? $"−{-change:N0}" : "0";

    protected static string SignedWan(decimal change) => change > 0 ? "+" + MoneyFormat.WanYuan(change) : change < 0 ? "−" + MoneyFormat.WanYuan(-change) : "0";

    /// <summary>The month as its state is now: "2023-08（预览）" until it is closed, then "2023-08" (the feed refreshes it).</summary>
    protected string MonthLabel(YearMonth month) =>
        month + (_figures.Months.FirstOrDefault(m => m.Month == month)?.IsPreview == true ? L["Cockpit.PreviewSuffix"].Value : "");

    /// <summary>"较上月 −26 人": what the change is against, with its unit.</summary>
    protected string PersonsChangeText(int change) => string.Format(L["Cockpit.PersonsChange"], Signed(change));

    protected string FundsChangeText(decimal change) => string.Format(L["Cockpit.FundsChange"], SignedWan(change));

    /// <summary>A rise or a fall, for its colour (and arrow, so colour is not the only sign).</summary>
    protected static string TrendClass(decimal change) => change > 0 ? "change-up" : change < 0 ? "change-down" : "change-flat";

    private bool _disposed;

    public virtual void Dispose()
    {
        _disposed = true;
        Feed.Changed -= OnChanged;
    }

    // A figure of a month with payments opens the persons behind it, as the payment preview's figures do: a card's or a
    // township's funds (every line paid out), and its 新增 and 停发.
    protected RenderFragment Drill(ProgrammeGroup? group, int? township, PreviewFigure figure, bool any, string text, string testId) => builder =>
    {
        if (!any || _figures.Month is not { } month)
        {
            builder.AddContent(0, text);
            return;
        }
        builder.OpenComponent<MudLink>(1);
        builder.AddAttribute(2, nameof(MudLink.Typo), Typo.inherit);
        builder.AddAttribute(3, nameof(MudLink.Underline), Underline.Always);
        builder.AddAttribute(4, nameof(MudLink.OnClick), EventCallback.Factory.Create<Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this,
            () => OpenDrillAsync(month, group, township ?? _township, figure)));
        builder.AddAttribute(5, "data-testid", testId);
        builder.AddAttribute(6, nameof(MudLink.ChildContent), (RenderFragment)(b => b.AddContent(0, text)));
        builder.CloseComponent();
    };

    protected RenderFragment Movement(ProgrammeGroup group, PreviewFigure figure, int persons, string text) =>
        Drill(group, null, figure, persons > 0, text, $"movement-{group}-{figure}");

    protected async Task OpenDrillAsync(YearMonth month, ProgrammeGroup? group, int? township, PreviewFigure figure)
    {
        var request = new ListPreviewPeople(Code, month, figure, Group: group ?? _group, TownshipId: township);
        var scope = string.Join(" · ", new[]
        {
            month.ToString(),
            (group ?? _group) is { } g ? L[$"Group.{g}"].Value : null,
            township is { } t ? _figures.Townships.FirstOrDefault(x => x.Id == t)?.Name : null,
            L[$"Drill.{figure}"].Value,
        }.Where(x => !string.IsNullOrEmpty(x)));
        await Dialogs.ShowAsync<Payments.PreviewPeopleDialog>(scope,
            new DialogParameters<Payments.PreviewPeopleDialog> { { d => d.Request, request } },
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
    }
}
