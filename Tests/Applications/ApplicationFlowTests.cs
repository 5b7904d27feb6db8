using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Applications;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Applications;

/// <summary>
/// The three-level review through the mediator against SQLite: a village takes the file, the township visits, reviews and
/// posts it, the county decides; only the decision writes the roster, and only after the posting with its objections answered.
/// </summary>
public sealed class ApplicationFlowTests : IAsyncLifetime
{
    private const string Village = "binhu";            // 滨湖社区 (东江街道)
    private const string TownshipClerk = "dongjiang";
    private const string TownshipReviewer = "dongjiang-review";
    private const string County = "approver";
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;
    private int _binhu;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
        await using var context = _db.NewContext();
        _binhu = await context.Areas.Where(a => a.Name == "滨湖社区").Select(a => a.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static void Ok(IResult result) => Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));

    private ReceiveApplication Dibao(params MemberInput[] members) => new()
    {
        CommunityId = _binhu, Address = "滨湖社区 3 栋 201", Residence = Residence.Urban, VariantCode = ProgrammeCatalogue.UrbanDibaoB,
        Documents = "申请书、身份证、户口簿、收入证明",
        Members = members.Length > 0 ? [.. members] : [_roster.Member("周志明", Relationship.Head), _roster.Member("吴桂兰", Relationship.Spouse, female: true)],
    };

    /// <summary>受理 by the village, 入户调查 by the township clerk, 初审 by the township's reviewer, posted from today.</summary>
    private async Task<(int Application, int Posting)> PostedAsync(ReceiveApplication? request = null, string? proposed = null)
    {
        var received = await _db.SendAsAsync(Village, request ?? Dibao());
        Ok(received);
        Ok(await _db.SendAsAsync(TownshipClerk, Visit(received.Value)));
        Ok(await _db.SendAsAsync(TownshipReviewer, new ReviewApplication(received.Value, true, proposed)));
        var posting = await _db.SendAsAsync(TownshipReviewer, new PublishPosting(_binhu, PostingKind.Proposal, _db.Clock.Today));
        Ok(posting);
        return (received.Value, posting.Value);
    }

    private InvestigateApplication Visit(int id) => new()
    {
        ApplicationId = id, VisitedOn = _db.Clock.Today, Visitors = "王丽、陈刚", Findings = "夫妻均患慢性病，无固定收入",
        DeclaredMonthlyIncome = 300m, Verification = "无车辆、无商品房、无工商登记",
    };

    private void PostingPeriodPasses() => _db.Clock.Now = _db.Clock.Now.AddDays(8);

    [Fact]
    public async Task A_village_application_reaches_the_roster_only_by_the_county_s_approval_after_the_posting()
    {
        var (id, postingId) = await PostedAsync(proposed: ProgrammeCatalogue.UrbanDibaoC);
        await using (var context = _db.NewContext())
            Assert.False(await context.Persons.AnyAsync(p => p.Name == "周志明"));  // an application is not on the roster

        var early = await _db.SendAsAsync(County, new DecideApplication(id, true, new YearMonth(2026, 11)));
        Assert.Contains("公示期至 2026-11-21 结束", Assert.Single(early.Errors).Message);

        PostingPeriodPasses();
        var decided = await _db.SendAsAsync(County, new DecideApplication(id, true, new YearMonth(2026, 11), SpotCheck: "抽查入户，情况属实"));
        Ok(decided);

        var household = (await _db.SendAsync(new GetHousehold(decided.Value!.Value), Roles.Caseworker))!;
        Assert.Equal("滨湖社区", household.Community);
        Assert.Equal(["吴桂兰", "周志明"], household.Members.Select(m => m.Name).Order());
        // The household's timeline carries the file's path, so its history starts where the application did.
        Assert.Contains(household.Timeline, t => t.Description.StartsWith($"经申请 #{id} 审核确认：2026-11-15 受理（binhu）") && t.Description.Contains("公示 2026-11-15 至 2026-11-21"));
        var file = (await _db.SendAsAsync(County, new GetApplication(id)))!;
        Assert.Equal(ApplicationStage.Approved, file.Stage);
        Assert.Equal("城市低保 C类", file.Approved);          // the tier the township proposed
        Assert.Equal(household.Id, file.HouseholdId);
        Assert.Equal(postingId, file.PostingId);
        Assert.Equal(["受理", "入户调查", "初审通过", "公示", "审核确认"], file.Steps.Select(s => s.Text.Split('：', '，', '（')[0]));
        Assert.All(file.Members, m => Assert.Contains("*", m.IdNumber));

        // The first payment line: the month's run pays the household at the approved tier.
        Ok(await _db.SendAsync(new ComputePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = new YearMonth(2026, 11) }, Roles.Caseworker));
        await using (var context = _db.NewContext())
        {
            var lines = await context.PaymentLines.Where(l => l.HouseholdId == household.Id).ToListAsync();
            Assert.Equal(2, lines.Count);
            Assert.All(lines, l => Assert.Equal(ProgrammeCatalogue.UrbanDibaoC, l.VariantCode));
            var audit = await context.AuditRecords.Where(r => r.Reason == $"审核确认 申请#{id}").Select(r => r.EntityType).ToListAsync();
            Assert.Contains("Household", audit);
            Assert.Contains("AssistanceApplication", audit);
        }
    }

    [Fact]
    public async Task Whoever_entered_or_first_reviewed_a_file_cannot_approve_it()
    {
        // The county takes a walk-in file and reviews it itself: it may not then approve it.
        var received = await _db.SendAsAsync(County, Dibao());
        Ok(received);
        Ok(await _db.SendAsAsync(TownshipClerk, Visit(received.Value)));
        Ok(await _db.SendAsAsync(TownshipReviewer, new ReviewApplication(received.Value, true)));
        Ok(await _db.SendAsAsync(TownshipReviewer, new PublishPosting(_binhu, PostingKind.Proposal, _db.Clock.Today)));
        PostingPeriodPasses();

        var own = await _db.SendAsAsync(County, new DecideApplication(received.Value, true, new YearMonth(2026, 11)));
        Assert.Equal("受理、入户调查或初审本申请的人员不能审核确认本申请（审批分离）。", Assert.Single(own.Errors).Message);

        // The township's reviewer may not decide a dibao file at all (the county's), and, once entrusted, not one it reviewed.
        var township = await _db.SendAsAsync(TownshipReviewer, new DecideApplication(received.Value, true, new YearMonth(2026, 11)));
        Assert.Contains("由县级民政部门办理", Assert.Single(township.Errors).Message);
        _db.Services.GetRequiredService<ApplicationPolicy>().EntrustedToTownship.Add(nameof(Programme.UrbanDibao));
        try
        {
            var entrusted = await _db.SendAsAsync(TownshipReviewer, new DecideApplication(received.Value, true, new YearMonth(2026, 11)));
            Assert.Contains("审批分离", Assert.Single(entrusted.Errors).Message);
        }
        finally
        {
            _db.Services.GetRequiredService<ApplicationPolicy>().EntrustedToTownship.Clear();
        }
        await using var context = _db.NewContext();
        Assert.False(await context.Households.AnyAsync());
    }

    [Fact]
    public async Task An_open_objection_holds_the_file_until_it_is_answered()
    {
        var (id, _) = await PostedAsync();
        Ok(await _db.SendAsAsync(TownshipReviewer, new RecordObjection(id, _db.Clock.Today, "有群众反映其子女在外经商")));
        PostingPeriodPasses();

        var held = await _db.SendAsAsync(County, new DecideApplication(id, true, new YearMonth(2026, 11)));
        Assert.Contains("还有 1 条公示异议未处理", Assert.Single(held.Errors).Message);
        var list = await _db.SendAsAsync(TownshipReviewer, new ListApplications(RosterBuilder.Bureau));
        Assert.Equal("待处理 1 条异议", Assert.Single(list.Rows).WaitingFor);

        var objection = (await _db.SendAsAsync(County, new GetApplication(id)))!.Objections.Single();
        Ok(await _db.SendAsAsync(TownshipReviewer, new ResolveObjection(id, objection.Id, "经核实，子女已分户且无经营收入，反映不属实")));
        Ok(await _db.SendAsAsync(County, new DecideApplication(id, true, new YearMonth(2026, 11))));
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_puts_no_one_on_the_roster()
    {
        var received = await _db.SendAsAsync(Village, Dibao());
        Ok(await _db.SendAsAsync(TownshipClerk, Visit(received.Value)));

        var bare = await _db.SendAsAsync(TownshipReviewer, new ReviewApplication(received.Value, false));
        Assert.Equal("请填写原因。", Assert.Single(bare.Errors).Message);
        Ok(await _db.SendAsAsync(TownshipReviewer, new ReviewApplication(received.Value, false, Reason: "家庭人均收入高于低保标准")));

        var file = (await _db.SendAsAsync(Village, new GetApplication(received.Value)))!;
        Assert.Equal(ApplicationStage.Rejected, file.Stage);
        Assert.Equal("家庭人均收入高于低保标准", file.RejectionReason);
        Assert.Empty((await _db.SendAsAsync(Village, new ListApplications(RosterBuilder.Bureau))).Rows);
        // Nothing for the posting either: the proposals are what passed 初审.
        var posting = await _db.SendAsAsync(TownshipReviewer, new PublishPosting(_binhu, PostingKind.Proposal, _db.Clock.Today));
        Assert.Equal("没有可公示的申请。", Assert.Single(posting.Errors).Message);
    }

    [Fact]
    public async Task The_duplicate_check_at_receipt_looks_across_the_whole_county_and_names_no_one_outside_the_area()
    {
        // 三都镇 (another township) has 张建国 on its roster; 东江 has a household of its own.
        var sandu = await _roster.RegisterAsync(new YearMonth(2026, 11), ProgrammeCatalogue.RuralDibaoA);
        var sanduHead = (await _db.SendAsync(new GetHousehold(sandu), Roles.Caseworker))!.Members.First();
        var sanduId = await IdNumberOfAsync(sanduHead.Id);

        var elsewhere = await _db.SendAsAsync(Village, Dibao(new MemberInput { Name = "张建国", IdNumber = sanduId, Relationship = Relationship.Head }));
        var error = Assert.Single(elsewhere.Errors);
        Assert.Equal($"身份证号 {Masking.Mask(sanduId)} 已在本县其他乡镇（街道）在册，请由其所在乡镇（街道）办理。", error.Message);
        Assert.DoesNotContain("户 #", error.Message);

        var found = await _db.SendAsAsync(Village, new CheckApplicants(ProgrammeCatalogue.UrbanDibaoB, [sanduId]));
        Assert.Equal(error.Message, Assert.Single(found));

        var first = Dibao();
        Ok(await _db.SendAsAsync(Village, first));
        var again = await _db.SendAsAsync(TownshipClerk, first);
        Assert.All(again.Errors, e => Assert.Contains("已在另一份未办结的同类申请", e.Message));
        Assert.Equal(2, again.Errors.Count);
    }

    [Fact]
    public async Task A_per_person_programme_for_someone_on_the_roster_enrols_them_in_their_own_household()
    {
        var community = await _roster.CommunityAsync("东江街道");
        var result = await _db.SendAsync(new RegisterHousehold
        {
            CommunityId = community, Address = "东江路 8 号", Residence = Residence.Urban, VariantCode = ProgrammeCatalogue.UrbanDibaoA,
            Month = new YearMonth(2026, 11), Members = [_roster.Member("刘大山", Relationship.Head, grade: DisabilityGrade.One)],
        }, Roles.Caseworker);
        Ok(result);
        var person = (await _db.SendAsync(new GetHousehold(result.Value), Roles.Caseworker))!.Members.Single();
        var idNumber = await IdNumberOfAsync(person.Id);

        var received = await _db.SendAsAsync(TownshipClerk, new ReceiveApplication
        {
            CommunityId = community, Address = "东江路 8 号", Residence = Residence.Urban, VariantCode = ProgrammeCatalogue.DisabilityNursing,
            BeneficiaryIdNumber = idNumber, Documents = "申请表、残疾人证",
            Members = [new MemberInput { Name = "刘大山", IdNumber = idNumber, Relationship = Relationship.Head, DisabilityGrade = DisabilityGrade.One }],
        });
        Ok(received);
        Ok(await _db.SendAsAsync(TownshipClerk, Visit(received.Value)));
        Ok(await _db.SendAsAsync(TownshipReviewer, new ReviewApplication(received.Value, true)));
        Ok(await _db.SendAsAsync(TownshipReviewer, new PublishPosting(community, PostingKind.Proposal, _db.Clock.Today)));
        PostingPeriodPasses();
        var decided = await _db.SendAsAsync(County, new DecideApplication(received.Value, true, new YearMonth(2026, 12)));
        Ok(decided);

        Assert.Equal(result.Value, decided.Value);
        var household = (await _db.SendAsync(new GetHousehold(result.Value), Roles.Caseworker))!;
        Assert.Single(household.Members);
        Assert.Contains(household.Enrollments, e => e.VariantCode == ProgrammeCatalogue.DisabilityNursing && e.FromMonth == new YearMonth(2026, 12));
    }

    [Fact]
    public async Task Payment_starts_no_earlier_than_the_next_open_month()
    {
        var (id, _) = await PostedAsync();
        PostingPeriodPasses();
        var early = await _db.SendAsAsync(County, new DecideApplication(id, true, new YearMonth(2026, 10)));
        Assert.Contains("批准后从 2026-11 起发放", Assert.Single(early.Errors).Message);
        await using var context = _db.NewContext();
        Assert.Equal(ApplicationStage.Posted, (await context.Applications.SingleAsync()).Stage);
    }

    [Fact]
    public async Task A_posting_is_masked_never_changes_and_is_corrected_by_a_new_one()
    {
        var (id, postingId) = await PostedAsync();
        var sheet = (await _db.SendAsAsync(TownshipReviewer, new GetPosting(postingId)))!;
        var line = Assert.Single(sheet.Lines);
        Assert.Equal("周*明", line.Name);
        Assert.Contains("********", line.IdNumber);
        Assert.Equal(2, line.HouseholdSize);
        Assert.Equal("东江街道滨湖社区最低生活保障等救助拟保障对象公示", sheet.Title);
        Assert.Equal(sheet.StartsOn.AddDays(6), sheet.EndsOn);
        Assert.Equal(new ApplicationPolicy().SupervisionTelephone, sheet.Telephone);
        Assert.True(line.MonthlyAmount > 0);

        await using (var context = _db.NewContext())
        {
            var posting = await context.Postings.SingleAsync();
            context.Entry(posting).Property(nameof(Posting.Days)).CurrentValue = 3;
            await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        }

        _db.Clock.Now = _db.Clock.Now.AddDays(2);
        var correction = await _db.SendAsAsync(TownshipReviewer, new PublishPosting(_binhu, PostingKind.Proposal, _db.Clock.Today, CorrectsId: postingId));
        Ok(correction);
        var file = (await _db.SendAsAsync(County, new GetApplication(id)))!;
        Assert.Equal(correction.Value, file.PostingId);
        Assert.Equal(_db.Clock.Today.AddDays(6), file.PostingEndsOn);    // the period starts again
        var postings = await _db.SendAsAsync(TownshipReviewer, new ListPostings(RosterBuilder.Bureau));
        Assert.Equal(correction.Value, postings.Single(p => p.Id == postingId).CorrectedById);

        using var excel = new MemoryStream();
        Ok(await _db.SendAsAsync(TownshipReviewer, new ExportPosting(correction.Value, excel)));
        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(excel.ToArray()));
        var ws = book.Worksheets.First();
        Assert.Equal(sheet.Title, ws.Cell(1, 1).GetString());
        Assert.Equal("周*明", ws.Cell(5, 2).GetString());
        Assert.Contains(sheet.Telephone, ws.Cell(7, 1).GetString());
        Assert.Equal(ClosedXML.Excel.XLPaperSize.A4Paper, ws.PageSetup.PaperSize);
    }

    [Fact]
    public async Task A_posting_cannot_be_backdated_before_the_first_review()
    {
        var received = await _db.SendAsAsync(Village, Dibao());
        Ok(await _db.SendAsAsync(TownshipClerk, Visit(received.Value)));
        Ok(await _db.SendAsAsync(TownshipReviewer, new ReviewApplication(received.Value, true)));
        var backdated = await _db.SendAsAsync(TownshipReviewer, new PublishPosting(_binhu, PostingKind.Proposal, _db.Clock.Today.AddDays(-7)));
        Assert.Contains("不能早于初审日期", Assert.Single(backdated.Errors).Message);
        await using var context = _db.NewContext();
        Assert.False(await context.Postings.AnyAsync());
    }

    [Fact]
    public async Task Each_township_sees_its_own_queue_and_a_file_says_where_it_waits_and_for_how_long()
    {
        await PostedAsync();
        var waiting = await _db.SendAsAsync(Village, Dibao(_roster.Member("孙红", Relationship.Head, female: true)));
        Ok(waiting);
        _db.Clock.Now = _db.Clock.Now.AddDays(3);

        var mine = await _db.SendAsAsync(TownshipReviewer, new ListApplications(RosterBuilder.Bureau));
        Assert.Equal(2, mine.Total);
        var queue = Assert.Single(mine.Queues);
        Assert.Equal(("东江街道", 1, 1), (queue.Township, queue.Received, queue.Posted));
        var row = mine.Rows.Single(r => r.Id == waiting.Value);
        Assert.Equal(("待入户调查", 3), (row.WaitingFor, row.DaysWaiting));
        Assert.Empty((await _db.SendAsAsync("tangdong", new ListApplications(RosterBuilder.Bureau))).Rows);
        Assert.Null(await _db.SendAsAsync("tangdong", new GetApplication(waiting.Value)));
    }

    [Fact]
    public async Task Extreme_poverty_is_approved_with_its_care_level_assessed_at_the_visit()
    {
        var elder = _roster.Member("孤老", Relationship.Head, 1940);
        var request = new ReceiveApplication
        {
            CommunityId = _binhu, Address = "滨湖社区 敬老巷 1 号", Residence = Residence.Urban, VariantCode = ProgrammeCatalogue.ExtremePovertyUrbanAtHome,
            BeneficiaryIdNumber = elder.IdNumber, Documents = "申请书、身份证", Members = [elder],
        };
        var received = await _db.SendAsAsync(Village, request);
        Ok(received);
        Ok(await _db.SendAsAsync(TownshipClerk, Visit(received.Value)));        // no care level assessed
        Ok(await _db.SendAsAsync(TownshipReviewer, new ReviewApplication(received.Value, true)));
        Ok(await _db.SendAsAsync(TownshipReviewer, new PublishPosting(_binhu, PostingKind.Proposal, _db.Clock.Today)));
        PostingPeriodPasses();
        var unassessed = await _db.SendAsAsync(County, new DecideApplication(received.Value, true, new YearMonth(2026, 11)));
        Assert.Equal("特困人员须评估生活自理能力（照料护理等级）后才能审核确认。", Assert.Single(unassessed.Errors).Message);

        // A second file, assessed at the visit: the enrolment keeps the level.
        var other = _roster.Member("失能老人", Relationship.Head, 1938);
        var second = await _db.SendAsAsync(Village, new ReceiveApplication
        {
            CommunityId = _binhu, Address = "滨湖社区 敬老巷 2 号", Residence = Residence.Urban, VariantCode = ProgrammeCatalogue.ExtremePovertyUrbanAtHome,
            BeneficiaryIdNumber = other.IdNumber, Documents = "申请书、身份证", Members = [other], CareLevel = CareLevel.PartialCare,
        });
        Ok(second);
        var visit = Visit(second.Value);
        visit.CareLevel = CareLevel.FullCare;
        Ok(await _db.SendAsAsync(TownshipClerk, visit));
        Ok(await _db.SendAsAsync(TownshipReviewer, new ReviewApplication(second.Value, true)));
        Ok(await _db.SendAsAsync(TownshipReviewer, new PublishPosting(_binhu, PostingKind.Proposal, _db.Clock.Today)));
        PostingPeriodPasses();
        var decided = await _db.SendAsAsync(County, new DecideApplication(second.Value, true, YearMonth.Of(_db.Clock.Today)));
        Ok(decided);
        var enrollment = (await _db.SendAsync(new GetHousehold(decided.Value!.Value), Roles.Caseworker))!.Enrollments.Single();
        Assert.Equal((ProgrammeCatalogue.ExtremePovertyUrbanAtHome, CareLevel.FullCare), (enrollment.VariantCode, enrollment.CareLevel));
    }

    [Fact]
    public async Task Another_township_cannot_take_a_file_for_this_village_and_the_refusal_is_audited()
    {
        var refused = await _db.SendAsAsync("tangdong", Dibao());
        Assert.Contains("无权访问", Assert.Single(refused.Errors).Message);
        await using var context = _db.NewContext();
        Assert.False(await context.Applications.AnyAsync());
        Assert.True(await context.AuditRecords.AnyAsync(r => r.Action == Domain.Auditing.AuditAction.AccessDenied && r.EntityType == nameof(ReceiveApplication)));
    }

    private async Task<string> IdNumberOfAsync(int personId)
    {
        await using var context = _db.NewContext();
        return await context.Persons.Where(p => p.Id == personId).Select(p => p.IdNumber).SingleAsync();
    }
}
