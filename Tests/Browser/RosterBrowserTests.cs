using System.Text.RegularExpressions;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static CivilAffairs.Tests.Support.MudControls;

namespace CivilAffairs.Tests.Browser;

/// <summary>A caseworker's day with one household, in the browser.</summary>
public sealed partial class RosterBrowserTests
{
    [GeneratedRegex(@"/roster/households/\d+$")]
    private static partial Regex HouseholdPage();

    [SkippableFact]
    public async Task Add_a_household_find_it_change_its_tier_stop_it_and_read_the_timeline()
    {
        await using var browser = await BrowserSession.StartAsync();
        var (baseAddress, context) = (browser.BaseAddress, browser.Context);

        var page = await SignIn.InBrowserAsync(context, baseAddress, "caseworker", returnUrl: "/roster/new");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await Choose(page, "register-community", "三都镇 · 流华湾村");
        await Type(page, "register-address", "三都镇流华湾村 5 组 12 号");
        await Choose(page, "register-variant", "农村低保 A类");
        await Type(page, "member0-name", "测试户主");
        await Type(page, "member0-id", IdNumber.Compose("431081", new DateOnly(1962, 4, 8), 311).Value);
        await page.Locator("[data-testid=register-add-member]").ClickAsync();
        await Type(page, "member1-name", "测试配偶");
        await Type(page, "member1-id", IdNumber.Compose("431081", new DateOnly(1964, 10, 1), 322).Value);
        await Expect(page.Locator("[data-testid=register-address]")).ToHaveValueAsync("三都镇流华湾村 5 组 12 号");
        await page.Locator("[data-testid=register-save]").ClickAsync();

        await Expect(page).ToHaveURLAsync(HouseholdPage());
        await Expect(page.Locator("[data-testid=household-dibao]")).ToHaveTextAsync("农村低保 A类");
        await Expect(page.Locator("[data-testid=member-row]")).ToHaveCountAsync(2);

        await page.GotoAsync($"{baseAddress}/roster");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=filter-name]").FillAsync("测试");
        await page.Locator("[data-testid=roster-search]").ClickAsync();
        await Expect(page.Locator("[data-testid=roster-name]")).ToHaveTextAsync(["测试户主", "测试配偶"]);
        await page.Locator("[data-testid=roster-name]").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(HouseholdPage());

        await page.Locator("[data-testid=action-tier]").ClickAsync();
        await Choose(page, "change-variant", "农村低保 B类");
        await page.Locator("[data-testid=change-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=household-dibao]")).ToHaveTextAsync("农村低保 B类");

        await page.Locator("[data-testid=action-stop]").ClickAsync();
        await page.Locator("[data-testid=change-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=change-dialog]")).ToContainTextAsync("请选择停发原因"); // no reason is chosen for the clerk
        await Choose(page, "change-reason", "收入超过保障标准");
        await page.Locator("[data-testid=change-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=household-status]")).ToHaveTextAsync("已停发");

        var timeline = page.Locator("[data-testid=timeline-entry]");
        await Expect(timeline).ToHaveCountAsync(3);
        await Expect(timeline.Nth(0)).ToContainTextAsync("停发：收入超过保障标准");
        await Expect(timeline.Nth(1)).ToContainTextAsync("调档：农村低保 A类 → 农村低保 B类");
        await Expect(timeline.Nth(2)).ToContainTextAsync("新增：户主 测试户主，共 2 人，农村低保 A类");
    }
}
