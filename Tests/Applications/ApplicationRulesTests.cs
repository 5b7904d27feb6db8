using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;

namespace CivilAffairs.Tests.Applications;

/// <summary>Each rule of the flow on its own, without a database.</summary>
public sealed class ApplicationRulesTests
{
    private static readonly DateOnly Day = new(2023, 7, 3);

    [Theory]
    [InlineData(0, true)]    // the last day of the posting: still posted
    [InlineData(-1, true)]
    [InlineData(1, false)]   // the day after: the county may decide
    public void The_county_decides_only_after_the_whole_posting_period(int daysAfterEnd, bool broken) =>
        Assert.Equal(broken, new PostingPeriodMustHaveElapsed(Day, Day.AddDays(daysAfterEnd)).IsBroken());

    [Fact]
    public void A_file_never_posted_is_never_approved() =>
        Assert.Equal("申请尚未公示，凡未张榜公布的不批。", Assert.Single(Broken(new PostingPeriodMustHaveElapsed(null, Day))));

    [Theory]
    [InlineData("LiNa", true)]
    [InlineData("wang", true)]
    [InlineData("zhao", false)]
    public void Whoever_made_the_file_does_not_check_it(string checker, bool broken) =>
        Assert.Equal(broken, new CheckerIsNotMaker(checker, ["lina", null, "wang"]).IsBroken());

    [Theory]
    [InlineData("张建国", "张*国")]
    [InlineData("李娜", "李*")]
    [InlineData("欧阳振华", "欧**华")]
    [InlineData("刘𠮷明", "刘*明")]   // a character outside the basic plane is one character
    [InlineData("王", "王")]
    public void A_posted_name_keeps_its_first_and_last_character(string name, string masked) => Assert.Equal(masked, PostingEntry.MaskName(name));

    [Fact]
    public void A_posting_runs_one_to_thirty_days_and_lists_something()
    {
        Assert.True(new PostingPeriodInRange(0).IsBroken());
        Assert.False(new PostingPeriodInRange(7).IsBroken());
        Assert.True(new PostingPeriodInRange(31).IsBroken());
        Assert.True(new PostingNeedsEntries(0).IsBroken());
    }

    [Theory]
    // on the roster, the application makes a new household: refused
    [InlineData(true, true, false, null, true, true)]
    // on the roster in the caller's area, a per-person programme it does not receive yet: enrolled there
    [InlineData(true, true, false, null, false, false)]
    // on the roster in another township: refused whatever the programme
    [InlineData(true, false, false, null, false, true)]
    // already receives the programme
    [InlineData(true, true, true, null, false, true)]
    // in another open file of the programme
    [InlineData(false, false, false, 12, true, true)]
    [InlineData(false, false, false, null, true, false)]
    public void A_person_applies_once_and_from_their_own_household(bool onRoster, bool visible, bool receives, int? openFile, bool joinsNew, bool broken) =>
        Assert.Equal(broken, new ApplicantMayApply("431081196803030321", onRoster, visible, receives, onRoster ? 5 : null, openFile, joinsNew).IsBroken());

    [Fact]
    public void The_file_walks_the_stages_in_order_and_each_step_is_on_its_timeline()
    {
        var application = Receive();
        Assert.Throws<BusinessRuleViolationException>(() => application.Review(true, null, null, Day, DateTime.UtcNow, "review"));
        application.Investigate(Day, "甲、乙", "属实", 200m, null, "无车无房", Day, DateTime.UtcNow, "clerk");
        application.Review(true, ProgrammeCatalogue.Find(ProgrammeCatalogue.RuralDibaoC), null, Day, DateTime.UtcNow, "review");
        var changed = Assert.Throws<BusinessRuleViolationException>(() =>
            application.Decide(true, ProgrammeCatalogue.Find(ProgrammeCatalogue.ExtremePovertyRuralAtHome), new YearMonth(2023, 8), null, null, Day, DateTime.UtcNow, "county"));
        Assert.Contains("初审通过待公示", changed.Message); // not posted yet: refused before the programme is even looked at
        var posting = Posting.Publish(1, 2, PostingKind.Proposal, Day.AddDays(1), 7, "0735-1", [new PostingEntry(0, "张建国", "431081196803030321", 1, "农村低保 C类", 500m, null)], null, DateTime.UtcNow, "review");
        application.Post(posting, Day.AddDays(1), DateTime.UtcNow, "review");
        Assert.Equal(Day.AddDays(7), application.PostingEndsOn);

        var other = Assert.Throws<BusinessRuleViolationException>(() =>
            application.Decide(true, ProgrammeCatalogue.Find(ProgrammeCatalogue.ExtremePovertyRuralAtHome), new YearMonth(2023, 8), null, null, Day.AddDays(8), DateTime.UtcNow, "county"));
        Assert.Contains("只能调整类别", other.Message);
        application.Decide(true, null, new YearMonth(2023, 8), null, null, Day.AddDays(8), DateTime.UtcNow, "county");
        Assert.Equal(ApplicationStage.Approved, application.Stage);
        Assert.Equal(ProgrammeCatalogue.RuralDibaoC, application.ApprovedVariantCode);
        Assert.Equal([ApplicationStage.Received, ApplicationStage.Investigated, ApplicationStage.AwaitingPosting, ApplicationStage.Posted, ApplicationStage.Approved],
            application.Steps.Select(s => s.Stage));
        Assert.Equal("已办结", AssistanceApplication.WaitingFor(application.Stage, application.PostingEndsOn, 0, Day.AddDays(8)));
    }

    [Fact]
    public void A_rejection_during_the_posting_is_allowed_but_needs_its_reason()
    {
        var application = Receive();
        application.Investigate(Day, "甲、乙", "有经营性收入", null, null, "有工商登记", Day, DateTime.UtcNow, "clerk");
        application.Review(true, null, null, Day, DateTime.UtcNow, "review");
        application.Post(Posting.Publish(1, 2, PostingKind.Proposal, Day, 7, "0735-1", [new PostingEntry(0, "张建国", "431081196803030321", 1, "农村低保 A类", 600m, null)], null, DateTime.UtcNow, "review"),
            Day, DateTime.UtcNow, "review");
        application.RaiseObjection(Day.AddDays(2), "经营小卖部", Day.AddDays(2), DateTime.UtcNow, "review");
        Assert.Throws<BusinessRuleViolationException>(() => application.Decide(false, null, null, " ", null, Day.AddDays(3), DateTime.UtcNow, "county"));
        application.Decide(false, null, null, "经核实有经营收入", null, Day.AddDays(3), DateTime.UtcNow, "county");
        Assert.Equal(ApplicationStage.Rejected, application.Stage);
        Assert.Equal("待审核确认", AssistanceApplication.WaitingFor(ApplicationStage.Posted, Day, 0, Day.AddDays(1)));
        Assert.Equal("公示中，至 2023-07-03", AssistanceApplication.WaitingFor(ApplicationStage.Posted, Day, 0, Day));
    }

    [Fact]
    public void A_per_person_programme_names_its_beneficiary_among_the_members() =>
        Assert.Contains("须指明享受对象", Assert.Throws<BusinessRuleViolationException>(() => AssistanceApplication.Receive(1, 2, 3, "一组", Residence.Rural,
            ProgrammeCatalogue.Find(ProgrammeCatalogue.DisabilityNursing)!, "431081199001010011", null, [Head()], "申请表", Day, DateTime.UtcNow, "clerk")).Message);

    private static AssistanceApplication Receive() => AssistanceApplication.Receive(1, 2, 3, "一组 5 号", Residence.Rural,
        ProgrammeCatalogue.Find(ProgrammeCatalogue.RuralDibaoA)!, null, null, [Head()], "申请书、身份证", Day, DateTime.UtcNow, "clerk");

    private static PersonDraft Head() => new("张建国", "431081196803030321", Relationship.Head, null, null, WorkCapacity.None);

    private static IEnumerable<string> Broken(IBusinessRule rule) => rule.IsBroken() ? [rule.Message] : [];
}
