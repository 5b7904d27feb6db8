using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Recoveries;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Features.Standards;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;
using CivilAffairs.Domain.Security;
using CivilAffairs.Domain.Standards;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Payments;

/// <summary>The monthly payment run on a migrated database: entitlement, reasons, back pay, recovery, locking.</summary>
public sealed class PaymentRunTests : IAsyncLifetime
{
    private static readonly YearMonth Jan = new(2023, 1), Feb = new(2023, 2), Mar = new(2023, 3), Apr = new(2023, 4), May = new(2023, 5);
    private TestDatabase _db = default!;
    private RosterBuilder _roster = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _roster = new RosterBuilder(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<PaymentLine>> LinesAsync(YearMonth month)
    {
        await using var context = _db.NewContext();
        return await context.PaymentLines.AsNoTracking().Where(l => l.Month == month).ToListAsync();
    }

    private async Task<List<PaymentSummary>> SummariesAsync(YearMonth month)
    {
        await using var context = _db.NewContext();
        return await context.PaymentSummaries.AsNoTracking().Where(s => s.Month == month).ToListAsync();
    }

    /// <summary>One household per variant, each shaped the way that programme requires.</summary>
    private async Task<List<int>> EveryVariantAsync(YearMonth month)
    {
        var ids = new List<int>();
        foreach (var code in new[] { ProgrammeCatalogue.RuralDibaoA, ProgrammeCatalogue.RuralDibaoB, ProgrammeCatalogue.RuralDibaoC })
            ids.Add(await _roster.RegisterAsync(month, code));
        foreach (var code in new[] { ProgrammeCatalogue.UrbanDibaoA, ProgrammeCatalogue.UrbanDibaoB, ProgrammeCatalogue.UrbanDibaoC })
            ids.Add(await _roster.RegisterAsync(month, code, Residence.Urban, "东江街道",
                _roster.Member("陈伟", Relationship.Head), _roster.Member("陈小红", Relationship.Child, 2012, female: true),
                _roster.Member("陈奶奶", Relationship.Parent, 1940, female: true)));
        foreach (var code in new[] { ProgrammeCatalogue.ExtremePovertyRuralAtHome, ProgrammeCatalogue.ExtremePovertyRuralInstitutional,
                     ProgrammeCatalogue.ExtremePovertyUrbanAtHome, ProgrammeCatalogue.ExtremePovertyUrbanInstitutional })
        {
            var id = await _roster.RegisterAsync(month, null, members: _roster.Member("刘老汉", Relationship.Head, 1945));
            await _roster.EnrollAsync(id, "刘老汉", code, month);
            ids.Add(id);
        }
        var disabled = await _roster.RegisterAsync(month, ProgrammeCatalogue.RuralDibaoB,
            members: [_roster.Member("王强", Relationship.Head, 1980, grade: DisabilityGrade.One), _roster.Member("王芳", Relationship.Spouse, 1982, true)]);
        await _roster.EnrollAsync(disabled, "王强", ProgrammeCatalogue.DisabilityLiving, month);
        await _roster.EnrollAsync(disabled, "王强", ProgrammeCatalogue.DisabilityNursing, month);
        ids.Add(disabled);
        foreach (var code in new[] { ProgrammeCatalogue.OrphanInstitutional, ProgrammeCatalogue.OrphanScattered, ProgrammeCatalogue.UnattendedChild })
        {
            var id = await _roster.RegisterAsync(month, null,
                members: [_roster.Member("赵奶奶", Relationship.Head, 1950, true), _roster.Member("赵小宝", Relationship.Grandchild, 2015)]);
            await _roster.EnrollAsync(id, "赵小宝", code, month);
            ids.Add(id);
        }
        return ids;
    }

    [Fact]
    public async Task Every_variant_is_paid_exactly_what_the_domain_rule_says()
    {
        var households = await EveryVariantAsync(Jan);

        var outcome = await _roster.ComputeAsync(Jan);

        var lines = await LinesAsync(Jan);
        await using var context = _db.NewContext();
        var standards = await context.BenefitStandards.AsNoTracking().ToListAsync();
        var expected = new List<EntitledPayment>();
        foreach (var id in households)
        {
            var household = await context.Households.AsNoTracking().Include(h => h.Members).Include(h => h.Enrollments).SingleAsync(h => h.Id == id);
            expected.AddRange(Entitlement.For(household, Jan, code => standards.Single(s => s.VariantCode == code && s.IsInForceIn(Jan))));
        }
        Assert.Equal(
            expected.Select(e => (e.PersonId, e.VariantCode, e.Amount.Yuan, e.StandardId, e.Flags)).Order(),
            lines.Select(l => (l.PersonId!.Value, l.VariantCode, l.Amount, l.StandardId!.Value, l.Flags)).Order());
        // Every one of the 15 monthly variants is paid, at the 2023 standard of the demo bureau.
        Assert.Equal(15, lines.Select(l => l.VariantCode).Distinct().Count());
        Assert.All(lines.Where(l => l.VariantCode == ProgrammeCatalogue.RuralDibaoA), l => Assert.Equal(380m, l.Amount));
        Assert.All(lines.Where(l => l.VariantCode == ProgrammeCatalogue.ExtremePovertyUrbanAtHome), l => Assert.Equal(715m, l.Amount));
        Assert.All(lines, l => Assert.Equal(PaymentReason.New, l.Reason));
        Assert.Equal(lines.Sum(l => l.Amount), outcome.Run.Totals.Paid);
        // The three-person urban households: a minor, an elderly woman, two females.
        var urbanA = lines.Where(l => l.VariantCode == ProgrammeCatalogue.UrbanDibaoA).ToList();
        Assert.Equal(3, urbanA.Count);
        Assert.Equal(1, urbanA.Count(l => l.Flags.HasFlag(PaymentLineFlags.Minor)));
        Assert.Equal(1, urbanA.Count(l => l.Flags.HasFlag(PaymentLineFlags.Elderly)));
        Assert.Equal(2, urbanA.Count(l => l.Flags.HasFlag(PaymentLineFlags.Female)));
    }

    [Fact]
    public async Task Each_line_says_why_against_last_month_and_the_preview_explains_the_difference()
    {
        var stays = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        var stops = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB);
        var tier = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoC);
        var urban = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.UrbanDibaoA, Residence.Urban, "东江街道");
        await _roster.CloseAsync(Jan);

        await _roster.RegisterAsync(Feb, ProgrammeCatalogue.RuralDibaoA);
        Assert.True((await _db.SendAsync(new StopHousehold { HouseholdId = stops, Month = Feb, Reason = StopReason.IncomeAboveLine }, Roles.Caseworker)).Succeeded);
        Assert.True((await _db.SendAsync(new ChangeTier { HouseholdId = tier, Month = Feb, VariantCode = ProgrammeCatalogue.RuralDibaoA }, Roles.Caseworker)).Succeeded);
        var adjusted = await _db.SendAsync(new AdjustStandards
        {
            JurisdictionCode = RosterBuilder.Bureau, EffectiveFrom = Feb.FirstDay, DocumentNumber = "资民发〔2023〕9号",
            Items = [new() { VariantCode = ProgrammeCatalogue.UrbanDibaoA, NewAmount = 560m }],
        }, Roles.StandardsAdmin);
        Assert.True(adjusted.Succeeded);

        await _roster.ComputeAsync(Feb);

        var lines = await LinesAsync(Feb);
        Assert.All(lines.Where(l => l.HouseholdId == stays), l => Assert.Equal(PaymentReason.Continuing, l.Reason));
        Assert.DoesNotContain(lines, l => l.HouseholdId == stops);
        Assert.All(lines.Where(l => l.HouseholdId == tier), l => Assert.Equal((PaymentReason.TierChange, 240m, 380m), (l.Reason, l.PreviousAmount!.Value, l.Amount)));
        Assert.All(lines.Where(l => l.HouseholdId == urban), l => Assert.Equal((PaymentReason.StandardChange, 550m, 560m), (l.Reason, l.PreviousAmount!.Value, l.Amount)));
        Assert.Equal(2, lines.Count(l => l.Reason == PaymentReason.New));

        var preview = (await _db.SendAsync(new GetPaymentPreview(RosterBuilder.Bureau, Feb), Roles.Caseworker))!;
        var total = preview.Total;
        Assert.Equal(total.Difference, total.Explained);
        Assert.Equal((1, 2, 760m), (total.NewHouseholds, total.NewPersons, total.NewAmount));
        Assert.Equal((1, 2, 560m), (total.StoppedHouseholds, total.StoppedPersons, total.StoppedAmount));
        Assert.Equal(2 * (380m - 240m), total.TierChangeDelta);
        Assert.Equal(2 * 10m, total.StandardChangeDelta);
        Assert.All(preview.ByProgramme, row => Assert.Equal(row.Difference, row.Explained));
        Assert.Equal(total.Amount, preview.ByTownship.Sum(t => t.Amount));
    }

    [Fact]
    public async Task A_standard_raised_back_to_January_pays_exactly_the_difference_for_each_closed_month()
    {
        // The report's case: January to March were paid at 320 (the 2022 standard) before the raise was announced.
        await using (var context = _db.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync($"DELETE FROM BenefitStandards WHERE EffectiveFrom = {Jan.Key}");
            await context.Database.ExecuteSqlRawAsync("UPDATE BenefitStandards SET EffectiveTo = NULL");
        }
        var a = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        var b = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB,
            members: [_roster.Member("孙一", Relationship.Head), _roster.Member("孙二", Relationship.Child, 2000), _roster.Member("孙三", Relationship.Child, 2003)]);
        await _roster.CloseThroughAsync(Jan, Mar);
        Assert.All((await LinesAsync(Mar)).Where(l => l.HouseholdId == a), l => Assert.Equal(320m, l.Amount));

        // Announced in April, effective from January: rural dibao A 320 → 380.
        var adjusted = await _db.SendAsync(new AdjustStandards
        {
            JurisdictionCode = RosterBuilder.Bureau, EffectiveFrom = Jan.FirstDay, DocumentNumber = "资民发〔2023〕12号",
            Items = [new() { VariantCode = ProgrammeCatalogue.RuralDibaoA, NewAmount = 380m }],
        }, Roles.StandardsAdmin);
        Assert.True(adjusted.Succeeded, string.Join(";", adjusted.Errors.Select(e => e.Message)));

        var outcome = await _roster.ComputeAsync(Apr);
        await _roster.ComputeAsync(Apr); // a second preview does not pay twice

        var lines = await LinesAsync(Apr);
        var backPay = lines.Where(l => l.Reason == PaymentReason.BackPay).ToList();
        Assert.Equal(6, backPay.Count); // two persons × January, February and March
        Assert.All(backPay, l => Assert.Equal((a, 60m), (l.HouseholdId, l.Amount)));
        Assert.Equal([Jan, Jan, Feb, Feb, Mar, Mar], backPay.Select(l => l.ForMonth).Order());
        Assert.Equal(2 * 3 * 60m, outcome.Run.Totals.BackPay);
        Assert.DoesNotContain(lines, l => l.HouseholdId == b && l.Reason == PaymentReason.BackPay);
        Assert.All(lines.Where(l => l.HouseholdId == a && l.Reason <= PaymentReason.StandardChange), l => Assert.Equal((380m, PaymentReason.StandardChange), (l.Amount, l.Reason)));

        await _roster.CloseAsync(Apr);
        await _roster.ComputeAsync(May);
        Assert.DoesNotContain(await LinesAsync(May), l => l.Reason == PaymentReason.BackPay);
        Assert.Empty(await _db.SendAsync(new VerifySummaries(RosterBuilder.Bureau), Roles.Caseworker));
    }

    [Fact]
    public async Task A_stop_and_a_tier_change_dated_into_closed_months_become_recoveries_tracked_until_resolved()
    {
        var stopped = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        var lowered = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA, members: _roster.Member("周一", Relationship.Head));
        await _roster.CloseThroughAsync(Jan, Mar);

        Assert.True((await _db.SendAsync(new StopHousehold { HouseholdId = stopped, Month = Feb, Reason = StopReason.Died }, Roles.Caseworker)).Succeeded);
        Assert.True((await _db.SendAsync(new ChangeTier { HouseholdId = lowered, Month = Mar, VariantCode = ProgrammeCatalogue.RuralDibaoC }, Roles.Caseworker)).Succeeded);
        // Additions still cannot be dated into a closed month.
        var add = await _db.SendAsync(new AddMember { HouseholdId = lowered, Month = Mar, Member = _roster.Member("周二", Relationship.Child, 2001) }, Roles.Caseworker);
        Assert.Equal(nameof(ChangeCannotBeDatedIntoClosedMonth), Assert.Single(add.Errors).Rule);

        var outcome = await _roster.ComputeAsync(Apr);

        var lines = await LinesAsync(Apr);
        var recovered = lines.Where(l => l.Reason == PaymentReason.Recovery).ToList();
        Assert.Equal(4 * -380m + -(380m - 240m), recovered.Sum(l => l.Amount));
        Assert.Equal(5, recovered.Count); // two persons × Feb, Mar; one person × Mar
        Assert.Equal(3, outcome.Run.RecoveriesFound); // two persons of one household and one person
        await using (var context = _db.NewContext())
        {
            var cases = await context.Recoveries.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
            Assert.Equal(3, cases.Count);
            Assert.All(cases.Where(c => c.HouseholdId == stopped), c => Assert.Equal((Feb, Mar, 2, 760m), (c.FromMonth, c.ToMonth, c.Months, c.Amount)));
            Assert.Equal((Mar, Mar, 1, 140m), cases.Where(c => c.HouseholdId == lowered).Select(c => (c.FromMonth, c.ToMonth, c.Months, c.Amount)).Single());
            Assert.All(recovered, l => Assert.Contains(cases, c => c.Id == l.RecoveryId));
        }
        // The recoveries are not paid out: the month's payments are the lowered household's April only.
        Assert.Equal(240m, outcome.Run.Totals.Paid);
        Assert.Equal(4 * 380m + 140m, outcome.Run.Totals.Recovery);

        var list = await _db.SendAsync(new ListRecoveries(RosterBuilder.Bureau, RecoveryState.Outstanding), Roles.Caseworker);
        Assert.Equal(3, list.Count);
        var early = await _db.SendAsync(new ResolveRecovery(list[0].Id, RecoveryState.Recovered, null), Roles.Caseworker);
        Assert.Equal(nameof(RecoveryNeedsClosedDetectionMonth), Assert.Single(early.Errors).Rule);

        await _roster.CloseAsync(Apr);
        var noReason = await _db.SendAsync(new ResolveRecovery(list[0].Id, RecoveryState.WrittenOff, " "), Roles.Caseworker);
        Assert.Equal(nameof(WriteOffNeedsReason), Assert.Single(noReason.Errors).Rule);
        Assert.True((await _db.SendAsync(new ResolveRecovery(list[0].Id, RecoveryState.WrittenOff, "当事人已死亡，无遗产"), Roles.Caseworker)).Succeeded);
        Assert.True((await _db.SendAsync(new ResolveRecovery(list[1].Id, RecoveryState.Recovered, "已退回"), Roles.Caseworker)).Succeeded);
        var twice = await _db.SendAsync(new ResolveRecovery(list[1].Id, RecoveryState.Recovered, "已退回"), Roles.Caseworker);
        Assert.Equal(nameof(RecoveryMustBeOutstanding), Assert.Single(twice.Errors).Rule);
        Assert.Single(await _db.SendAsync(new ListRecoveries(RosterBuilder.Bureau, RecoveryState.Outstanding), Roles.Caseworker));

        // Settled once: May finds nothing more to recover.
        await _roster.ComputeAsync(May);
        Assert.DoesNotContain(await LinesAsync(May), l => l.Reason == PaymentReason.Recovery);
    }

    [Fact]
    public async Task Months_are_paid_in_order_and_a_closed_month_is_locked()
    {
        var id = await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        await _roster.CloseAsync(Jan);

        var skip = await _db.SendAsync(new ComputePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = Mar }, Roles.Caseworker);
        Assert.Equal(nameof(MonthsArePaidInOrder), Assert.Single(skip.Errors).Rule);
        var again = await _db.SendAsync(new ComputePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = Jan }, Roles.Caseworker);
        Assert.Equal(nameof(ClosedMonthIsLocked), Assert.Single(again.Errors).Rule);
        var notPreviewed = await _db.SendAsync(new ClosePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = Feb }, Roles.Caseworker);
        Assert.Equal(nameof(MonthMustBeComputedBeforeClosing), Assert.Single(notPreviewed.Errors).Rule);

        // Nothing edits a closed line through the application.
        await using var context = _db.NewContext();
        var line = await context.PaymentLines.FirstAsync(l => l.HouseholdId == id);
        context.Entry(line).Property(l => l.Amount).CurrentValue = 1m;
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        context.ChangeTracker.Clear();
        context.PaymentLines.Remove(line);
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
    }

    [Fact]
    public async Task Closing_twice_or_by_two_users_at_once_closes_once()
    {
        await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        await _roster.ComputeAsync(Jan);
        var months = await _db.SendAsync(new ListPaymentMonths(RosterBuilder.Bureau), Roles.Caseworker);
        var seen = months.Find(Jan)!.Version;

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _db.SendAsync(
            new ClosePaymentMonth { JurisdictionCode = RosterBuilder.Bureau, Month = Jan, ExpectedVersion = seen }, Roles.Caseworker)));

        var winners = both.Where(r => r.Succeeded && !r.Value!.AlreadyClosed).ToList();
        Assert.Single(winners);
        var loser = both.Single(r => !winners.Contains(r));
        Assert.True(loser.Succeeded ? loser.Value!.AlreadyClosed : loser.Errors.Single().Rule == "ConcurrencyConflict");
        Assert.Equal(2, (await LinesAsync(Jan)).Count);

        var third = await _roster.CloseAsync(Jan);
        Assert.True(third.AlreadyClosed);
        Assert.False(string.IsNullOrWhiteSpace(third.ClosedBy));
        Assert.NotNull(third.Run.AlreadyClosedAtUtc);
        Assert.Equal(2, (await LinesAsync(Jan)).Count);
        await using var context = _db.NewContext();
        Assert.Equal(1, await context.AuditRecords.CountAsync(r => r.EntityType == nameof(PaymentMonth) && r.Reason!.StartsWith("月度发放关账")));
    }

    [Fact]
    public async Task A_failure_half_way_leaves_the_month_exactly_as_before()
    {
        await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);
        var run = _db.Services.GetRequiredService<IPaymentRun>();
        await using (var context = _db.NewContext())
        {
            var j = await context.Areas.Where(a => a.Code == RosterBuilder.Bureau).Select(a => a.Id).SingleAsync();

            // A first computation that fails after the lines were written leaves no month, no line, no summary.
            await Assert.ThrowsAsync<IOException>(() => run.RunAsync(new PaymentRunOrder(j, Jan, false, null, "test"), new FailAt(PaymentRunStep.Summaries), default));
            Assert.Equal(0, await context.PaymentMonths.CountAsync());
            Assert.Equal(0, await context.PaymentLines.CountAsync());

            await _roster.ComputeAsync(Jan);
            await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoB); // the preview is now stale
            var before = await context.PaymentMonths.AsNoTracking().SingleAsync();
            var lines = await context.PaymentLines.CountAsync();
            var summaries = await context.PaymentSummaries.AsNoTracking().ToListAsync();

            // A close that recomputes and then fails while locking leaves the preview as it was.
            await Assert.ThrowsAsync<IOException>(() => run.RunAsync(new PaymentRunOrder(j, Jan, true, before.Version, "test"), new FailAt(PaymentRunStep.Locking), default));

            var after = await context.PaymentMonths.AsNoTracking().SingleAsync();
            Assert.Equal((before.State, before.Version, before.LineCount, before.PaidAmount), (after.State, after.Version, after.LineCount, after.PaidAmount));
            Assert.Equal(lines, await context.PaymentLines.CountAsync());
            Assert.Equal(summaries.Select(s => (s.VariantCode, s.Persons, s.Amount)), (await context.PaymentSummaries.AsNoTracking().ToListAsync()).Select(s => (s.VariantCode, s.Persons, s.Amount)));
        }
        var closed = await _roster.CloseAsync(Jan);
        Assert.True(closed.Run.Recomputed);
        Assert.Equal(4, closed.Run.Totals.Lines);
    }

    [Fact]
    public async Task Summaries_equal_the_ledger_and_the_check_finds_a_tampered_row()
    {
        await EveryVariantAsync(Jan);
        await _roster.CloseAsync(Jan);
        await _roster.ComputeAsync(Feb);

        foreach (var month in new[] { Jan, Feb })
        {
            var lines = await LinesAsync(month);
            var summaries = await SummariesAsync(month);
            foreach (var variant in lines.GroupBy(l => l.VariantCode))
            {
                var row = summaries.Where(s => s.VariantCode == variant.Key).ToList();
                Assert.Equal(variant.Count(l => l.IsRegular), row.Sum(s => s.Persons));
                Assert.Equal(variant.Where(l => l.IsRegular).Select(l => l.HouseholdId).Distinct().Count(), row.Sum(s => s.Households));
                Assert.Equal(variant.Sum(l => l.Amount), row.Sum(s => s.Amount));
                Assert.Equal(variant.Count(l => l.Flags.HasFlag(PaymentLineFlags.Elderly)), row.Sum(s => s.Elderly));
            }
        }
        Assert.Empty(await _db.SendAsync(new VerifySummaries(RosterBuilder.Bureau), Roles.Caseworker));

        await using (var context = _db.NewContext())
            await context.Database.ExecuteSqlRawAsync("UPDATE PaymentSummaries SET Persons = Persons + 1 WHERE Id = (SELECT MIN(Id) FROM PaymentSummaries)");
        var problems = await _db.SendAsync(new VerifySummaries(RosterBuilder.Bureau), Roles.Caseworker);
        Assert.Single(problems);
        Assert.Contains("2023-01", problems[0]);
    }

    [Fact]
    public async Task The_command_line_closes_a_month_and_says_why_when_it_cannot()
    {
        await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);

        var usage = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "close-month", "--month", "2023-13");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("月份格式不对", usage.Output);
        var skipped = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "close-month", "--month", "2023-01");
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("2023-01 已关账：2 条台账，发放 760.00 元", skipped.Output);
        var outOfOrder = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "close-month", "--month", "2023-03");
        Assert.Equal(1, outOfOrder.ExitCode);
        Assert.Contains("下一个应处理的是 2023-02", outOfOrder.Output);
        var again = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "close-month", "--month", "2023-01");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("此前", again.Output);

        Assert.Matches(@"2023-01 此前已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 由 \S+ 关账（本次未做任何改动）", again.Output);
        Assert.DoesNotContain("沿用预览结果", again.Output);

        var check = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "verify-summaries");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("一致", check.Output);
        await using (var context = _db.NewContext())
            await context.Database.ExecuteSqlRawAsync("UPDATE PaymentSummaries SET AmountFen = AmountFen + 1");
        Assert.Equal(1, (await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "verify-summaries")).ExitCode);
    }

    [Fact]
    public async Task Two_close_month_at_once_close_once_and_the_other_says_who_closed_it_and_when()
    {
        await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "close-month", "--month", "2023-01")));

        Assert.Single(both, r => r.ExitCode == 0 && r.Output.Contains("2023-01 已关账：2 条台账"));
        var other = both.Single(r => !r.Output.Contains("2023-01 已关账："));
        // The one that did nothing says so, or refuses with the reason; it never claims a close of its own.
        Assert.True(other.ExitCode == 0
            ? System.Text.RegularExpressions.Regex.IsMatch(other.Output, @"此前已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 由 \S+ 关账（本次未做任何改动）")
            : other.Output.Contains("已被") || other.Output.Contains("已关账"), other.Output);
        Assert.Equal(2, (await LinesAsync(Jan)).Count);
    }

    [Fact]
    public async Task The_command_line_acts_as_a_named_account_with_its_permissions_and_is_audited_as_such()
    {
        await _roster.RegisterAsync(Jan, ProgrammeCatalogue.RuralDibaoA);

        var nobody = await DashboardCli.RunAsync(_db.ConnectionString, "close-month", "--month", "2023-01");
        Assert.Equal(3, nobody.ExitCode);
        Assert.Contains("--user", nobody.Output);
        var unknown = await DashboardCli.RunAsync(_db.ConnectionString, "close-month", "--month", "2023-01", "--user", "no-such-account");
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("账户不存在：no-such-account", unknown.Output);
        var leader = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Leader, "close-month", "--month", "2023-01");
        Assert.Equal(3, leader.ExitCode);
        Assert.Contains("权限，操作未执行", leader.Output);
        var misspelt = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "close-month", "--mnth", "2023-01");
        Assert.Equal(2, misspelt.ExitCode);
        var help = await DashboardCli.RunAsync(_db.ConnectionString, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.All(new[] { "close-month", "verify-ledger", "verify-summaries", "export-monthly", "import-roster", "--user" }, verb => Assert.Contains(verb, help.Output));
        Assert.Equal(0, (await DashboardCli.RunAsync(_db.ConnectionString, "close-month", "--help")).ExitCode);

        var closed = await DashboardCli.RunAsAsync(_db.ConnectionString, Roles.Caseworker, "close-month", "--month", "2023-01");
        Assert.True(closed.ExitCode == 0, closed.Output);
        await using var context = _db.NewContext();
        var month = await context.PaymentMonths.SingleAsync(m => m.Month == Jan);
        Assert.Equal($"命令行:{TestDatabase.UserNameOf(Roles.Caseworker)}", month.ClosedBy);
        Assert.Contains(await context.AuditRecords.Select(r => r.UserName).ToListAsync(), n => n == $"命令行:{TestDatabase.UserNameOf(Roles.Leader)}");
    }

    private sealed class FailAt(PaymentRunStep step) : IProgress<PaymentRunProgress>
    {
        public void Report(PaymentRunProgress value)
        {
            if (value.Step == step) throw new IOException("disk full");
        }
    }
}
