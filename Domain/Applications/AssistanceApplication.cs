using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;

namespace CivilAffairs.Domain.Applications;

/// <summary>Where a file stands in the three-level review (受理 → 入户调查核对 → 初审 → 公示 → 审核确认).</summary>
public enum ApplicationStage
{
    /// <summary>受理: recorded, waiting for the home visit and the checks.</summary>
    Received = 1,
    /// <summary>入户调查、核对 done: waiting for the township's 初审.</summary>
    Investigated = 2,
    /// <summary>初审通过: waiting to be posted in its village.</summary>
    AwaitingPosting = 3,
    /// <summary>公示: on the village's posting; after the period, and with every objection resolved, the county decides.</summary>
    Posted = 4,
    /// <summary>审核确认 approved: on the roster from its month.</summary>
    Approved = 5,
    /// <summary>不予批准, at 初审 or at 审核确认, with a reason the applicant can be told.</summary>
    Rejected = 6,
}

/// <summary>
/// An application for assistance (低保、特困、残疾人两项补贴、儿童): not on the roster and not paid until the county's
/// 审核确认 approves it. Each step is recorded on the file's own timeline; whoever entered, investigated or first reviewed
/// the file cannot approve it (maker ≠ checker).
/// </summary>
public sealed class AssistanceApplication : IVersioned
{
    public const int TextMaxLength = 500;

    private readonly List<ApplicationMember> _members = [];
    private readonly List<ApplicationObjection> _objections = [];
    private readonly List<ApplicationStep> _steps = [];

    private AssistanceApplication() { }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public int CommunityId { get; private set; }
    public int TownshipId { get; private set; }
    public string Address { get; private set; } = "";
    public Residence Residence { get; private set; }
    /// <summary>The programme and tier applied for (e.g. RURAL_DIBAO_A, DISABILITY_NURSING).</summary>
    public string VariantCode { get; private set; } = "";
    /// <summary>For a per-person programme, the member it is for; null for the household's dibao.</summary>
    public string? BeneficiaryIdNumber { get; private set; }
    /// <summary>When the beneficiary already belongs to a household on the roster, that household: approval enrols them there.</summary>
    public int? ExistingHouseholdId { get; private set; }
    /// <summary>Papers received at 受理 (申请书、身份证、户口簿、收入证明 …).</summary>
    public string Documents { get; private set; } = "";
    public DateOnly ReceivedOn { get; private set; }
    public string ReceivedBy { get; private set; } = "";
    public ApplicationStage Stage { get; private set; }
    /// <summary>When the file reached its present stage: how long it has waited there.</summary>
    public DateOnly StageSince { get; private set; }

    public DateOnly? VisitedOn { get; private set; }
    public string? Visitors { get; private set; }
    public string? Findings { get; private set; }
    public decimal? DeclaredMonthlyIncome { get; private set; }
    public string? DeclaredProperty { get; private set; }
    public string? Verification { get; private set; }
    public string? InvestigatedBy { get; private set; }
    /// <summary>For 特困: the 照料护理 level (生活自理能力), entered at 受理 and assessed at the home visit.</summary>
    public CareLevel? CareLevel { get; private set; }

    public string? ProposedVariantCode { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateOnly? ReviewedOn { get; private set; }

    public int? PostingId { get; private set; }
    /// <summary>The proposal posting the file is on (its latest, after a correction).</summary>
    public Posting? Posting { get; private set; }
    public DateOnly? PostingStartsOn { get; private set; }
    public int? PostingDays { get; private set; }

    public string? DecidedBy { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public string? ApprovedVariantCode { get; private set; }
    public YearMonth? FromMonth { get; private set; }
    public string? SpotCheck { get; private set; }
    public string? RejectionReason { get; private set; }
    /// <summary>The household the approval put on the roster (or enrolled the beneficiary in).</summary>
    public int? HouseholdId { get; private set; }
    public Household? Household { get; private set; }
    public Guid Version { get; set; }

    public IReadOnlyList<ApplicationMember> Members => _members;
    public IReadOnlyList<ApplicationObjection> Objections => _objections;
    public IReadOnlyList<ApplicationStep> Steps => _steps;

    public ApplicationMember Applicant => _members.FirstOrDefault(m => m.Relationship == Relationship.Head) ?? _members[0];
    public ProgrammeVariant Variant => ProgrammeCatalogue.Find(ApprovedVariantCode ?? ProposedVariantCode ?? VariantCode)!;
    public bool IsOpen => Stage is not (ApplicationStage.Approved or ApplicationStage.Rejected);
    public DateOnly? PostingEndsOn => PostingStartsOn?.AddDays((PostingDays ?? 0) - 1);

    /// <summary>受理: the household, its members and what it applies for; the duplicate checks are the handler's (they need the database).</summary>
    public static AssistanceApplication Receive(int jurisdictionId, int communityId, int townshipId, string address, Residence residence,
        ProgrammeVariant variant, string? beneficiaryIdNumber, int? existingHouseholdId, IReadOnlyList<PersonDraft> members, string documents,
        DateOnly receivedOn, DateTime atUtc, string by, CareLevel? care = null)
    {
        BusinessRules.Check(new HouseholdHasExactlyOneHead(members.Count(m => m.Relationship == Relationship.Head)), "Members");
        var duplicate = members.GroupBy(m => Normalize(m.IdNumber)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) BusinessRules.Check(new IdNumberUniqueAmongActivePersons(duplicate.Key, true), "Members");
        BusinessRules.Check(new ApplicationVariantMustBeApplicable(variant), "VariantCode");
        BusinessRules.Check(new DibaoMustMatchResidence(variant, residence), "VariantCode");
        var beneficiary = variant.CoversHousehold ? null : Normalize(beneficiaryIdNumber ?? "");
        BusinessRules.Check(new PersonProgrammeNeedsItsMember(variant, beneficiary, members.Select(m => Normalize(m.IdNumber)).ToList()), "BeneficiaryIdNumber");
        address = EnteredText.Clean(address);
        documents = EnteredText.Clean(documents);
        BusinessRules.Check(new TextMustFit(address, Household.AddressMaxLength), "Address");
        BusinessRules.Check(new TextMustFit(documents, TextMaxLength), "Documents");
        var application = new AssistanceApplication
        {
            JurisdictionId = jurisdictionId, CommunityId = communityId, TownshipId = townshipId, Address = address, Residence = residence,
            VariantCode = variant.Code, BeneficiaryIdNumber = beneficiary, ExistingHouseholdId = existingHouseholdId, Documents = documents,
            ReceivedOn = receivedOn, ReceivedBy = by, Stage = ApplicationStage.Received, StageSince = receivedOn, Version = Guid.NewGuid(),
            CareLevel = variant.Programme == Programme.ExtremePoverty ? care : null,
        };
        foreach (var draft in members) application._members.Add(new ApplicationMember(draft));
        application.Step(Messages.Format("Application.Step.Received", variant.Name, members.Count, documents), receivedOn, atUtc, by);
        return application;
    }

    /// <summary>入户调查 and 核对: may be recorded again (a second visit) until the township's 初审.</summary>
    public void Investigate(DateOnly visitedOn, string visitors, string findings, decimal? monthlyIncome, string? property, string verification,
        DateOnly today, DateTime atUtc, string by, CareLevel? care = null)
    {
        BusinessRules.Check(new ApplicationMustBeAt(Stage, [ApplicationStage.Received, ApplicationStage.Investigated]), "Stage");
        BusinessRules.Check(new VisitCannotPrecedeReceipt(visitedOn, ReceivedOn, today), "VisitedOn");
        VisitedOn = visitedOn;
        Visitors = EnteredText.Clean(visitors);
        Findings = EnteredText.Clean(findings);
        DeclaredMonthlyIncome = monthlyIncome;
        DeclaredProperty = string.IsNullOrWhiteSpace(property) ? null : EnteredText.Clean(property);
        Verification = EnteredText.Clean(verification);
        foreach (var text in new[] { Visitors, Findings, DeclaredProperty ?? "", Verification })
            BusinessRules.Check(new TextMustFit(text, TextMaxLength), "Findings");
        InvestigatedBy = by;
        if (care is not null && Variant.Programme == Programme.ExtremePoverty) CareLevel = care;
        MoveTo(ApplicationStage.Investigated, today);
        Step(Messages.Format("Application.Step.Investigated", visitedOn.ToString("yyyy-MM-dd"), Visitors, Findings, Verification), today, atUtc, by);
    }

    /// <summary>初审: approve with the tier proposed for posting, or reject with the reason the applicant is told.</summary>
    public void Review(bool approve, ProgrammeVariant? proposed, string? reason, DateOnly today, DateTime atUtc, string by)
    {
        BusinessRules.Check(new ApplicationMustBeAt(Stage, [ApplicationStage.Investigated]), "Stage");
        ReviewedBy = by;
        ReviewedOn = today;
        if (!approve)
        {
            Reject(reason, today, atUtc, by, "Application.Step.ReviewRejected");
            return;
        }
        proposed ??= ProgrammeCatalogue.Find(VariantCode)!;
        BusinessRules.Check(new ProposalMustStayInProgramme(ProgrammeCatalogue.Find(VariantCode)!, proposed), "ProposedVariantCode");
        BusinessRules.Check(new DibaoMustMatchResidence(proposed, Residence), "ProposedVariantCode");
        ProposedVariantCode = proposed.Code;
        MoveTo(ApplicationStage.AwaitingPosting, today);
        Step(Messages.Format("Application.Step.Reviewed", proposed.Name), today, atUtc, by);
    }

    /// <summary>公示: the file is on a posting of its village for the posting's period (again after a corrected posting).</summary>
    public void Post(Posting posting, DateOnly today, DateTime atUtc, string by)
    {
        BusinessRules.Check(new ApplicationMustBeAt(Stage, [ApplicationStage.AwaitingPosting, ApplicationStage.Posted]), "Stage");
        BusinessRules.Check(new PostingStartsAfterReview(posting.StartsOn, ReviewedOn!.Value), "StartsOn");
        Posting = posting;
        PostingStartsOn = posting.StartsOn;
        PostingDays = posting.Days;
        MoveTo(ApplicationStage.Posted, today);
        Step(Messages.Format("Application.Step.Posted", posting.StartsOn.ToString("yyyy-MM-dd"), PostingEndsOn!.Value.ToString("yyyy-MM-dd")), today, atUtc, by);
    }

    /// <summary>An objection to the posting (from a villager, by letter or in person): the file waits until it is resolved.</summary>
    public ApplicationObjection RaiseObjection(DateOnly raisedOn, string content, DateOnly today, DateTime atUtc, string by)
    {
        BusinessRules.Check(new ApplicationMustBeAt(Stage, [ApplicationStage.Posted]), "Stage");
        BusinessRules.Check(new DateNotInFuture(raisedOn, today), "RaisedOn");
        content = EnteredText.Clean(content);
        BusinessRules.Check(new ApplicationTextRequired(content), "Content");
        BusinessRules.Check(new TextMustFit(content, TextMaxLength), "Content");
        var objection = new ApplicationObjection(raisedOn, content, by);
        _objections.Add(objection);
        Step(Messages.Format("Application.Step.Objection", content), today, atUtc, by);
        return objection;
    }

    /// <summary>The objection verified and answered (e.g. 经核实不属实; or 属实，建议不予批准).</summary>
    public void ResolveObjection(int objectionId, string resolution, DateOnly today, DateTime atUtc, string by)
    {
        var objection = _objections.FirstOrDefault(o => o.Id == objectionId)
                        ?? throw new BusinessRuleViolationException(new ObjectionMustExist(), "ObjectionId");
        resolution = EnteredText.Clean(resolution);
        BusinessRules.Check(new ApplicationTextRequired(resolution), "Resolution");
        BusinessRules.Check(new TextMustFit(resolution, TextMaxLength), "Resolution");
        objection.Resolve(resolution, today, by);
        Step(Messages.Format("Application.Step.ObjectionResolved", objection.Content, resolution), today, atUtc, by);
    }

    /// <summary>
    /// 审核确认: approve (with the tier and the month payment starts) or reject with a reason; only after the posting period
    /// and with every objection resolved, and never by whoever entered, investigated or first reviewed the file.
    /// </summary>
    public void Decide(bool approve, ProgrammeVariant? variant, YearMonth? fromMonth, string? reason, string? spotCheck, DateOnly today,
        DateTime atUtc, string by)
    {
        BusinessRules.Check(new CheckerIsNotMaker(by, [ReceivedBy, InvestigatedBy, ReviewedBy]), "DecidedBy");
        BusinessRules.Check(new ApplicationMustBeAt(Stage, [ApplicationStage.Posted]), "Stage");
        // A rejection may come during the posting (an objection found true); an approval only after it, every objection answered.
        if (approve)
        {
            BusinessRules.Check(new PostingPeriodMustHaveElapsed(PostingEndsOn, today), "Stage");
            BusinessRules.Check(new ObjectionsMustBeResolved(_objections.Count(o => !o.IsResolved)), "Objections");
            BusinessRules.Check(new ExtremePovertyNeedsCareLevel(Variant.Programme, CareLevel), "CareLevel");
        }
        SpotCheck = string.IsNullOrWhiteSpace(spotCheck) ? null : EnteredText.Clean(spotCheck);
        BusinessRules.Check(new TextMustFit(SpotCheck ?? "", TextMaxLength), "SpotCheck");
        DecidedBy = by;
        DecidedOn = today;
        if (!approve)
        {
            Reject(reason, today, atUtc, by, "Application.Step.DecisionRejected");
            return;
        }
        variant ??= ProgrammeCatalogue.Find(ProposedVariantCode ?? VariantCode)!;
        BusinessRules.Check(new ProposalMustStayInProgramme(ProgrammeCatalogue.Find(VariantCode)!, variant), "VariantCode");
        BusinessRules.Check(new DibaoMustMatchResidence(variant, Residence), "VariantCode");
        ApprovedVariantCode = variant.Code;
        FromMonth = fromMonth ?? throw new BusinessRuleViolationException(new ApprovalNeedsItsMonth(), "FromMonth");
        MoveTo(ApplicationStage.Approved, today);
        Step(Messages.Format("Application.Step.Approved", variant.Name, fromMonth.Value.ToString(), SpotCheck ?? Messages.Get("Application.NoSpotCheck")),
            today, atUtc, by);
    }

    /// <summary>A photo or scan kept with the file (while it is open), on its timeline.</summary>
    public void NoteAttachment(string fileName, DateOnly today, DateTime atUtc, string by)
    {
        BusinessRules.Check(new ApplicationMustBeAt(Stage, [ApplicationStage.Received, ApplicationStage.Investigated, ApplicationStage.AwaitingPosting,
            ApplicationStage.Posted]), "Stage");
        Step(Messages.Format("Application.Step.Attached", fileName), today, atUtc, by);
    }

    /// <summary>The file's path as one line for the household's timeline.</summary>
    public string PathSummary => Messages.Format("Application.Path", Id, ReceivedOn.ToString("yyyy-MM-dd"), ReceivedBy, VisitedOn?.ToString("yyyy-MM-dd") ?? "—",
        ReviewedOn?.ToString("yyyy-MM-dd") ?? "—", ReviewedBy ?? "—", PostingStartsOn?.ToString("yyyy-MM-dd") ?? "—", PostingEndsOn?.ToString("yyyy-MM-dd") ?? "—",
        DecidedOn?.ToString("yyyy-MM-dd") ?? "—", DecidedBy ?? "—");

    /// <summary>The household the approval wrote to the roster.</summary>
    public void Enrolled(Household household) => Household = household;

    /// <summary>The persons a month's payment covers: every member for dibao, the beneficiary for a per-person programme.</summary>
    public int CoveredPersons => Variant.CoversHousehold ? _members.Count : 1;

    /// <summary>The ID numbers the duplicate checks look at: every member for dibao (a new household), else the beneficiary.</summary>
    public IReadOnlyList<string> CheckedIdNumbers => Variant.CoversHousehold || ExistingHouseholdId is null
        ? _members.Select(m => m.IdNumber).ToList()
        : [BeneficiaryIdNumber!];

    private void Reject(string? reason, DateOnly today, DateTime atUtc, string by, string step)
    {
        reason = EnteredText.Clean(reason ?? "");
        BusinessRules.Check(new ApplicationTextRequired(reason), "Reason");
        BusinessRules.Check(new TextMustFit(reason, TextMaxLength), "Reason");
        RejectionReason = reason;
        MoveTo(ApplicationStage.Rejected, today);
        Step(Messages.Format(step, reason), today, atUtc, by);
    }

    private void MoveTo(ApplicationStage stage, DateOnly today)
    {
        Stage = stage;
        StageSince = today;
    }

    private void Step(string text, DateOnly on, DateTime atUtc, string by) => _steps.Add(new ApplicationStep(Stage, text, on, atUtc, by));

    /// <summary>Who must act next, in the words of the queue (入户调查, 初审, 公示中至…, 处理异议, 审核确认, 已办结).</summary>
    public static string WaitingFor(ApplicationStage stage, DateOnly? postingEndsOn, int openObjections, DateOnly today) => stage switch
    {
        ApplicationStage.Received => Messages.Get("Application.Waits.Investigation"),
        ApplicationStage.Investigated => Messages.Get("Application.Waits.Review"),
        ApplicationStage.AwaitingPosting => Messages.Get("Application.Waits.Posting"),
        ApplicationStage.Posted when openObjections > 0 => Messages.Format("Application.Waits.Objections", openObjections),
        ApplicationStage.Posted when postingEndsOn is { } end && today <= end => Messages.Format("Application.Waits.PostingPeriod", end.ToString("yyyy-MM-dd")),
        ApplicationStage.Posted => Messages.Get("Application.Waits.Decision"),
        _ => Messages.Get("Application.Waits.Done"),
    };

    public static string Normalize(string idNumber) => idNumber.Trim().ToUpperInvariant();
}

/// <summary>A member of the applying household as entered at 受理.</summary>
public sealed class ApplicationMember
{
    private ApplicationMember() { }

    internal ApplicationMember(PersonDraft draft)
    {
        Name = EnteredText.Clean(draft.Name);
        IdNumber = AssistanceApplication.Normalize(draft.IdNumber);
        Relationship = draft.Relationship;
        DisabilityCategory = draft.DisabilityCategory;
        DisabilityGrade = draft.DisabilityGrade;
        WorkCapacity = draft.WorkCapacity;
    }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string Name { get; private set; } = "";
    [Sensitive] public string IdNumber { get; private set; } = "";
    public Relationship Relationship { get; private set; }
    public DisabilityCategory? DisabilityCategory { get; private set; }
    public DisabilityGrade? DisabilityGrade { get; private set; }
    public WorkCapacity WorkCapacity { get; private set; }

    public PersonDraft ToDraft() => new(Name, IdNumber, Relationship, DisabilityCategory, DisabilityGrade, WorkCapacity);
}

/// <summary>An objection raised during the posting, and how it was resolved.</summary>
public sealed class ApplicationObjection
{
    private ApplicationObjection() { }

    internal ApplicationObjection(DateOnly raisedOn, string content, string recordedBy)
    {
        RaisedOn = raisedOn;
        Content = content;
        RecordedBy = recordedBy;
    }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public DateOnly RaisedOn { get; private set; }
    public string Content { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public string? Resolution { get; private set; }
    public DateOnly? ResolvedOn { get; private set; }
    public string? ResolvedBy { get; private set; }
    public bool IsResolved => Resolution is not null;

    internal void Resolve(string resolution, DateOnly on, string by)
    {
        BusinessRules.Check(new ObjectionMustBeOpen(IsResolved), "ObjectionId");
        Resolution = resolution;
        ResolvedOn = on;
        ResolvedBy = by;
    }
}

/// <summary>One entry of the file's timeline.</summary>
public sealed class ApplicationStep
{
    private ApplicationStep() { }

    internal ApplicationStep(ApplicationStage stage, string text, DateOnly on, DateTime atUtc, string by)
    {
        Stage = stage;
        Text = text;
        On = on;
        AtUtc = atUtc;
        By = by;
    }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public ApplicationStage Stage { get; private set; }
    public string Text { get; private set; } = "";
    public DateOnly On { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string By { get; private set; } = "";
}
