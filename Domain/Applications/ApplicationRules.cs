using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Applications;

/// <summary>A step is taken only from the stages it follows (no 初审 before the home visit, no decision before 公示).</summary>
public sealed record ApplicationMustBeAt(ApplicationStage Stage, IReadOnlyList<ApplicationStage> Allowed) : IBusinessRule
{
    public bool IsBroken() => !Allowed.Contains(Stage);
    public string Message => Messages.Format("Application.WrongStage", Messages.Get($"Application.Stage.{Stage}"));
}

/// <summary>凡未张榜公布的不批: the county decides only after the whole posting period.</summary>
public sealed record PostingPeriodMustHaveElapsed(DateOnly? PostingEndsOn, DateOnly Today) : IBusinessRule
{
    public bool IsBroken() => PostingEndsOn is not { } end || Today <= end;
    public string Message => PostingEndsOn is { } end
        ? Messages.Format("Application.PostingNotElapsed", end.ToString("yyyy-MM-dd"))
        : Messages.Get("Application.NotPosted");
}

/// <summary>An objection raised during the posting is answered before the file moves on.</summary>
public sealed record ObjectionsMustBeResolved(int Open) : IBusinessRule
{
    public bool IsBroken() => Open > 0;
    public string Message => Messages.Format("Application.ObjectionsOpen", Open);
}

/// <summary>Maker ≠ checker: whoever entered, investigated or first reviewed a file does not approve it.</summary>
public sealed record CheckerIsNotMaker(string Checker, IReadOnlyList<string?> Makers) : IBusinessRule
{
    public bool IsBroken() => Makers.Any(m => m is not null && string.Equals(m, Checker, StringComparison.OrdinalIgnoreCase));
    public string Message => Messages.Get("Application.MakerIsChecker");
}

/// <summary>The programmes with a monthly standard are applied for here; 临时救助 has its own approval by amount.</summary>
public sealed record ApplicationVariantMustBeApplicable(ProgrammeVariant Variant) : IBusinessRule
{
    public bool IsBroken() => !Variant.HasMonthlyStandard;
    public string Message => Messages.Format("Application.VariantNotApplicable", Variant.Name);
}

/// <summary>A per-person programme names the member it is for, who is one of the household entered.</summary>
public sealed record PersonProgrammeNeedsItsMember(ProgrammeVariant Variant, string? Beneficiary, IReadOnlyList<string> Members) : IBusinessRule
{
    public bool IsBroken() => !Variant.CoversHousehold && (string.IsNullOrEmpty(Beneficiary) || !Members.Contains(Beneficiary));
    public string Message => Messages.Format("Application.BeneficiaryRequired", Variant.Name);
}

/// <summary>The tier may change at 初审 or 审核确认, the programme may not (that is another application).</summary>
public sealed record ProposalMustStayInProgramme(ProgrammeVariant Applied, ProgrammeVariant Proposed) : IBusinessRule
{
    public bool IsBroken() => Applied.Programme != Proposed.Programme;
    public string Message => Messages.Format("Application.OtherProgramme", Applied.Name, Proposed.Name);
}

/// <summary>The home visit is dated between the application and today.</summary>
public sealed record VisitCannotPrecedeReceipt(DateOnly VisitedOn, DateOnly ReceivedOn, DateOnly Today) : IBusinessRule
{
    public bool IsBroken() => VisitedOn < ReceivedOn || VisitedOn > Today;
    public string Message => Messages.Format("Application.VisitDate", ReceivedOn.ToString("yyyy-MM-dd"), Today.ToString("yyyy-MM-dd"));
}

/// <summary>A reason, an objection or a resolution is written out.</summary>
public sealed record ApplicationTextRequired(string? Text) : IBusinessRule
{
    public bool IsBroken() => string.IsNullOrWhiteSpace(Text);
    public string Message => Messages.Get("ReasonRequired");
}

/// <summary>An approval says from which month payment starts.</summary>
public sealed record ApprovalNeedsItsMonth : IBusinessRule
{
    public bool IsBroken() => true;
    public string Message => Messages.Get("MonthRequired");
}

/// <summary>The objection answered is one of the file's.</summary>
public sealed record ObjectionMustExist : IBusinessRule
{
    public bool IsBroken() => true;
    public string Message => Messages.Get("Application.UnknownObjection");
}

/// <summary>An objection is answered once.</summary>
public sealed record ObjectionMustBeOpen(bool Resolved) : IBusinessRule
{
    public bool IsBroken() => Resolved;
    public string Message => Messages.Get("Application.ObjectionResolved");
}

/// <summary>The county's decision, or the township's where the county has entrusted the programme to it.</summary>
public sealed record DecisionIsTheCountysUnlessEntrusted(bool MayApprove, bool MayReview, bool Entrusted, string VariantName) : IBusinessRule
{
    public bool IsBroken() => !MayApprove && !(MayReview && Entrusted);
    public string Message => Messages.Format("Application.NotEntrusted", VariantName);
}

/// <summary>How the bureau runs its applications (configuration <c>Applications</c>).</summary>
public sealed class ApplicationPolicy
{
    /// <summary>公示期, in days (民发〔2021〕57号: 7 days).</summary>
    public int PostingDays { get; set; } = 7;
    /// <summary>Programmes whose 审核确认 the county has entrusted to the townships (e.g. DISABILITY_LIVING).</summary>
    public List<string> EntrustedToTownship { get; set; } = [];
    /// <summary>The bureau's supervision telephone, printed on every posting.</summary>
    public string SupervisionTelephone { get; set; } = "0735-3322110";

    public bool IsEntrusted(ProgrammeVariant variant) =>
        EntrustedToTownship.Any(c => string.Equals(c, variant.Code, StringComparison.OrdinalIgnoreCase)
                                     || string.Equals(c, variant.Programme.ToString(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// 是否在保: a person joins a new household only if on no household of the county, and a per-person programme is applied
/// for inside the household the person is in (in the caller's area), once; nobody is in two open files of one programme.
/// </summary>
public sealed record ApplicantMayApply(string IdNumber, bool OnRoster, bool Visible, bool AlreadyReceives, int? HouseholdId, int? OpenApplicationId,
    bool JoinsNewHousehold) : IBusinessRule
{
    public bool IsBroken() => OpenApplicationId is not null || (OnRoster && (JoinsNewHousehold || !Visible || AlreadyReceives));

    public string Message => OpenApplicationId is { } other ? Messages.Format("Application.AlreadyApplying", Masking.Mask(IdNumber), other)
        : !Visible ? Messages.Format("Application.OnRosterElsewhere", Masking.Mask(IdNumber))
        : AlreadyReceives ? Messages.Format("Application.AlreadyReceives", Masking.Mask(IdNumber), HouseholdId)
        : Messages.Format("Application.OnRosterUseHousehold", Masking.Mask(IdNumber), HouseholdId);
}

/// <summary>Payment starts in the next open month or later: a month already paid is not reopened by an approval.</summary>
public sealed record ApprovalStartsNoEarlierThanNextOpen(YearMonth From, YearMonth NextOpen) : IBusinessRule
{
    public bool IsBroken() => From < NextOpen;
    public string Message => Messages.Format("Application.FromMonthTooEarly", NextOpen);
}

/// <summary>A file is dated on or before today (the bureau's day).</summary>
public sealed record DateNotInFuture(DateOnly On, DateOnly Today) : IBusinessRule
{
    public bool IsBroken() => On > Today;
    public string Message => Messages.Format("Application.FutureDate", Today.ToString("yyyy-MM-dd"));
}

/// <summary>A posting puts up what the township proposed: it cannot be dated before the 初审 (no backdated posting period).</summary>
public sealed record PostingStartsAfterReview(DateOnly StartsOn, DateOnly ReviewedOn) : IBusinessRule
{
    public bool IsBroken() => StartsOn < ReviewedOn;
    public string Message => Messages.Format("Posting.BeforeReview", ReviewedOn.ToString("yyyy-MM-dd"));
}

/// <summary>特困 is approved with its 照料护理 level (生活自理能力) assessed, which decides the care the person is given.</summary>
public sealed record ExtremePovertyNeedsCareLevel(Programme Programme, CivilAffairs.Domain.Roster.CareLevel? Level) : IBusinessRule
{
    public bool IsBroken() => Programme == Programme.ExtremePoverty && Level is null;
    public string Message => Messages.Get("Application.CareLevelRequired");
}
