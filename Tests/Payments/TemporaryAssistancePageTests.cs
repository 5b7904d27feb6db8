using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Payments;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Payments;

/// <summary>撤销 on the temporary assistance page, over the demo's closed months: a reason is required, the next run recovers.</summary>
public sealed class TemporaryAssistancePageTests : ComponentTestContext
{
    protected override string Role => Roles.Caseworker;
    protected override bool WithDemoData => true;

    [Fact]
    public async Task A_caseworker_revokes_a_paid_case_with_a_reason_and_the_next_run_is_told_to_recover_it()
    {
        int id;
        await using (var context = Database.NewContext())
            id = await context.TemporaryAssistance.Where(t => t.RevokedAtUtc == null).OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
        var page = Context.Render<TemporaryAssistancePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=revoke-{id}]"))); // the newest cases come first

        page.Find($"[data-testid=revoke-{id}]").Click();
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("[data-testid=note-confirm]")));
        Dialogs.Find("[data-testid=note-confirm]").Click();
        Assert.NotEmpty(Dialogs.FindAll("[data-testid=note-confirm]"));
        Dialogs.Find("textarea[data-testid=note], [data-testid=note] textarea").Change("重复申领");
        Dialogs.Find("[data-testid=note-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("重复申领", page.Find($"[data-testid=revocation-{id}]").TextContent));
        await using var after = Database.NewContext();
        var revoked = await after.TemporaryAssistance.SingleAsync(t => t.Id == id);
        Assert.Equal("重复申领", revoked.RevocationReason);
        Assert.True(await after.RetroactiveChanges.AnyAsync(r => r.HouseholdId == revoked.HouseholdId && r.FromMonth == revoked.Month));
    }

    [Fact]
    public async Task The_page_lists_fifty_cases_at_a_time_with_the_totals_of_all_and_marks_itself_open()
    {
        int total;
        await using (var context = Database.NewContext()) total = await context.TemporaryAssistance.CountAsync();
        Assert.True(total > 50);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("payments/temporary");

        var page = Context.Render<TemporaryAssistancePage>();

        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("[data-testid=temporary-table] tbody tr").Count));
        Assert.Contains($"1–50 / 共 {total} 件", page.Markup);
        Assert.Contains($"共 {total} 件", page.Find("[data-testid=temporary-total]").TextContent);
        Assert.Equal("page", page.Find("[data-testid=nav-temporary]").GetAttribute("aria-current"));
        Assert.Null(page.Find("[data-testid=nav-bank]").GetAttribute("aria-current"));
    }

    [Fact]
    public async Task A_case_is_entered_from_the_page_by_finding_the_household()
    {
        string name;
        int household;
        await using (var context = Database.NewContext())
        {
            var head = await context.Persons.Where(p => p.Relationship == CivilAffairs.Domain.Roster.Relationship.Head).OrderBy(p => p.Id).FirstAsync();
            (name, household) = (head.Name, head.HouseholdId);
        }
        var page = Context.Render<TemporaryAssistancePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=new-temporary]"));

        page.Find("[data-testid=new-temporary]").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=find-text]"));
        Dialogs.Find("input[data-testid=find-text], [data-testid=find-text] input").Input(name);
        Dialogs.Find("[data-testid=find-search]").Click();
        Dialogs.WaitForAssertion(() => Assert.True(Dialogs.FindAll($"[data-testid=find-{household}]").Count > 0, Dialogs.Markup));
        Dialogs.Find($"[data-testid=find-{household}]").Click();

        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=temporary-save]"));
        Assert.Empty(Dialogs.FindAll("[data-testid=find-household]"));
        // Fields that are not Immediate take their value on change.
        void Type(string testId, string text) => Dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input, textarea[data-testid={testId}], [data-testid={testId}] textarea").Change(text);
        Type("temporary-amount", "800");
        Type("temporary-reason", "房屋失火");
        Type("temporary-approval", "临救2023-099");
        Type("temporary-approver", "王局长");
        Dialogs.Find("[data-testid=temporary-save]").Click();

        await using var after = Database.NewContext();
        page.WaitForAssertion(() => Assert.Contains("临救2023-099", page.Markup));
        Assert.True(await after.TemporaryAssistance.AnyAsync(t => t.HouseholdId == household && t.ApprovalNumber == "临救2023-099"));
    }
}
