using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilAffairs.Tests.Support;

/// <summary>How the browser tests work MudBlazor's controls the way a clerk does, waiting for each round trip.</summary>
public static class MudControls
{
    /// <summary>Opens a select and picks the option with this text.</summary>
    public static async Task Choose(IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        // The choice has made its round trip once the list has closed: typing before that can be overwritten by its re-render.
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Types into a field and leaves it, so the circuit receives the value at once: a re-render still in flight from an
    /// earlier action (busy 2-core CI) would otherwise put the old value back before the field's change event is sent.
    /// </summary>
    public static async Task Type(IPage page, string testId, string value)
    {
        var field = page.Locator($"[data-testid={testId}]");
        await field.FillAsync(value);
        await field.PressAsync("Tab");
        await Expect(field).ToHaveValueAsync(value);
    }
}
