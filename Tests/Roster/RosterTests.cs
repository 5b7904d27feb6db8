using System.Text.Json;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;
using CivilAffairs.Domain.Security;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Roster;

/// <summary>Dynamic management through the real pipeline on a migrated database, as a caseworker.</summary>
public sealed class RosterTests : IAsyncLifetime
{
    private const string Caseworker = Roles.Caseworker;
    private static readonly YearMonth March = new(2026, 3);
    private TestDatabase _db = default!;
    private int _community;
    private int _otherCommunity;
    private int _sequence = 100;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var areas = await _db.SendAsync(new ListAreas("431081"), Caseworker);
        _community = areas.Single(t => t.Name == "三都镇").Communities[1].Id;
        _otherCommunity = areas.Single(t => t.Name == "东江街道").Communities[0].Id;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private string NewId(int year = 1970, int month = 5, int day = 17, bool female = false) =>
        IdNumber.Compose("431081", new DateOnly(year, month, day), (_sequence += 2) + (female ? 1 : 0)).Value;

    private MemberInput Member(string name, Relationship relationship, string? id = null, DisabilityGrade? grade = null) => new()
    {
        Name = name, IdNumber = id ?? NewId(), Relationship = relationship, DisabilityGrade = grade,
        DisabilityCategory = grade is null ? null : DisabilityCategory.Physical,
    };

    private async Task<int> RegisterAsync(string? variant = ProgrammeCatalogue.RuralDibaoA, params MemberInput[] members)
    {
        var result = await _db.SendAsync(new RegisterHousehold
        {
            CommunityId = _community, Address = "三都镇流华湾村 3 组", Residence = Residence.Rural, VariantCode = variant, Month = March,
            BankAccount = "6217995550001234561",
            Members = members.Length > 0 ? [.. members] : [Member("张建国", Relationship.Head), Member("李秀英", Relationship.Spouse)],
        }, Caseworker);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    private Task<HouseholdDetail?> Detail(int id) => _db.SendAsync(new GetHousehold(id), Caseworker);

    [Fact]
    public async Task A_new_household_is_registered_with_members_dibao_and_a_timeline()
    {
        var id = await RegisterAsync();

        var household = (await Detail(id))!;
        Assert.Equal(2, household.Members.Count);
        Assert.Equal("农村低保 A类", household.OpenDibao!.VariantName);
        Assert.Equal("三都镇", household.Township);
        Assert.StartsWith("6217", household.BankAccountMasked);
        Assert.Contains("*", household.BankAccountMasked);
        Assert.Contains("新增：户主 张建国，共 2 人，农村低保 A类", household.Timeline.Single().Description);
        Assert.All(household.Members, m => Assert.Contains("**********", m.IdNumberMasked));
    }

    [Fact]
    public async Task The_same_person_cannot_join_a_second_household()
    {
        var shared = NewId();
        await RegisterAsync(members: [Member("王芳", Relationship.Head, shared)]);

        var result = await _db.SendAsync(new RegisterHousehold
        {
            CommunityId = _community, Address = "x", Residence = Residence.Rural, Month = March,
            Members = [Member("王芳", Relationship.Head, shared)],
        }, Caseworker);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Members[0].IdNumber", error.Field);
        Assert.Equal(nameof(PersonBelongsToOneHouseholdAtATime), error.Rule);
    }

    [Fact]
    public async Task A_wrong_check_character_is_refused_beside_the_member()
    {
        var bad = NewId()[..17] + "0";
        if (IdNumber.Check(bad) is null) bad = bad[..17] + "1";
        var result = await _db.SendAsync(new RegisterHousehold
        {
            CommunityId = _community, Address = "x", Residence = Residence.Rural, Month = March,
            Members = [Member("赵磊", Relationship.Head, bad)],
        }, Caseworker);
        Assert.Contains(result.Errors, e => e.Field == "Members[0].IdNumber" && e.Message.Contains("校验位"));
    }

    [Fact]
    public async Task Urban_dibao_is_refused_for_a_rural_household()
    {
        var result = await _db.SendAsync(new RegisterHousehold
        {
            CommunityId = _community, Address = "x", Residence = Residence.Rural, Month = March, VariantCode = ProgrammeCatalogue.UrbanDibaoA,
            Members = [Member("赵磊", Relationship.Head)],
        }, Caseworker);
        Assert.Equal(nameof(DibaoMustMatchResidence), Assert.Single(result.Errors).Rule);
    }

    [Fact]
    public async Task A_household_needs_exactly_one_head()
    {
        var result = await _db.SendAsync(new RegisterHousehold
        {
            CommunityId = _community, Address = "x", Residence = Residence.Rural, Month = March,
            Members = [Member("甲", Relationship.Head), Member("乙", Relationship.Head)],
        }, Caseworker);
        Assert.Equal(nameof(HouseholdHasExactlyOneHead), Assert.Single(result.Errors).Rule);
    }

    [Fact]
    public async Task A_tier_change_ends_one_enrolment_and_starts_the_next()
    {
        var id = await RegisterAsync();
        var result = await _db.SendAsync(new ChangeTier { HouseholdId = id, Month = new YearMonth(2026, 6), VariantCode = ProgrammeCatalogue.RuralDibaoB }, Caseworker);

        Assert.True(result.Succeeded);
        var household = (await Detail(id))!;
        var dibao = household.Enrollments.Where(e => e.PersonId is null).ToList();
        Assert.Equal(new YearMonth(2026, 5), dibao[0].ToMonth);
        Assert.Equal((ProgrammeCatalogue.RuralDibaoB, new YearMonth(2026, 6), (YearMonth?)null), (dibao[1].VariantCode, dibao[1].FromMonth, dibao[1].ToMonth));
        Assert.Equal("调档：农村低保 A类 → 农村低保 B类", household.Timeline[0].Description);
    }

    [Fact]
    public async Task A_stop_ends_everything_and_other_needs_a_reason()
    {
        var id = await RegisterAsync();
        var noReason = await _db.SendAsync(new StopHousehold { HouseholdId = id, Month = new YearMonth(2026, 7), Reason = StopReason.Other }, Caseworker);
        Assert.Equal(nameof(OtherStopReasonNeedsText), Assert.Single(noReason.Errors).Rule);

        var stopped = await _db.SendAsync(new StopHousehold { HouseholdId = id, Month = new YearMonth(2026, 7), Reason = StopReason.IncomeAboveLine }, Caseworker);
        Assert.True(stopped.Succeeded);
        var household = (await Detail(id))!;
        Assert.Equal(HouseholdStatus.Stopped, household.Status);
        Assert.All(household.Enrollments, e => Assert.Equal(new YearMonth(2026, 6), e.ToMonth));
        Assert.Equal("停发：收入超过保障标准", household.Timeline[0].Description);

        var afterStop = await _db.SendAsync(new ChangeTier { HouseholdId = id, Month = new YearMonth(2026, 8), VariantCode = ProgrammeCatalogue.RuralDibaoB }, Caseworker);
        Assert.Equal(nameof(HouseholdMustBeActive), Assert.Single(afterStop.Errors).Rule);
    }

    [Fact]
    public async Task A_change_dated_into_a_closed_month_is_refused_or_becomes_a_correction()
    {
        var id = await RegisterAsync();
        await using (var context = _db.NewContext())
        {
            var month = new PaymentMonth(context.Areas.Single(a => a.Code == "431081").Id, new YearMonth(2026, 5));
            month.Computed(new PaymentTotals(0, 0, 0, 0), 0, DateTime.UtcNow, "test");
            month.Close(DateTime.UtcNow, "test");
            context.PaymentMonths.Add(month);
            await context.SaveChangesAsync();
        }

        // An addition would pay for a month already closed: refused, with the way forward.
        var add = await _db.SendAsync(new AddMember { HouseholdId = id, Month = new YearMonth(2026, 5), Member = Member("张小明", Relationship.Child, NewId(2012, 9, 1)) }, Caseworker);
        var error = Assert.Single(add.Errors);
        Assert.Equal(nameof(ChangeCannotBeDatedIntoClosedMonth), error.Rule);
        Assert.Contains("追溯", error.Message);

        // A stop dated back is a correction: accepted, and noted for the next payment run to recover.
        Assert.True((await _db.SendAsync(new StopHousehold { HouseholdId = id, Month = new YearMonth(2026, 5), Reason = StopReason.MovedAway }, Caseworker)).Succeeded);
        await using (var context = _db.NewContext())
        {
            var retroactive = await context.RetroactiveChanges.SingleAsync();
            Assert.Equal((id, new YearMonth(2026, 5)), (retroactive.HouseholdId!.Value, retroactive.FromMonth));
        }
    }

    [Fact]
    public async Task Members_come_and_go_and_the_head_stays_while_others_remain()
    {
        var id = await RegisterAsync();
        var add = await _db.SendAsync(new AddMember { HouseholdId = id, Month = new YearMonth(2026, 4), Member = Member("张小明", Relationship.Child, NewId(2012, 9, 1)) }, Caseworker);
        Assert.True(add.Succeeded);
        var household = (await Detail(id))!;
        var head = household.Members.Single(m => m.Relationship == Relationship.Head);
        var child = household.Members.Single(m => m.Name == "张小明");

        var removeHead = await _db.SendAsync(new RemoveMember(id, head.Id, new YearMonth(2026, 5), false), Caseworker);
        Assert.Equal(nameof(HouseholdHasExactlyOneHead), Assert.Single(removeHead.Errors).Rule);

        Assert.True((await _db.SendAsync(new RemoveMember(id, child.Id, new YearMonth(2026, 5), false), Caseworker)).Succeeded);
        household = (await Detail(id))!;
        Assert.Equal(PersonStatus.Removed, household.Members.Single(m => m.Id == child.Id).Status);
        Assert.Equal(new YearMonth(2026, 4), household.Members.Single(m => m.Id == child.Id).LeftMonth);
    }

    [Fact]
    public async Task A_household_moves_to_another_community()
    {
        var id = await RegisterAsync();
        Assert.True((await _db.SendAsync(new MoveHousehold(id, _otherCommunity, new YearMonth(2026, 8)), Caseworker)).Succeeded);
        var household = (await Detail(id))!;
        Assert.Equal("东江街道", household.Township);
        Assert.StartsWith("迁移：", household.Timeline[0].Description);
    }

    [Fact]
    public async Task Extreme_poverty_and_dibao_exclude_each_other()
    {
        var id = await RegisterAsync();
        var person = (await Detail(id))!.Members[0];
        var result = await _db.SendAsync(new EnrollPerson(id, person.Id, ProgrammeCatalogue.ExtremePovertyRuralAtHome, new YearMonth(2026, 4)), Caseworker);
        Assert.Equal(nameof(ExtremePovertyAndDibaoExcludeEachOther), Assert.Single(result.Errors).Rule);

        var alone = await RegisterAsync(null, Member("孤老汉", Relationship.Head, NewId(1940)));
        var elder = (await Detail(alone))!.Members[0];
        Assert.True((await _db.SendAsync(new EnrollPerson(alone, elder.Id, ProgrammeCatalogue.ExtremePovertyRuralAtHome, new YearMonth(2026, 4)), Caseworker)).Succeeded);
    }

    [Fact]
    public async Task The_nursing_subsidy_needs_grade_one_or_two_and_the_living_subsidy_a_dibao_household()
    {
        var id = await RegisterAsync(ProgrammeCatalogue.RuralDibaoA, Member("刘强", Relationship.Head, grade: DisabilityGrade.Three), Member("刘梅", Relationship.Spouse, grade: DisabilityGrade.One));
        var members = (await Detail(id))!.Members;
        var gradeThree = members.Single(m => m.Name == "刘强");
        var gradeOne = members.Single(m => m.Name == "刘梅");

        var nursing3 = await _db.SendAsync(new EnrollPerson(id, gradeThree.Id, ProgrammeCatalogue.DisabilityNursing, new YearMonth(2026, 4)), Caseworker);
        Assert.Equal(nameof(NursingSubsidyRequiresGradeOneOrTwo), Assert.Single(nursing3.Errors).Rule);
        Assert.True((await _db.SendAsync(new EnrollPerson(id, gradeOne.Id, ProgrammeCatalogue.DisabilityNursing, new YearMonth(2026, 4)), Caseworker)).Succeeded);
        Assert.True((await _db.SendAsync(new EnrollPerson(id, gradeThree.Id, ProgrammeCatalogue.DisabilityLiving, new YearMonth(2026, 4)), Caseworker)).Succeeded);

        var outside = await RegisterAsync(null, Member("陈刚", Relationship.Head, grade: DisabilityGrade.Two));
        var chen = (await Detail(outside))!.Members[0];
        var living = await _db.SendAsync(new EnrollPerson(outside, chen.Id, ProgrammeCatalogue.DisabilityLiving, new YearMonth(2026, 4)), Caseworker);
        Assert.Equal(nameof(LivingSubsidyRequiresDibaoHousehold), Assert.Single(living.Errors).Rule);
        var withException = await _db.SendAsync(new EnrollPerson(outside, chen.Id, ProgrammeCatalogue.DisabilityLiving, new YearMonth(2026, 4), "资民发〔2026〕8号 边缘户残疾人纳入"), Caseworker);
        Assert.True(withException.Succeeded);
    }

    [Fact]
    public async Task Children_allowances_need_a_minor_and_orphan_excludes_unattended_child()
    {
        var id = await RegisterAsync(null, Member("周奶奶", Relationship.Head, NewId(1950)), Member("周小丽", Relationship.Grandchild, NewId(2015, 2, 2, female: true)));
        var members = (await Detail(id))!.Members;
        var grandmother = members.Single(m => m.Name == "周奶奶");
        var child = members.Single(m => m.Name == "周小丽");

        var adult = await _db.SendAsync(new EnrollPerson(id, grandmother.Id, ProgrammeCatalogue.OrphanScattered, new YearMonth(2026, 4)), Caseworker);
        Assert.Equal(nameof(ChildAllowanceRequiresAgeUnder18), Assert.Single(adult.Errors).Rule);

        Assert.True((await _db.SendAsync(new EnrollPerson(id, child.Id, ProgrammeCatalogue.OrphanScattered, new YearMonth(2026, 4)), Caseworker)).Succeeded);
        var both = await _db.SendAsync(new EnrollPerson(id, child.Id, ProgrammeCatalogue.UnattendedChild, new YearMonth(2026, 4)), Caseworker);
        Assert.Equal(nameof(OrphanAndUnattendedChildExcludeEachOther), Assert.Single(both.Errors).Rule);
    }

    /// <summary>
    /// The probe: prefix + U+FFFF as the upper bound never found 刘𠮷 or 陈𪚥 (outside the basic plane) or a name
    /// starting with an emoji; a zero-width look-alike of an existing name was accepted as a different name.
    /// </summary>
    [Fact]
    public async Task Names_with_rare_characters_are_found_and_invisible_characters_do_not_make_a_second_name()
    {
        await RegisterAsync(ProgrammeCatalogue.RuralDibaoA, Member("刘𠮷", Relationship.Head), Member("陈𪚥", Relationship.Spouse));
        await RegisterAsync(ProgrammeCatalogue.RuralDibaoA, Member("😀小明", Relationship.Head));
        await RegisterAsync(ProgrammeCatalogue.RuralDibaoA, Member("王\u200B五", Relationship.Head), Member("刘\u0000备\u202E", Relationship.Spouse));
        // A decomposed character (e + combining acute) is stored composed.
        await RegisterAsync(ProgrammeCatalogue.RuralDibaoA, Member("Jose\u0301", Relationship.Head));

        async Task<List<string>> Names(string prefix) =>
            (await _db.SendAsync(new SearchRoster(new RosterFilter("431081", Name: prefix)), Caseworker)).Rows.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["刘备", "刘𠮷"], await Names("刘"));
        Assert.Equal(["刘𠮷"], await Names("刘𠮷"));
        Assert.Equal(["陈𪚥"], await Names("陈𪚥"));
        Assert.Equal(["😀小明"], await Names("😀"));
        Assert.Equal(["王五"], await Names("王五"));
        Assert.Equal(["王五"], await Names("王\u200B"));
        Assert.Equal(["Jos\u00E9"], await Names("Jos\u00E9"));
        Assert.Equal(["Jos\u00E9"], await Names("Jose\u0301"));
    }

    [Fact]
    public async Task Search_finds_by_name_prefix_id_tail_area_and_programme_a_page_at_a_time()
    {
        var tail = NewId(1966, 6, 6);
        var id = await RegisterAsync(ProgrammeCatalogue.RuralDibaoC, Member("欧阳修", Relationship.Head, tail), Member("欧阳娟", Relationship.Spouse));
        for (var i = 0; i < 3; i++) await RegisterAsync(ProgrammeCatalogue.RuralDibaoA, Member($"孙{i}", Relationship.Head));

        var byName = await _db.SendAsync(new SearchRoster(new RosterFilter("431081", Name: "欧阳")), Caseworker);
        Assert.Equal(2, byName.TotalCount);
        Assert.All(byName.Rows, r => Assert.StartsWith("欧阳", r.Name));
        Assert.Equal(["农村低保 C类"], byName.Rows[0].Programmes);

        var byTail = await _db.SendAsync(new SearchRoster(new RosterFilter("431081", IdNumber: tail[^4..])), Caseworker);
        Assert.Equal(id, Assert.Single(byTail.Rows).HouseholdId);
        Assert.Equal(id, Assert.Single((await _db.SendAsync(new SearchRoster(new RosterFilter("431081", IdNumber: tail)), Caseworker)).Rows).HouseholdId);

        var byTier = await _db.SendAsync(new SearchRoster(new RosterFilter("431081", VariantCode: ProgrammeCatalogue.RuralDibaoA), PageSize: 2), Caseworker);
        Assert.Equal(3, byTier.TotalCount);
        Assert.Equal(2, byTier.Rows.Count);
        var second = await _db.SendAsync(new SearchRoster(new RosterFilter("431081", VariantCode: ProgrammeCatalogue.RuralDibaoA), PageSize: 2, Page: 1), Caseworker);
        Assert.Single(second.Rows);

        var areas = await _db.SendAsync(new ListAreas("431081"), Caseworker);
        var township = areas.Single(t => t.Name == "三都镇").Id;
        Assert.Equal(5, (await _db.SendAsync(new SearchRoster(new RosterFilter("431081", TownshipId: township)), Caseworker)).TotalCount);
        Assert.Equal(0, (await _db.SendAsync(new SearchRoster(new RosterFilter("431081", TownshipId: areas.Single(t => t.Name == "东江街道").Id)), Caseworker)).TotalCount);
        Assert.Equal(5, (await _db.SendAsync(new SearchRoster(new RosterFilter("431081", Programme: Programme.RuralDibao)), Caseworker)).TotalCount);
    }

    [Fact]
    public async Task Changes_are_audited_with_the_ID_number_masked_and_reveals_are_audited()
    {
        var id = await RegisterAsync();
        var person = (await Detail(id))!.Members[0];

        await using (var context = _db.NewContext())
        {
            var created = await context.AuditRecords.Where(r => r.EntityType == nameof(Person) && r.Action == AuditAction.Create)
                .OrderByDescending(r => r.Sequence).FirstAsync();
            var changes = JsonSerializer.Deserialize<List<FieldChange>>(created.Changes!)!.ToDictionary(c => c.Field);
            Assert.Matches(@"^4310\*{10}\w{4}$", changes["IdNumber"].New);
            Assert.Equal("caseworker", created.UserName);
        }

        var full = await _db.SendAsync(new RevealIdNumber(person.Id), Caseworker);
        Assert.Equal(18, full!.Length);
        await using var check = _db.NewContext();
        var reveal = await check.AuditRecords.OrderByDescending(r => r.Sequence).FirstAsync();
        Assert.Equal((AuditAction.Reveal, "caseworker", person.Id.ToString()), (reveal.Action, reveal.UserName, reveal.EntityKey));

        var leader = await _db.SendAsync(new SearchRoster(new RosterFilter("431081")), Roles.Leader);
        Assert.DoesNotContain(leader.Rows, r => r.IdNumberMasked == full);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => _db.SendAsync(new RevealIdNumber(person.Id), Roles.Leader));
    }
}
