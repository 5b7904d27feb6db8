using Bunit;
using CivilAffairs.Dashboard.Components.Pages.Roster;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Roster;

/// <summary>更正 on the household page: a member's mistyped ID number, the settlement shown before saving, then saved.</summary>
public sealed class CorrectionDialogTests : ComponentTestContext
{
    protected override string Role => Roles.Caseworker;

    private static readonly YearMonth Jan = new(2023, 1), Jun = new(2023, 6);

    private AngleSharp.Dom.IElement Field(string testId) =>
        Dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input, textarea[data-testid={testId}], [data-testid={testId}] textarea");

    [Fact]
    public async Task A_caseworker_corrects_an_ID_number_sees_the_back_pay_by_month_and_saves_it_with_a_reason()
    {
        var roster = new RosterBuilder(Database);
        var household = await roster.RegisterAsync(Jan, null, members:
        [
            new MemberInput { Name = "张建国", IdNumber = IdNumber.Compose("431081", new DateOnly(1962, 4, 8), 31).Value, Relationship = Relationship.Head },
            new MemberInput { Name = "张小明", IdNumber = IdNumber.Compose("431081", new DateOnly(2005, 3, 10), 51).Value, Relationship = Relationship.Grandchild },
        ]);
        await roster.EnrollAsync(household, "张小明", ProgrammeCatalogue.OrphanScattered, Jan);
        await roster.CloseThroughAsync(Jan, Jun);
        var child = await roster.PersonAsync(household, "张小明");

        var page = Context.Render<HouseholdPage>(p => p.Add(x => x.Id, household));
        page.WaitForAssertion(() => page.Find($"[data-testid=correct-member-{child}]"));
        page.Find($"[data-testid=correct-member-{child}]").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=correction-preview]"));
        Assert.True(Dialogs.Find("[data-testid=correction-save]").HasAttribute("disabled")); // nothing saved unseen

        Field("correct-id").Input(IdNumber.Compose("431081", new DateOnly(2006, 3, 10), 51).Value);
        Dialogs.Find("[data-testid=correction-preview]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("请填写原因", Dialogs.Markup));

        Field("correct-reason").Input("身份证号出生年份录错");
        Dialogs.Find("[data-testid=correction-preview]").Click();
        Dialogs.WaitForAssertion(() => Assert.Equal(3, Dialogs.FindAll("[data-testid=settlement-line]").Count));
        Assert.Contains("将在 2023-07 发放中结算：补发", Dialogs.Find("[data-testid=correction-settlement-summary]").TextContent);
        Assert.Contains("身份证号", Dialogs.Find("[data-testid=correction-changes]").TextContent);
        await using (var context = Database.NewContext())
            Assert.Equal(2005, (await context.Persons.SingleAsync(p => p.Id == child)).BirthDate.Year);

        Dialogs.Find("[data-testid=correction-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("更正：张小明：身份证号", page.Find("[data-testid=timeline]").TextContent));
        await using var after = Database.NewContext();
        Assert.Equal(2006, (await after.Persons.SingleAsync(p => p.Id == child)).BirthDate.Year);
        Assert.True(await after.RetroactiveChanges.AnyAsync(r => r.HouseholdId == household));
    }

    [Fact]
    public async Task A_stopped_household_is_restored_from_its_page_with_a_reason()
    {
        var roster = new RosterBuilder(Database);
        var household = await roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        Assert.True((await Database.SendAsync(new StopHousehold { HouseholdId = household, Month = Jan.Next, Reason = StopReason.IncomeAboveLine }, Role)).Succeeded);

        var page = Context.Render<HouseholdPage>(p => p.Add(x => x.Id, household));
        page.WaitForAssertion(() => page.Find("[data-testid=action-restore]"));
        page.Find("[data-testid=action-restore]").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=change-save]"));
        Field("change-note").Input("误停");
        Dialogs.Find("[data-testid=change-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("在保", page.Find("[data-testid=household-status]").TextContent.Trim()));
        Assert.Contains("恢复：农村低保 A类（原因：误停）", page.Find("[data-testid=timeline]").TextContent);
    }

    [Fact]
    public async Task A_stop_made_in_error_is_undone_from_the_timeline_and_stays_on_it_struck_through()
    {
        var roster = new RosterBuilder(Database);
        var household = await roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        Assert.True((await Database.SendAsync(new StopHousehold { HouseholdId = household, Month = Jan.Next, Reason = StopReason.IncomeAboveLine }, Role)).Succeeded);

        var page = Context.Render<HouseholdPage>(p => p.Add(x => x.Id, household));
        page.WaitForAssertion(() => page.Find("[data-testid=action-undo]"));
        Assert.Single(page.FindAll("[data-testid=action-undo]")); // the latest change only
        page.Find("[data-testid=action-undo]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("停发", Dialogs.Find("[data-testid=undo-change]").TextContent));
        Dialogs.Find("[data-testid=change-save]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("请填写原因", Dialogs.Markup));
        Field("change-note").Input("停错了户");
        Dialogs.Find("[data-testid=change-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("在保", page.Find("[data-testid=household-status]").TextContent.Trim()));
        Assert.Contains("撤销：停发", page.Find("[data-testid=timeline]").TextContent);
        Assert.Contains("停错了户", page.Find("[data-testid=timeline]").TextContent);
        Assert.Single(page.FindAll("[data-testid=timeline-undone]"));
        Assert.Empty(page.FindAll("[data-testid=action-undo]"));
    }
}
