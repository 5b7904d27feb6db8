using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Applications;

/// <summary>What a posting announces: the township's proposals (拟保障对象公示) or the county's decisions (审批结果公示).</summary>
public enum PostingKind { Proposal = 1, Result = 2 }

/// <summary>
/// A posting list (公示) of one village or community, as printed and put up. Once published it never changes (the
/// database refuses an update); a correction is a new posting that names the one it corrects.
/// </summary>
public sealed class Posting
{
    private readonly List<PostingEntry> _entries = [];

    private Posting() { }

    public int Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public int CommunityId { get; private set; }
    public PostingKind Kind { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public int Days { get; private set; }
    public string Telephone { get; private set; } = "";
    public string PublishedBy { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }
    /// <summary>The earlier posting this one corrects, if any.</summary>
    public int? CorrectsId { get; private set; }
    public IReadOnlyList<PostingEntry> Entries => _entries;
    public DateOnly EndsOn => StartsOn.AddDays(Days - 1);

    public static Posting Publish(int jurisdictionId, int communityId, PostingKind kind, DateOnly startsOn, int days, string telephone,
        IReadOnlyList<PostingEntry> entries, int? correctsId, DateTime atUtc, string by)
    {
        BusinessRules.Check(new PostingNeedsEntries(entries.Count), "Entries");
        BusinessRules.Check(new PostingPeriodInRange(days), "Days");
        var posting = new Posting
        {
            JurisdictionId = jurisdictionId, CommunityId = communityId, Kind = kind, StartsOn = startsOn, Days = days,
            Telephone = EnteredText.Clean(telephone), PublishedBy = by, PublishedAtUtc = atUtc, CorrectsId = correctsId,
        };
        posting._entries.AddRange(entries);
        return posting;
    }
}

/// <summary>One line of a posting, already masked as it is printed: the wall shows no full name or ID number.</summary>
public sealed class PostingEntry
{
    private PostingEntry() { }

    public PostingEntry(int applicationId, string name, string idNumber, int householdSize, string programme, decimal monthlyAmount, string? outcome)
    {
        ApplicationId = applicationId;
        MaskedName = MaskName(name);
        MaskedIdNumber = Masking.Mask(idNumber);
        HouseholdSize = householdSize;
        Programme = programme;
        MonthlyAmount = monthlyAmount;
        Outcome = outcome;
    }

    public int Id { get; private set; }
    public int PostingId { get; private set; }
    public int ApplicationId { get; private set; }
    public string MaskedName { get; private set; } = "";
    public string MaskedIdNumber { get; private set; } = "";
    public int HouseholdSize { get; private set; }
    public string Programme { get; private set; } = "";
    /// <summary>The month's amount the household would receive at the standard in force (the posting shows what is proposed).</summary>
    public decimal MonthlyAmount { get; private set; }
    /// <summary>For a result posting: 批准 or 不予批准.</summary>
    public string? Outcome { get; private set; }

    /// <summary>张*国: first and last character kept, the middle starred; a two-character name keeps its first (李*).</summary>
    public static string MaskName(string name)
    {
        var text = new System.Globalization.StringInfo(name.Trim());
        return text.LengthInTextElements switch
        {
            0 => "",
            1 => text.String,
            2 => text.SubstringByTextElements(0, 1) + "*",
            var n => text.SubstringByTextElements(0, 1) + new string('*', n - 2) + text.SubstringByTextElements(n - 1, 1),
        };
    }
}

/// <summary>A posting lists at least one file.</summary>
public sealed record PostingNeedsEntries(int Count) : IBusinessRule
{
    public bool IsBroken() => Count == 0;
    public string Message => Messages.Get("Posting.Empty");
}

/// <summary>A posting period of one day to a month.</summary>
public sealed record PostingPeriodInRange(int Days) : IBusinessRule
{
    public bool IsBroken() => Days is < 1 or > 30;
    public string Message => Messages.Get("Posting.Days");
}
