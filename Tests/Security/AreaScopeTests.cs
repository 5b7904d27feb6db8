using System.IO.Compression;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Common.Behaviors;
using CivilAffairs.Domain.Features.Applications;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Bank;
using CivilAffairs.Domain.Features.Cockpit;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Recoveries;
using CivilAffairs.Domain.Features.Reviews;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Features.TemporaryAssistance;
using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Reports;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Security;

/// <summary>
/// The scope matrix: every request type, sent by an account of 东江街道 at 唐洞街道's households, reads nothing of theirs
/// and changes nothing of theirs. 唐洞's members and addresses carry a marker (界外), so any leak shows in the answer; the
/// same requests sent by the bureau do reach 唐洞 (each sample is one that would work), so the matrix cannot pass idly.
/// </summary>
public sealed class AreaScopeTests : IAsyncLifetime
{
    private const string Marker = "界外";
    private const string Township = "dongjiang";
    private static readonly YearMonth Open = new(2023, 7);
    private static readonly YearMonth Closed = new(2023, 6);
    private TestDatabase _db = default!;
    private Other _other = default!;

    /// <summary>Ids of 唐洞街道's rows the samples aim at, and a 东江 community.</summary>
    private sealed record Other(int HouseholdId, int PersonId, int HeadId, int EnrollmentId, int CommunityId, int TownshipId,
        int OwnCommunityId, int OwnTownshipId, int TemporaryId, int? RecoveryId, long EventId, string HeadIdNumber,
        int ApplicationId = 0, int ObjectionId = 0, int PostingId = 0, int AttachmentId = 0, long WarningId = 0)
    {
        /// <summary>Whether the text shows anything of 唐洞's: a marked name or address, or the head's full ID number.</summary>
        public bool ShowsIn(string text) => text.Contains(Marker) || text.Contains(HeadIdNumber);
    }

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateDemoAsync();
        await using var context = _db.NewContext();
        var tangdong = await context.Areas.SingleAsync(a => a.Name == "唐洞街道");
        var dongjiang = await context.Areas.SingleAsync(a => a.Name == "东江街道");
        var theirCommunities = await context.Areas.Where(a => a.ParentId == tangdong.Id).Select(a => a.Id).ToListAsync();
        await context.Database.ExecuteSqlRawAsync(
            $"UPDATE Persons SET Name = '{Marker}' || Id WHERE HouseholdId IN (SELECT Id FROM Households WHERE CommunityId IN ({string.Join(",", theirCommunities)}))");
        await context.Database.ExecuteSqlRawAsync(
            $"UPDATE Households SET Address = '{Marker}地址' || Id WHERE CommunityId IN ({string.Join(",", theirCommunities)})");
        // Their villages' names too: a posting or an application names its village.
        await context.Database.ExecuteSqlRawAsync($"UPDATE Areas SET Name = '{Marker}' || Name WHERE ParentId = {tangdong.Id}");
        var household = await context.Households.Where(h => theirCommunities.Contains(h.CommunityId) && h.Status == HouseholdStatus.Active
            && context.Enrollments.Any(e => e.HouseholdId == h.Id && e.PersonId == null && e.ToMonth == null)
            && context.Enrollments.Any(e => e.HouseholdId == h.Id && e.PersonId != null && e.ToMonth == null)
            && context.Persons.Count(p => p.HouseholdId == h.Id && p.Status == PersonStatus.Active) >= 2).OrderBy(h => h.Id).FirstAsync();
        var members = await context.Persons.Where(p => p.HouseholdId == household.Id && p.Status == PersonStatus.Active).OrderBy(p => p.Relationship).ToListAsync();
        var enrollment = await context.Enrollments.Where(e => e.HouseholdId == household.Id && e.PersonId != null && e.ToMonth == null).OrderBy(e => e.Id).FirstAsync();
        var ownCommunity = await context.Areas.Where(a => a.ParentId == dongjiang.Id).OrderBy(a => a.SortOrder).Select(a => a.Id).FirstAsync();
        var temporary = await context.TemporaryAssistance.Where(t => theirCommunities.Contains(context.Households.First(h => h.Id == t.HouseholdId).CommunityId)
            && t.RevokedAtUtc == null).Select(t => (int?)t.Id).FirstOrDefaultAsync();
        var recovery = await context.Recoveries.Where(r => theirCommunities.Contains(context.Households.First(h => h.Id == r.HouseholdId).CommunityId))
            .Select(r => (int?)r.Id).FirstOrDefaultAsync();
        var lastEvent = await context.HouseholdEvents.Where(e => e.HouseholdId == household.Id).OrderByDescending(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync();
        _other = new Other(household.Id, members[^1].Id, members[0].Id, enrollment.Id, theirCommunities[0], tangdong.Id, ownCommunity, dongjiang.Id,
            temporary ?? await ArrangeTemporaryCaseAsync(household.Id), recovery, lastEvent, members[0].IdNumber);
        _other = await ArrangeApplicationAsync(_other);
        // A death record of their head: a warning in 唐洞's area, which 东江 must not read.
        var deaths = System.Text.Encoding.UTF8.GetBytes($"姓名,身份证号,死亡日期\r\n户主,{_other.HeadIdNumber},2023-06-20");
        var imported = await _db.SendAsync(new CivilAffairs.Domain.Features.Monitoring.ImportRecords("431081", "death", "deaths.csv", new MemoryStream(deaths)), Roles.Caseworker);
        Assert.Equal(1, imported.Value!.WarningsRaised);
        await using (var warnings = _db.NewContext())
            _other = _other with { WarningId = await warnings.Warnings.Select(w => w.Id).SingleAsync() };
    }

    /// <summary>A file of 唐洞 taken by the county, visited, first-reviewed and posted by 唐洞, with an objection on it.</summary>
    private async Task<Other> ArrangeApplicationAsync(Other o)
    {
        static void Ok(IResult result) => Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
        var received = await _db.SendAsync(new ReceiveApplication
        {
            CommunityId = o.CommunityId, Address = $"{Marker}申请地址", Residence = Residence.Rural, VariantCode = ProgrammeCatalogue.RuralDibaoB,
            Documents = "申请书、身份证、户口簿", Members = [new MemberInput { Name = $"{Marker}申请人", Relationship = Relationship.Head,
                IdNumber = IdNumber.Compose("431081", new DateOnly(1968, 3, 3), 321).Value }],
        }, Roles.Caseworker);
        Ok(received);
        Ok(await _db.SendAsync(new InvestigateApplication { ApplicationId = received.Value, VisitedOn = _db.Clock.Today, Visitors = "王五、赵六",
            Findings = "独居，无劳动能力", Verification = "无车辆、无房产" }, Roles.Caseworker));
        Ok(await _db.SendAsAsync("tangdong-review", new ReviewApplication(received.Value, true)));
        var posting = await _db.SendAsAsync("tangdong-review", new PublishPosting(o.CommunityId, PostingKind.Proposal, _db.Clock.Today));
        Ok(posting);
        Ok(await _db.SendAsAsync("tangdong-review", new RecordObjection(received.Value, _db.Clock.Today, "有人反映其子女有经商收入")));
        await using var context = _db.NewContext();
        var objection = await context.ApplicationObjections.Where(x => x.ApplicationId == received.Value).Select(x => x.Id).SingleAsync();
        var photo = await _db.SendAsAsync("tangdong", new AttachToApplication(received.Value, $"{Marker}入户照片.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2]));
        Ok(photo);
        return o with { ApplicationId = received.Value, ObjectionId = objection, PostingId = posting.Value, AttachmentId = photo.Value };
    }

    private async Task<int> ArrangeTemporaryCaseAsync(int householdId)
    {
        var result = await _db.SendAsync(new RecordTemporaryAssistance
        {
            HouseholdId = householdId, Persons = 1, Month = Open, Amount = 800m, Reason = "火灾", ApprovalNumber = "资民临〔2023〕7号", ApprovedBy = "张三",
        }, Roles.Caseworker);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static IEnumerable<Type> RequestTypes() => typeof(AdjustStandards).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t));

    /// <summary>
    /// For each request that is not bureau-wide, one aimed at 唐洞 that the bureau's account could send successfully
    /// (reads: 唐洞 is in their answer; writes: they change 唐洞's rows). Exports write to the given stream.
    /// </summary>
    private Dictionary<Type, Func<MemoryStream, object>> Aimed()
    {
        var o = _other;
        var member = new MemberInput
        {
            Name = "新成员", IdNumber = IdNumber.Compose("431081", new DateOnly(2000, 1, 1), 123).Value,
            Relationship = Relationship.Child, WorkCapacity = WorkCapacity.Full,
        };
        return new()
        {
            [typeof(GetStandardsInForce)] = _ => new GetStandardsInForce("431081", Closed),
            [typeof(GetStandardHistory)] = _ => new GetStandardHistory("431081", ProgrammeCatalogue.RuralDibaoA),
            [typeof(ListStandardsProposals)] = _ => new ListStandardsProposals("431081"),
            [typeof(ConfirmPassword)] = _ => new ConfirmPassword("x"),
            [typeof(GetMyArea)] = _ => new GetMyArea(),
            [typeof(WriteRosterTemplate)] = s => new WriteRosterTemplate("431081", s),
            [typeof(RegisterHousehold)] = _ => new RegisterHousehold
            {
                CommunityId = o.CommunityId, Address = "新户地址", Residence = Residence.Urban, VariantCode = ProgrammeCatalogue.UrbanDibaoA, Month = Open,
                Members = [new MemberInput { Name = "新户主", IdNumber = IdNumber.Compose("431081", new DateOnly(1990, 1, 1), 124).Value,
                    Relationship = Relationship.Head, WorkCapacity = WorkCapacity.Full }],
            },
            [typeof(StopHousehold)] = _ => new StopHousehold { HouseholdId = o.HouseholdId, Month = Open },
            [typeof(RestoreHousehold)] = _ => new RestoreHousehold { HouseholdId = o.HouseholdId, Month = Open, Reason = "误停恢复" },
            [typeof(UndoHouseholdChange)] = _ => new UndoHouseholdChange { HouseholdId = o.HouseholdId, EventId = o.EventId, Reason = "录入错误" },
            [typeof(CorrectHousehold)] = _ => new CorrectHousehold { HouseholdId = o.HouseholdId, Address = "改写的地址", CommunityId = o.CommunityId,
                RegisteredMonth = new YearMonth(2022, 12), Reason = "地址录错" },
            [typeof(CorrectMember)] = _ => new CorrectMember { HouseholdId = o.HouseholdId, PersonId = o.PersonId, Member = member, Reason = "身份证号录错" },
            [typeof(ListPreviewPeople)] = _ => new ListPreviewPeople("431081", Closed, PreviewFigure.Paid, TownshipId: o.TownshipId),
            [typeof(GetNextOpenMonth)] = _ => new GetNextOpenMonth("431081"),
            [typeof(ChangeTier)] = _ => new ChangeTier { HouseholdId = o.HouseholdId, Month = Open, VariantCode = ProgrammeCatalogue.RuralDibaoC },
            [typeof(AddMember)] = _ => new AddMember { HouseholdId = o.HouseholdId, Month = Open, Member = member },
            [typeof(RemoveMember)] = _ => new RemoveMember(o.HouseholdId, o.PersonId, Open, false),
            [typeof(MoveHousehold)] = _ => new MoveHousehold(o.HouseholdId, o.OwnCommunityId, Open),
            [typeof(EnrollPerson)] = _ => new EnrollPerson(o.HouseholdId, o.PersonId, ProgrammeCatalogue.DisabilityLiving, Open),
            [typeof(EndEnrollment)] = _ => new EndEnrollment(o.HouseholdId, o.EnrollmentId, Open, StopReason.Other, "核查"),
            [typeof(SearchRoster)] = _ => new SearchRoster(new RosterFilter("431081", Name: Marker)),
            [typeof(CountRoster)] = _ => new CountRoster(new RosterFilter("431081", TownshipId: o.TownshipId)),
            [typeof(GetHousehold)] = _ => new GetHousehold(o.HouseholdId),
            [typeof(RevealIdNumber)] = _ => new RevealIdNumber(o.HeadId),
            [typeof(ListAreas)] = _ => new ListAreas("431081"),
            [typeof(ListPaymentMonths)] = _ => new ListPaymentMonths("431081"),
            [typeof(GetPaymentPreview)] = _ => new GetPaymentPreview("431081", Closed),
            [typeof(GetHouseholdPayments)] = _ => new GetHouseholdPayments(o.HouseholdId),
            [typeof(ListRecoveries)] = _ => new ListRecoveries("431081", null),
            [typeof(ResolveRecovery)] = _ => new ResolveRecovery(o.RecoveryId ?? -1, Domain.Payments.RecoveryState.WrittenOff, "核销"),
            [typeof(RecordTemporaryAssistance)] = _ => new RecordTemporaryAssistance
            {
                HouseholdId = o.HouseholdId, Persons = 1, Month = Open, Amount = 500m, Reason = "急病", ApprovalNumber = "资民临〔2023〕9号", ApprovedBy = "李四",
            },
            [typeof(RevokeTemporaryAssistance)] = _ => new RevokeTemporaryAssistance(o.TemporaryId, "重复申领"),
            [typeof(ListTemporaryAssistance)] = _ => new ListTemporaryAssistance("431081", PageSize: 500),
            [typeof(GetCockpitFigures)] = _ => new GetCockpitFigures("431081", Closed),
            [typeof(GetCockpitStandards)] = _ => new GetCockpitStandards("431081", Closed),
            [typeof(GetCockpitAlerts)] = _ => new GetCockpitAlerts("431081"),
            [typeof(GetMonthlyReport)] = _ => new GetMonthlyReport("431081", Closed, null, ReportForm.Changes),
            [typeof(ExportMonthlyReport)] = s => new ExportMonthlyReport("431081", Closed, null, s, ReportForm.Changes),
            [typeof(GetWorkSummary)] = _ => new GetWorkSummary("431081", new YearMonth(2023, 1), Closed),
            [typeof(ExportWorkSummary)] = s => new ExportWorkSummary("431081", new YearMonth(2023, 1), Closed, null, s),
            [typeof(ExportRoster)] = s => new ExportRoster(new RosterFilter("431081"), false, s),
            [typeof(ExportPaymentList)] = s => new ExportPaymentList("431081", Closed, false, s),
            [typeof(RecordReview)] = _ => new RecordReview { HouseholdId = o.HouseholdId, ReviewedOn = _db.Clock.Today, Findings = "入户复核", Month = Open },
            [typeof(ListReviewsDue)] = _ => new ListReviewsDue("431081"),
            [typeof(SetSentDownYouth)] = _ => new SetSentDownYouth { HouseholdId = o.HouseholdId, PersonId = o.PersonId, Month = Open },
            [typeof(SetNearPoverty)] = _ => new SetNearPoverty { HouseholdId = o.HouseholdId, Include = true, Month = Open },
            [typeof(GetTrackedGroups)] = _ => new GetTrackedGroups("431081", Open),
            [typeof(AttachToApplication)] = _ => new AttachToApplication(o.ApplicationId, $"{Marker}照片.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 7]),
            [typeof(ListAttachments)] = _ => new ListAttachments(o.ApplicationId),
            [typeof(GetAttachment)] = _ => new GetAttachment(o.ApplicationId, o.AttachmentId),
            [typeof(SetSeriouslyIll)] = _ => new SetSeriouslyIll { HouseholdId = o.HouseholdId, PersonId = o.PersonId, Month = Open },
            [typeof(CivilAffairs.Domain.Features.Monitoring.ResolveWarning)] = _ => new CivilAffairs.Domain.Features.Monitoring.ResolveWarning(_other.WarningId,
                CivilAffairs.Domain.Monitoring.WarningResolution.NoChange, "核实无误"),
            [typeof(CivilAffairs.Domain.Features.Monitoring.GetWarningSummary)] = _ => new CivilAffairs.Domain.Features.Monitoring.GetWarningSummary("431081"),
            [typeof(CivilAffairs.Domain.Features.Monitoring.ListWarnings)] = _ => new CivilAffairs.Domain.Features.Monitoring.ListWarnings("431081", OpenOnly: false),
            [typeof(CompleteTemporaryAssistance)] = _ => new CompleteTemporaryAssistance(o.TemporaryId, "资民临〔2026〕1号", "王五"),
            [typeof(EnrollSinglePerson)] = _ => new EnrollSinglePerson(o.HouseholdId, o.PersonId, ProgrammeCatalogue.RuralDibaoA, Open),
            [typeof(ReceiveApplication)] = _ => new ReceiveApplication
            {
                CommunityId = o.CommunityId, Address = "新申请地址", Residence = Residence.Rural, VariantCode = ProgrammeCatalogue.RuralDibaoA,
                Documents = "申请书", Members = [new MemberInput { Name = "新申请人", Relationship = Relationship.Head,
                    IdNumber = IdNumber.Compose("431081", new DateOnly(1971, 5, 5), 322).Value }],
            },
            // Their head is on their roster: the county-wide check says so, but not who or where.
            [typeof(CheckApplicants)] = _ => new CheckApplicants(ProgrammeCatalogue.RuralDibaoA, [o.HeadIdNumber]),
            [typeof(InvestigateApplication)] = _ => new InvestigateApplication { ApplicationId = o.ApplicationId, VisitedOn = _db.Clock.Today,
                Visitors = "甲、乙", Findings = "复查", Verification = "无" },
            [typeof(ReviewApplication)] = _ => new ReviewApplication(o.ApplicationId, false, null, "不符合条件"),
            [typeof(RecordObjection)] = _ => new RecordObjection(o.ApplicationId, default, "又有人反映有车辆"),
            [typeof(ResolveObjection)] = _ => new ResolveObjection(o.ApplicationId, o.ObjectionId, "经核实不属实"),
            [typeof(DecideApplication)] = _ => new DecideApplication(o.ApplicationId, false, Reason: "子女有赡养能力"),
            [typeof(ListApplications)] = _ => new ListApplications("431081", IncludeClosed: true),
            [typeof(GetApplication)] = _ => new GetApplication(o.ApplicationId),
            [typeof(PublishPosting)] = _ => new PublishPosting(o.CommunityId, PostingKind.Proposal, _db.Clock.Today.AddDays(1), CorrectsId: o.PostingId),
            [typeof(ListPostings)] = _ => new ListPostings("431081"),
            [typeof(GetPosting)] = _ => new GetPosting(o.PostingId),
            [typeof(ExportPosting)] = s => new ExportPosting(o.PostingId, s),
        };
    }

    [Fact]
    public void Every_request_type_is_bureau_wide_or_in_the_scope_matrix()
    {
        var bureauWide = RequestTypes().Where(t => t.GetCustomAttribute<BureauWideAttribute>() is not null).ToHashSet();
        var aimed = Aimed().Keys.ToHashSet();
        Assert.Empty(bureauWide.Intersect(aimed).Select(t => t.Name));
        Assert.Equal(RequestTypes().Select(t => t.Name).Order(), bureauWide.Concat(aimed).Select(t => t.Name).Order());
    }

    [Fact]
    public async Task A_township_account_is_refused_every_bureau_wide_request_whatever_its_roles()
    {
        // Even holding every role, an account of a township is refused what acts on the whole jurisdiction.
        await SetRolesAsync(Township, Roles.All);
        foreach (var type in RequestTypes().Where(t => t.GetCustomAttribute<BureauWideAttribute>() is not null))
        {
            var request = System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
            var (refusal, _) = await SendAsync(Township, request);
            Assert.True(refusal?.Contains("民政局的账号") == true, $"{type.Name}: {refusal ?? "allowed"}");
        }
    }

    [Fact]
    public async Task A_township_account_reads_and_changes_nothing_of_another_township()
    {
        await SetRolesAsync(Township, [Roles.TownshipClerk, Roles.TownshipReviewer, Roles.CountyApprover]);
        foreach (var (type, aim) in Aimed())
        {
            var before = await FingerprintAsync();
            using var output = new MemoryStream();
            var (refusal, answer) = await SendAsync(Township, aim(output));
            var text = answer + TextOf(output);
            Assert.False(_other.ShowsIn(text), $"{type.Name} showed 唐洞街道's households to 东江街道 ({refusal})");
            Assert.True(before == await FingerprintAsync(), $"{type.Name} changed 唐洞街道's rows from 东江街道");
        }
    }

    [Fact]
    public async Task The_same_requests_from_the_bureau_do_reach_the_other_township()
    {
        // The control: what the matrix aims at is really there, so the township's empty answers mean something.
        var reads = new[] { typeof(SearchRoster), typeof(GetHousehold), typeof(RevealIdNumber), typeof(ListPreviewPeople), typeof(ExportRoster),
            typeof(ExportPaymentList), typeof(GetMonthlyReport), typeof(ExportMonthlyReport), typeof(ListTemporaryAssistance),
            typeof(ListApplications), typeof(GetApplication), typeof(ListPostings), typeof(GetPosting), typeof(ExportPosting), typeof(ListReviewsDue),
            typeof(ListAttachments), typeof(GetAttachment), typeof(CivilAffairs.Domain.Features.Monitoring.ListWarnings) };
        // In an order where each still applies to the household the ones before it changed (stopped last, moved away after).
        var writes = new[] { typeof(CivilAffairs.Domain.Features.Monitoring.ResolveWarning), typeof(AttachToApplication), typeof(SetSentDownYouth), typeof(RecordReview), typeof(ReceiveApplication), typeof(RecordObjection), typeof(ResolveObjection), typeof(PublishPosting),
            typeof(DecideApplication), typeof(ChangeTier), typeof(AddMember), typeof(CorrectHousehold), typeof(RecordTemporaryAssistance),
            typeof(RevokeTemporaryAssistance), typeof(RegisterHousehold), typeof(EndEnrollment), typeof(StopHousehold), typeof(MoveHousehold) };
        int another;
        await using (var context = _db.NewContext())
            another = await context.Households.Where(h => h.CommunityId == _other.CommunityId && h.Id != _other.HouseholdId && h.Status == HouseholdStatus.Active)
                .Select(h => h.Id).FirstAsync();
        await SetRolesAsync("caseworker", [.. Roles.All]);
        var aimed = Aimed();
        foreach (var type in reads)
        {
            using var output = new MemoryStream();
            var (refusal, answer) = await SendAsync("caseworker", aimed[type](output));
            Assert.True(_other.ShowsIn(answer + TextOf(output)), $"{type.Name} as the bureau: {refusal ?? "no marker"}");
        }
        foreach (var type in writes)
        {
            var before = await FingerprintAsync();
            using var output = new MemoryStream();
            // The household stopped just before cannot move: move another of 唐洞's.
            var request = type == typeof(MoveHousehold) ? new MoveHousehold(another, _other.OwnCommunityId, Open) : aimed[type](output);
            // Maker ≠ checker: the county's approver decides the file the caseworker received.
            var (refusal, _) = await SendAsync(type == typeof(DecideApplication) ? "approver" : "caseworker", request);
            Assert.True(refusal is null, $"{type.Name} as the bureau: {refusal}");
            Assert.True(before != await FingerprintAsync(), $"{type.Name} as the bureau changed nothing of 唐洞");
        }
    }

    [Fact]
    public async Task Another_township_s_household_by_id_is_refused_with_the_same_words_as_a_missing_one()
    {
        var theirs = await _db.SendAsAsync(Township, new StopHousehold { HouseholdId = _other.HouseholdId, Month = Open });
        var missing = await _db.SendAsAsync(Township, new StopHousehold { HouseholdId = 987_654, Month = Open });

        Assert.Equal(Assert.Single(missing.Errors).Message, Assert.Single(theirs.Errors).Message);
        Assert.Contains("无权访问", theirs.Errors[0].Message);
        Assert.Null(await _db.SendAsAsync(Township, new GetHousehold(_other.HouseholdId)));
    }

    [Fact]
    public async Task A_township_account_cannot_register_a_household_in_another_township_and_nothing_is_written()
    {
        await using (var context = _db.NewContext())
        {
            var households = await context.Households.CountAsync();
            var result = await _db.SendAsAsync(Township, (RegisterHousehold)Aimed()[typeof(RegisterHousehold)](new MemoryStream()));
            Assert.False(result.Succeeded);
            Assert.Equal(households, await context.Households.CountAsync());
        }
        var own = (RegisterHousehold)Aimed()[typeof(RegisterHousehold)](new MemoryStream());
        own.CommunityId = _other.OwnCommunityId;
        var mine = await _db.SendAsAsync(Township, own);
        Assert.True(mine.Succeeded, string.Join("；", mine.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task A_township_cannot_register_someone_another_township_already_assists()
    {
        var own = (RegisterHousehold)Aimed()[typeof(RegisterHousehold)](new MemoryStream());
        own.CommunityId = _other.OwnCommunityId;
        own.Members[0].IdNumber = _other.HeadIdNumber;
        var refused = await _db.SendAsAsync(Township, own);
        Assert.Equal(nameof(Domain.Roster.Rules.PersonBelongsToOneHouseholdAtATime), Assert.Single(refused.Errors).Rule);
        Assert.DoesNotContain(_other.HeadIdNumber, refused.Errors[0].Message);
    }

    [Fact]
    public async Task A_township_s_figures_are_the_bureau_s_figures_for_that_township()
    {
        var mine = await _db.SendAsAsync(Township, new GetCockpitFigures("431081", Closed));
        var bureau = await _db.SendAsync(new GetCockpitFigures("431081", Closed, TownshipId: _other.OwnTownshipId), Roles.Leader);

        Assert.Equal((bureau.Totals.Households, bureau.Totals.Persons, bureau.Totals.Funds), (mine.Totals.Households, mine.Totals.Persons, mine.Totals.Funds));
        Assert.True(mine.Totals.Persons > 0);
        Assert.Equal(["东江街道"], mine.Townships.Select(t => t.Name));
        Assert.Equal(["东江街道"], (await _db.SendAsAsync(Township, new ListAreas("431081"))).Select(t => t.Name));

        var report = await _db.SendAsAsync(Township, new GetMonthlyReport("431081", Closed));
        var bureauReport = await _db.SendAsync(new GetMonthlyReport("431081", Closed, _other.OwnTownshipId), Roles.Leader);
        var sheet = report.Value!.Report.Sheet(MonthlyReportLayout.Summary);
        var expected = bureauReport.Value!.Report.Sheet(MonthlyReportLayout.Summary);
        Assert.Equal(expected.Value(expected.Total, MonthlyReportLayout.FundsMonth), sheet.Value(sheet.Total, MonthlyReportLayout.FundsMonth));
    }

    [Fact]
    public async Task A_village_account_sees_its_own_village_only_and_no_township_summaries()
    {
        int binhu;
        await using (var context = _db.NewContext())
            binhu = await context.Areas.Where(a => a.Name == "滨湖社区").Select(a => a.Id).SingleAsync();
        var rows = await _db.SendAsAsync("binhu", new SearchRoster(new RosterFilter("431081")));
        Assert.NotEmpty(rows.Rows);
        Assert.All(rows.Rows, r => Assert.Equal("滨湖社区", r.Community));
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(async () => await _db.SendAsAsync("binhu", new GetCockpitFigures("431081")));
        Assert.Contains("查看驾驶舱", refused.Message);
        Assert.Equal([binhu], (await _db.SendAsAsync("binhu", new ListAreas("431081"))).SelectMany(t => t.Communities).Select(c => c.Id));
    }

    private async Task SetRolesAsync(string userName, IReadOnlyList<string> roles)
    {
        var id = (await _db.PrincipalOfUserAsync(userName)).UserId!;
        Assert.True((await _db.SendAsync(new SetUserRoles { UserId = id, Roles = [.. roles] }, Roles.Admin)).Succeeded);
    }

    /// <summary>The refusal's words (null when it went through) and the answer as JSON.</summary>
    private async Task<(string? Refusal, string Answer)> SendAsync(string userName, object request)
    {
        await using var scope = _db.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestPrincipal>().Principal = await _db.PrincipalOfUserAsync(userName);
        try
        {
            var response = await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
            var answer = response is null ? "" : JsonSerializer.Serialize(response, response.GetType(), Json);
            return (response is IResult { Succeeded: false } failed ? string.Join("；", failed.Errors.Select(e => e.Message)) : null, answer);
        }
        catch (Exception e) when (e is PermissionDeniedException or RequestValidationException or BusinessRuleViolationException
                                      or PasswordConfirmationRequiredException)
        {
            return (e.Message, "");
        }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new StreamAsNothing(), new MonthAsText() },
    };

    private sealed class StreamAsNothing : JsonConverter<Stream>
    {
        public override Stream Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();
        public override void Write(Utf8JsonWriter writer, Stream value, JsonSerializerOptions options) => writer.WriteNullValue();
    }

    /// <summary>A month is its text: its <c>Previous</c>/<c>Next</c> would otherwise walk back without end.</summary>
    private sealed class MonthAsText : JsonConverter<YearMonth>
    {
        public override YearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();
        public override void Write(Utf8JsonWriter writer, YearMonth value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    /// <summary>The text inside a written workbook or document (its XML parts), or nothing.</summary>
    private static string TextOf(MemoryStream output)
    {
        if (output.Length == 0) return "";
        try
        {
            using var zip = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read);
            return string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml")).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        }
        catch (InvalidDataException)
        {
            return System.Text.Encoding.UTF8.GetString(output.ToArray());
        }
    }

    /// <summary>Everything of 唐洞街道 a write could touch: its households, members, enrolments, events, cases and recoveries.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var context = _db.NewContext();
        var communities = await context.Areas.Where(a => a.ParentId == _other.TownshipId).Select(a => a.Id).ToListAsync();
        var households = context.Households.Where(h => communities.Contains(h.CommunityId)).Select(h => h.Id);
        var parts = new object[]
        {
            string.Join(",", await context.Households.Where(h => communities.Contains(h.CommunityId)).OrderBy(h => h.Id).Select(h => h.Version).ToListAsync()),
            string.Join(",", await context.Persons.Where(p => households.Contains(p.HouseholdId)).OrderBy(p => p.Id).Select(p => p.Version).ToListAsync()),
            string.Join(",", await context.Enrollments.Where(e => households.Contains(e.HouseholdId)).OrderBy(e => e.Id).Select(e => e.Version).ToListAsync()),
            await context.HouseholdEvents.CountAsync(e => households.Contains(e.HouseholdId)),
            string.Join(",", await context.TemporaryAssistance.Where(t => households.Contains(t.HouseholdId)).OrderBy(t => t.Id).Select(t => t.Version).ToListAsync()),
            string.Join(",", await context.Recoveries.Where(r => households.Contains(r.HouseholdId)).OrderBy(r => r.Id).Select(r => r.Version).ToListAsync()),
            string.Join(",", await context.Applications.Where(a => communities.Contains(a.CommunityId)).OrderBy(a => a.Id).Select(a => a.Version).ToListAsync()),
            await context.Applications.CountAsync(a => communities.Contains(a.CommunityId)),
            await context.ApplicationObjections.CountAsync(x => x.Resolution != null),
            await context.ApplicationSteps.CountAsync(x => context.Applications.Any(a => a.Id == x.ApplicationId && communities.Contains(a.CommunityId))),
            await context.Postings.CountAsync(p => communities.Contains(p.CommunityId)),
            await context.ApplicationAttachments.CountAsync(),
            await context.Warnings.CountAsync(w => w.State == CivilAffairs.Domain.Monitoring.WarningState.Resolved),
        };
        return string.Join("|", parts);
    }
}
