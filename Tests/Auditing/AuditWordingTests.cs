using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CivilAffairs.Tests.Auditing;

/// <summary>
/// The auditor's finding: entity, field and value names in English, GUIDs as the object of a sign-in, temporary keys
/// (<c>Id: ∅ → -2147482647</c>). The log and its export now read as the pages do, and filter to one household's history.
/// </summary>
public sealed class AuditWordingTests : IAsyncLifetime
{
    private static readonly YearMonth Jan = new(2023, 1);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_household_s_history_reads_in_Chinese_with_real_keys_and_names_of_the_staff()
    {
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        var other = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB);
        await _roster.ComputeAsync(Jan);

        var page = await _db.SendAsync(new SearchAudit(HouseholdId: household, PageSize: 100), Roles.Admin);

        Assert.Equal(new HashSet<string> { "动态管理记录", "成员", "户", "救助记录" }, page.Records.Select(r => r.Entity).ToHashSet());
        var created = page.Records.Single(r => r.EntityType == "Household");
        Assert.Equal(household.ToString(), created.EntityKey);
        Assert.Contains(created.Changes, c => c.Field == "家庭住址" && c.New == "3 组 12 号");
        Assert.Contains(created.Changes, c => c.Field == "户状态" && c.New == "在保");
        Assert.Contains(created.Changes, c => c.Field == "纳入月份" && c.New == "2023-01");
        Assert.Contains(created.Changes, c => c.Field == "户籍类别" && c.New == "农村");
        Assert.Contains(created.Changes, c => c.Field == "编号" && c.New == household.ToString()); // not a placeholder
        var enrollment = page.Records.Single(r => r.EntityType == "Enrollment");
        Assert.Contains(enrollment.Changes, c => c.Field == "救助项目" && c.New == "农村低保 A类");
        Assert.Contains(enrollment.Changes, c => c.Field == "户编号" && c.New == household.ToString());
        var members = page.Records.Where(r => r.EntityType == "Person").ToList();
        Assert.All(members, m => Assert.Contains(m.Changes, c => c.Field == "户编号" && c.New == household.ToString()));
        Assert.All(members, m => Assert.Contains(m.Changes, c => c.Field == "身份证号" && c.New!.Contains("**********")));
        Assert.All(page.Records, r => Assert.DoesNotContain(r.Changes, c => (c.New ?? "").StartsWith("-21474")));
        Assert.All(page.Records, r => Assert.Matches(@"^\S+（caseworker）$", r.User));
        Assert.DoesNotContain(page.Records, r => r.Changes.Any(c => c.New == other.ToString() && c.Field == "户编号"));

        var months = await _db.SendAsync(new SearchAudit(EntityType: "PaymentMonth", PageSize: 10), Roles.Admin);
        Assert.Contains(months.Records.SelectMany(r => r.Changes), c => c.Field == "状态" && c.New == "已计算");
        Assert.Contains(months.Records.SelectMany(r => r.Changes), c => c.Field == "发放金额" && c.New!.EndsWith(" 元"));
    }

    [Fact]
    public async Task A_sign_in_names_the_account_holder_and_the_export_keeps_the_page_s_words()
    {
        var user = await _db.PrincipalOfAsync(Roles.Caseworker);
        await _db.Services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent(AuditAction.SignIn, user.UserName, "Account", user.UserId, null));
        var household = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);

        var signIn = Assert.Single((await _db.SendAsync(new SearchAudit(Action: AuditAction.SignIn), Roles.Admin)).Records);
        Assert.Equal("登录", signIn.Entity);
        Assert.Equal(signIn.User, signIn.Subject);
        Assert.DoesNotContain(user.UserId!, signIn.Subject);

        using var log = new MemoryStream();
        Assert.True((await _db.SendAsync(new ExportAuditLog(new SearchAudit(HouseholdId: household), log), Roles.Admin)).Succeeded);
        log.Position = 0;
        var rows = log.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = rows.Single(r => (string?)r["对象"] == "户");
        Assert.Contains("家庭住址：— → 3 组 12 号", (string)row["变更"]!);
        Assert.EndsWith("（caseworker）", (string)row["用户"]!);
        Assert.All(rows, r => Assert.Contains((string)r["对象"]!, new[] { "户", "成员", "救助记录", "动态管理记录" }));
    }
}
