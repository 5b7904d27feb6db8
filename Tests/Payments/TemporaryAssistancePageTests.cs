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
            id = await context.TemporaryAssistance.Where(t => t.RevokedAtUtc == null).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var page = Context.Render<TemporaryAssistancePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=revoke-{id}]")));
        Assert.Contains("已撤销", page.Markup); // the demo's case revoked in May

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
}
