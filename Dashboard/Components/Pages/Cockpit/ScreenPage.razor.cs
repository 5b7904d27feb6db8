using Microsoft.AspNetCore.Components;

namespace CivilAffairs.Dashboard.Components.Pages.Cockpit;

/// <summary>
/// The cockpit on the meeting-room screen: the same figures and the same live refresh, laid out for 1920×1080 with no
/// scrolling, large type, bars with their values written on them, dark or light. More streets/townships than fit turn
/// page every fifteen seconds.
/// </summary>
public partial class ScreenPage
{
    /// <summary>Rows of townships one screen holds at 1080 pixels.</summary>
    private const int PageSize = 16;

    [SupplyParameterFromQuery(Name = "theme")] public string? ThemeQuery { get; set; }

    private bool _dark = true;
    private int _page;
    private Timer? _turn;

    private int TownshipPages => Math.Max(1, (_figures.Townships.Count + PageSize - 1) / PageSize);

    protected override async Task OnInitializedAsync()
    {
        _dark = ThemeQuery != "light";
        await base.OnInitializedAsync();
        _turn = new Timer(_ => InvokeAsync(() =>
        {
            if (TownshipPages <= 1) return;
            _page = (_page + 1) % TownshipPages;
            StateHasChanged();
        }), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
    }

    // A bar's label short enough for twelve bars side by side: one decimal of 万元 at a county's size, all four below 100.
    private static string BarValue(decimal yuan, decimal top) =>
        Domain.Common.Money.FromYuan(yuan).WanRounded.ToString(top >= 1_000_000m ? "N1" : "N4");

    private static int Percent(decimal value, decimal top) => top <= 0 ? 0 : (int)Math.Round(Math.Max(0m, value) / top * 100m);

    public override void Dispose()
    {
        _turn?.Dispose();
        base.Dispose();
    }
}
