namespace CivilAffairs.Domain.Programmes;

/// <summary>
/// A programme as it is paid: programme plus tier, urban/rural and care mode where they apply
/// (e.g. 农村低保 A类, 特困 城市 集中供养). Standards are set per variant.
/// </summary>
public sealed class ProgrammeVariant
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 50;

    private ProgrammeVariant() { }

    public ProgrammeVariant(string code, string name, Programme programme, Tier? tier, Residence? residence,
        CareMode? careMode, int sortOrder)
    {
        Code = code;
        Name = name;
        Programme = programme;
        Tier = tier;
        Residence = residence;
        CareMode = careMode;
        SortOrder = sortOrder;
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Programme Programme { get; private set; }
    public Tier? Tier { get; private set; }
    public Residence? Residence { get; private set; }
    public CareMode? CareMode { get; private set; }
    public int SortOrder { get; private set; }

    /// <summary>Temporary assistance is paid per case, with no monthly amount per person.</summary>
    public bool HasMonthlyStandard => Programme != Programme.Temporary;

    /// <summary>Dibao covers the whole household; the other programmes are per person.</summary>
    public bool CoversHousehold => Programme is Programme.UrbanDibao or Programme.RuralDibao;

    public ProgrammeGroup Group => ProgrammeCatalogue.GroupOf(Programme);
}
