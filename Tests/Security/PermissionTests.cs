using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Common.Behaviors;
using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Features.Applications;
using CivilAffairs.Domain.Features.Audit;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Features.Users;
using CivilAffairs.Domain.Features.Bank;
using CivilAffairs.Domain.Features.Cockpit;
using CivilAffairs.Domain.Features.Reports;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.TemporaryAssistance;
using CivilAffairs.Domain.Features.Recoveries;
using CivilAffairs.Domain.Features.Reviews;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Security;
using CivilAffairs.Infrastructure.Identity;
using CivilAffairs.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Reflection;

namespace CivilAffairs.Tests.Security;

/// <summary>Each role against each request type, through the real pipeline.</summary>
public sealed class PermissionTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static IEnumerable<Type> RequestTypes() => typeof(AdjustStandards).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t));

    /// <summary>One harmless request of every type; each would be refused or answered, never half-done.</summary>
    private static Dictionary<Type, Func<object>> Samples() => new()
    {
        [typeof(GetStandardsInForce)] = () => new GetStandardsInForce("431081", new YearMonth(2023, 6)),
        [typeof(GetStandardHistory)] = () => new GetStandardHistory("431081", ProgrammeCatalogue.RuralDibaoA),
        [typeof(AdjustStandards)] = () => new AdjustStandards(), // invalid: passes the door, then fails validation
        [typeof(CorrectStandard)] = () => new CorrectStandard(), // invalid: no amount, document or reason
        [typeof(ApproveStandardsProposal)] = () => new ApproveStandardsProposal(-1),
        [typeof(RejectStandardsProposal)] = () => new RejectStandardsProposal(-1, "文号有误"),
        [typeof(ListStandardsProposals)] = () => new ListStandardsProposals("431081"),
        [typeof(ListUsers)] = () => new ListUsers(),
        [typeof(CreateUser)] = () => new CreateUser(),
        [typeof(SetUserEnabled)] = () => new SetUserEnabled("no-such-user", true),
        [typeof(SetUserRoles)] = () => new SetUserRoles { UserId = "no-such-user", Roles = [Roles.Leader] },
        [typeof(UpdateUserProfile)] = () => new UpdateUserProfile { UserId = "no-such-user", DisplayName = "李娜", Unit = "民政局" },
        [typeof(ResetUserPassword)] = () => new ResetUserPassword { UserId = "no-such-user", NewPassword = "a-long-enough-password" },
        [typeof(ListUserSessions)] = () => new ListUserSessions("no-such-user"),
        [typeof(ConfirmPassword)] = () => new ConfirmPassword(""),
        [typeof(EndUserSessions)] = () => new EndUserSessions("no-such-user"),
        [typeof(SearchAudit)] = () => new SearchAudit(),
        [typeof(VerifyAuditChain)] = () => new VerifyAuditChain(),
        [typeof(VerifyLedger)] = () => new VerifyLedger("431081"),
        [typeof(WriteRosterTemplate)] = () => new WriteRosterTemplate("431081", Stream.Null),
        [typeof(SeedDemoRoster)] = () => new SeedDemoRoster("000000"),
        [typeof(RegisterHousehold)] = () => new RegisterHousehold(),
        [typeof(ReceiveApplication)] = () => new ReceiveApplication(), // invalid: passes the door, then fails validation
        [typeof(RecordReview)] = () => new RecordReview { HouseholdId = -1, ReviewedOn = new DateOnly(2026, 11, 1), Findings = "属实", Month = new YearMonth(2026, 11) },
        [typeof(ListReviewsDue)] = () => new ListReviewsDue("431081"),
        [typeof(SetNearPoverty)] = () => new SetNearPoverty { HouseholdId = -1, Month = new YearMonth(2026, 11) },
        [typeof(SetSentDownYouth)] = () => new SetSentDownYouth { HouseholdId = -1, PersonId = -1, Month = new YearMonth(2026, 11) },
        [typeof(GetTrackedGroups)] = () => new GetTrackedGroups("431081", new YearMonth(2026, 11)),
        [typeof(AttachToApplication)] = () => new AttachToApplication(-1, "a.jpg", [0xFF, 0xD8, 0xFF, 0xE0]),
        [typeof(ListAttachments)] = () => new ListAttachments(-1),
        [typeof(GetAttachment)] = () => new GetAttachment(-1, -1),
        [typeof(SetSeriouslyIll)] = () => new SetSeriouslyIll { HouseholdId = -1, PersonId = -1, Month = new YearMonth(2026, 11) },
        [typeof(CivilAffairs.Domain.Features.Monitoring.ResolveWarning)] = () => new CivilAffairs.Domain.Features.Monitoring.ResolveWarning(-1, CivilAffairs.Domain.Monitoring.WarningResolution.NoChange, "核实无误"),
        [typeof(CivilAffairs.Domain.Features.Monitoring.GetWarningSummary)] = () => new CivilAffairs.Domain.Features.Monitoring.GetWarningSummary("431081"),
        [typeof(CivilAffairs.Domain.Features.Monitoring.ListWarnings)] = () => new CivilAffairs.Domain.Features.Monitoring.ListWarnings("431081"),
        [typeof(CivilAffairs.Domain.Features.Monitoring.ImportRecords)] = () => new CivilAffairs.Domain.Features.Monitoring.ImportRecords("431081", "death", "x.csv", new MemoryStream()),
        [typeof(CompleteTemporaryAssistance)] = () => new CompleteTemporaryAssistance(-1, "资民临〔2026〕1号", "王五"),
        [typeof(EnrollSinglePerson)] = () => new EnrollSinglePerson(-1, -1, ProgrammeCatalogue.RuralDibaoA, new YearMonth(2026, 11)),
        [typeof(CheckApplicants)] = () => new CheckApplicants(ProgrammeCatalogue.RuralDibaoA, []),
        [typeof(InvestigateApplication)] = () => new InvestigateApplication(),
        [typeof(ReviewApplication)] = () => new ReviewApplication(-1, false, null, "不符合条件"),
        [typeof(RecordObjection)] = () => new RecordObjection(-1, default, "有车辆"),
        [typeof(ResolveObjection)] = () => new ResolveObjection(-1, -1, "经核实不属实"),
        [typeof(DecideApplication)] = () => new DecideApplication(-1, false, Reason: "不符合条件"),
        [typeof(ListApplications)] = () => new ListApplications("431081"),
        [typeof(GetApplication)] = () => new GetApplication(-1),
        [typeof(PublishPosting)] = () => new PublishPosting(-1, PostingKind.Proposal, new DateOnly(2023, 7, 1)),
        [typeof(ListPostings)] = () => new ListPostings("431081"),
        [typeof(GetPosting)] = () => new GetPosting(-1),
        [typeof(ExportPosting)] = () => new ExportPosting(-1, Stream.Null),
        [typeof(StopHousehold)] = () => new StopHousehold { HouseholdId = -1, Month = new YearMonth(2024, 1) },
        [typeof(RestoreHousehold)] = () => new RestoreHousehold { HouseholdId = -1, Month = new YearMonth(2024, 1), Reason = "误停" },
        [typeof(UndoHouseholdChange)] = () => new UndoHouseholdChange { HouseholdId = -1, EventId = 1, Reason = "录错" },
        [typeof(CorrectHousehold)] = () => new CorrectHousehold(), // invalid: no reason, address or community
        [typeof(ListPreviewPeople)] = () => new ListPreviewPeople("431081", new YearMonth(2023, 6), PreviewFigure.Stopped),
        [typeof(GetNextOpenMonth)] = () => new GetNextOpenMonth("431081"),
        [typeof(GetMyArea)] = () => new GetMyArea(),
        [typeof(CorrectMember)] = () => new CorrectMember(), // invalid: no reason or member
        [typeof(ChangeTier)] = () => new ChangeTier(),
        [typeof(AddMember)] = () => new AddMember(),
        [typeof(RemoveMember)] = () => new RemoveMember(-1, -1, default, false),
        [typeof(MoveHousehold)] = () => new MoveHousehold(-1, -1, default),
        [typeof(EnrollPerson)] = () => new EnrollPerson(-1, -1, "", default),
        [typeof(EndEnrollment)] = () => new EndEnrollment(-1, -1, default, Domain.Roster.StopReason.Other),
        [typeof(SearchRoster)] = () => new SearchRoster(new RosterFilter("431081")),
        [typeof(CountRoster)] = () => new CountRoster(new RosterFilter("431081")),
        [typeof(GetHousehold)] = () => new GetHousehold(-1),
        [typeof(RevealIdNumber)] = () => new RevealIdNumber(-1),
        [typeof(ListAreas)] = () => new ListAreas("431081"),
        [typeof(ListPaymentMonths)] = () => new ListPaymentMonths("431081"),
        [typeof(ComputePaymentMonth)] = () => new ComputePaymentMonth(), // invalid: no month
        [typeof(ClosePaymentMonth)] = () => new ClosePaymentMonth(),
        [typeof(GetPaymentPreview)] = () => new GetPaymentPreview("431081", new YearMonth(2023, 6)),
        [typeof(VerifySummaries)] = () => new VerifySummaries("431081"),
        [typeof(GetHouseholdPayments)] = () => new GetHouseholdPayments(-1),
        [typeof(ListRecoveries)] = () => new ListRecoveries("431081"),
        [typeof(ResolveRecovery)] = () => new ResolveRecovery(-1, Domain.Payments.RecoveryState.Recovered, null),
        [typeof(RecordTemporaryAssistance)] = () => new RecordTemporaryAssistance(),
        [typeof(RevokeTemporaryAssistance)] = () => new RevokeTemporaryAssistance(-1, ""),
        [typeof(ListTemporaryAssistance)] = () => new ListTemporaryAssistance("431081"),
        [typeof(CreateBankBatch)] = () => new CreateBankBatch("431081", new YearMonth(2023, 6)),
        [typeof(ListBankBatches)] = () => new ListBankBatches("431081"),
        [typeof(ExportBankFile)] = () => new ExportBankFile(-1, Stream.Null),
        [typeof(ImportBankReturn)] = () => new ImportBankReturn(-1, new MemoryStream()),
        [typeof(ListFailedPayments)] = () => new ListFailedPayments("431081"),
        [typeof(ReissueFailedPayments)] = () => new ReissueFailedPayments(-1),
        [typeof(PreviewStandardImpact)] = () => new PreviewStandardImpact(new AdjustStandards()),
        [typeof(GetCockpitFigures)] = () => new GetCockpitFigures("431081"),
        [typeof(GetCockpitStandards)] = () => new GetCockpitStandards("431081", new YearMonth(2023, 6)),
        [typeof(GetCockpitAlerts)] = () => new GetCockpitAlerts("431081"),
        [typeof(SetAnnualBudget)] = () => new SetAnnualBudget("431081", 2023, 0m), // invalid amount
        [typeof(GetMonthlyReport)] = () => new GetMonthlyReport("431081", new YearMonth(2023, 6)),
        [typeof(ExportMonthlyReport)] = () => new ExportMonthlyReport("431081", new YearMonth(2023, 6), null, new MemoryStream()),
        [typeof(GetWorkSummary)] = () => new GetWorkSummary("431081", new YearMonth(2023, 1), new YearMonth(2023, 6)),
        [typeof(ExportWorkSummary)] = () => new ExportWorkSummary("431081", new YearMonth(2023, 1), new YearMonth(2023, 6), null, new MemoryStream()),
        [typeof(ExportRoster)] = () => new ExportRoster(new RosterFilter("431081", IdNumber: "0000"), false, new MemoryStream()),
        [typeof(ExportPaymentList)] = () => new ExportPaymentList("431081", new YearMonth(2023, 6), false, new MemoryStream()),
        [typeof(ExportAuditLog)] = () => new ExportAuditLog(new SearchAudit(UserName: "nobody"), new MemoryStream()),
        [typeof(ImportRoster)] = () => new ImportRoster("431081", new RosterFile().Row("A", "试算").ToStream(), "x.xlsx", DryRun: true),
    };

    [Fact]
    public void Every_request_type_declares_a_permission()
    {
        var undeclared = RequestTypes().Where(t => t.GetCustomAttribute<RequiresPermissionAttribute>() is null).Select(t => t.Name).ToList();
        Assert.True(undeclared.Count == 0, $"Requests without [RequiresPermission]: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void The_role_matrix_covers_every_request_type() =>
        Assert.Equal(RequestTypes().OrderBy(t => t.Name), Samples().Keys.OrderBy(t => t.Name));

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task A_role_may_send_exactly_the_requests_its_permissions_allow(string role)
    {
        foreach (var (type, sample) in Samples())
        {
            var permission = type.GetCustomAttribute<RequiresPermissionAttribute>()!.Permission;
            var refused = await IsRefusedAsync(sample(), role);
            // An account kept to one area is refused the bureau-wide requests whatever its roles allow (AreaScopeTests).
            var scoped = AccountBootstrapper.DemoAccounts.First(a => a.Role == role).Area is not null;
            var allowed = Roles.Allows([role], permission) && !(scoped && type.IsDefined(typeof(BureauWideAttribute), false));
            Assert.True(refused == !allowed,
                $"{role} → {type.Name} ({permission}): {(refused ? "refused" : "allowed")}");
        }
    }

    [Fact]
    public async Task A_refusal_is_audited_with_the_user_and_the_request()
    {
        var result = await _db.SendAsync(new AdjustStandards(), Roles.Leader);

        Assert.Equal("PermissionDenied", Assert.Single(result.Errors).Rule);
        Assert.Contains("调整救助标准", result.Errors[0].Message);
        await using var context = _db.NewContext();
        var record = await context.AuditRecords.OrderByDescending(r => r.Sequence).FirstAsync();
        Assert.Equal(AuditAction.AccessDenied, record.Action);
        Assert.Equal("leader", record.UserName);
        Assert.Equal(nameof(AdjustStandards), record.EntityType);
    }

    [Fact]
    public async Task A_caller_who_is_not_signed_in_is_refused()
    {
        await using var scope = _db.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var refusal = await Assert.ThrowsAsync<PermissionDeniedException>(async () =>
            await sender.Send(new GetStandardsInForce("431081", new YearMonth(2023, 6))));
        Assert.Equal("请先登录。", refusal.Message);
    }

    [Fact]
    public async Task A_disabled_user_is_refused_at_once()
    {
        var standardsAdmin = await _db.PrincipalOfAsync(Roles.StandardsAdmin);
        Assert.NotEmpty(await _db.SendAsync(new GetStandardsInForce("431081", new YearMonth(2023, 6)), Roles.StandardsAdmin));

        Assert.True((await _db.SendAsync(new SetUserEnabled(standardsAdmin.UserId!, false), Roles.Admin)).Succeeded);

        var refusal = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            _db.SendAsync(new GetStandardsInForce("431081", new YearMonth(2023, 6)), Roles.StandardsAdmin));
        Assert.Equal("您的账号已停用，请联系系统管理员。", refusal.Message);
    }

    [Fact]
    public async Task A_role_taken_away_stops_working_at_once()
    {
        var standardsAdmin = await _db.PrincipalOfAsync(Roles.StandardsAdmin);
        Assert.True((await _db.SendAsync(new SetUserRoles { UserId = standardsAdmin.UserId!, Roles = [Roles.Leader] }, Roles.Admin)).Succeeded);

        var result = await _db.SendAsync(new AdjustStandards(), Roles.StandardsAdmin);
        Assert.Equal("PermissionDenied", Assert.Single(result.Errors).Rule);
    }

    private async Task<bool> IsRefusedAsync(object request, string role)
    {
        await using var scope = _db.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestPrincipal>().Principal = await _db.PrincipalOfAsync(role);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        try
        {
            var response = await sender.Send(request);
            return response is IResult { Succeeded: false } result && result.Errors.Any(e => e.Rule == "PermissionDenied");
        }
        catch (PermissionDeniedException)
        {
            return true;
        }
        catch (RequestValidationException)
        {
            return false;
        }
    }
}
