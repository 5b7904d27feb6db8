using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.TemporaryAssistance;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;

namespace CivilAffairs.Tests.Payments;

/// <summary>临时救助 by level: the township approves up to its limit, the county above it; an urgent case is paid first and approved after.</summary>
public sealed class TemporaryApprovalLevelTests : IAsyncLifetime
{
    private static readonly YearMonth November = new(2026, 11);
    private TestDatabase _db = default!;
    private int _household;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _household = await new RosterBuilder(_db).RegisterAsync(November, ProgrammeCatalogue.UrbanDibaoA, Residence.Urban, "东江街道");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private RecordTemporaryAssistance Case(decimal amount, bool urgent = false) => new()
    {
        HouseholdId = _household, Month = November, Amount = amount, Reason = "火灾", Urgent = urgent,
        ApprovalNumber = urgent ? "" : "东民临〔2026〕3号", ApprovedBy = urgent ? "" : "王主任",
    };

    [Fact]
    public async Task A_township_approves_up_to_its_limit_and_the_county_above_it()
    {
        Assert.True((await _db.SendAsAsync("dongjiang", Case(3_000m))).Succeeded);
        var above = await _db.SendAsAsync("dongjiang", Case(3_000.01m));
        Assert.Equal("超过乡镇（街道）审批限额 3,000.00 元，须由县级民政部门审批。", Assert.Single(above.Errors).Message);
        Assert.True((await _db.SendAsync(Case(8_000m), Roles.Caseworker)).Succeeded);
    }

    [Fact]
    public async Task An_urgent_case_is_paid_first_and_its_approval_completed_after_once()
    {
        // Not urgent, a case names its approval.
        var unapproved = Case(1_500m);
        unapproved.ApprovalNumber = "";
        var refused = await _db.SendAsAsync("dongjiang", unapproved);
        Assert.Contains("审批", Assert.Single(refused.Errors).Message);

        var urgent = await _db.SendAsAsync("dongjiang", Case(2_000m, urgent: true));
        Assert.True(urgent.Succeeded, string.Join("；", urgent.Errors.Select(e => e.Message)));
        var row = (await _db.SendAsAsync("dongjiang", new ListTemporaryAssistance(RosterBuilder.Bureau))).Rows.Single(r => r.Id == urgent.Value);
        Assert.Equal((true, false), (row.AwaitingCompletion, row.CompletionOverdue));
        _db.Clock.Now = _db.Clock.Now.AddDays(6);     // past the five days of TemporaryAssistance:CompletionDays
        row = (await _db.SendAsAsync("dongjiang", new ListTemporaryAssistance(RosterBuilder.Bureau))).Rows.Single(r => r.Id == urgent.Value);
        Assert.True(row.CompletionOverdue);

        Assert.True((await _db.SendAsAsync("dongjiang", new CompleteTemporaryAssistance(urgent.Value, "东民临〔2026〕9号", "王主任"))).Succeeded);
        var again = await _db.SendAsAsync("dongjiang", new CompleteTemporaryAssistance(urgent.Value, "东民临〔2026〕9号", "王主任"));
        Assert.Equal("该临时救助不是待补办审批的急难救助。", Assert.Single(again.Errors).Message);
        row = (await _db.SendAsAsync("dongjiang", new ListTemporaryAssistance(RosterBuilder.Bureau))).Rows.Single(r => r.Id == urgent.Value);
        Assert.Equal(("东民临〔2026〕9号", false), (row.ApprovalNumber, row.AwaitingCompletion));
    }
}
