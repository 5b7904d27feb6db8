namespace CivilAffairs.Domain.Programmes;

/// <summary>The fixed list of programme variants a bureau pays, as national policy defines them.</summary>
public static partial class ProgrammeCatalogue
{
    public const string UrbanDibaoA = "URBAN_DIBAO_A";
    public const string UrbanDibaoB = "URBAN_DIBAO_B";
    public const string UrbanDibaoC = "URBAN_DIBAO_C";
    public const string RuralDibaoA = "RURAL_DIBAO_A";
    public const string RuralDibaoB = "RURAL_DIBAO_B";
    public const string RuralDibaoC = "RURAL_DIBAO_C";
    public const string ExtremePovertyUrbanInstitutional = "EXTREME_URBAN_INST";
    public const string ExtremePovertyUrbanAtHome = "EXTREME_URBAN_HOME";
    public const string ExtremePovertyRuralInstitutional = "EXTREME_RURAL_INST";
    public const string ExtremePovertyRuralAtHome = "EXTREME_RURAL_HOME";
    public const string DisabilityLiving = "DISABILITY_LIVING";
    public const string DisabilityNursing = "DISABILITY_NURSING";
    public const string OrphanInstitutional = "ORPHAN_INST";
    public const string OrphanScattered = "ORPHAN_SCATTERED";
    public const string UnattendedChild = "UNATTENDED_CHILD";
    public const string Temporary = "TEMPORARY";

    public static IReadOnlyList<ProgrammeVariant> All { get; } =
    [
        new(UrbanDibaoA, "城市低保 A类", Programme.UrbanDibao, Tier.A, Residence.Urban, null, 10),
        new(UrbanDibaoB, "城市低保 B类", Programme.UrbanDibao, Tier.B, Residence.Urban, null, 11),
        new(UrbanDibaoC, "城市低保 C类", Programme.UrbanDibao, Tier.C, Residence.Urban, null, 12),
        new(RuralDibaoA, "农村低保 A类", Programme.RuralDibao, Tier.A, Residence.Rural, null, 20),
        new(RuralDibaoB, "农村低保 B类", Programme.RuralDibao, Tier.B, Residence.Rural, null, 21),
        new(RuralDibaoC, "农村低保 C类", Programme.RuralDibao, Tier.C, Residence.Rural, null, 22),
        new(ExtremePovertyUrbanInstitutional, "特困供养 城市 集中供养", Programme.ExtremePoverty, null, Residence.Urban, CareMode.Institutional, 30),
        new(ExtremePovertyUrbanAtHome, "特困供养 城市 分散供养", Programme.ExtremePoverty, null, Residence.Urban, CareMode.AtHome, 31),
        new(ExtremePovertyRuralInstitutional, "特困供养 农村 集中供养", Programme.ExtremePoverty, null, Residence.Rural, CareMode.Institutional, 32),
        new(ExtremePovertyRuralAtHome, "特困供养 农村 分散供养", Programme.ExtremePoverty, null, Residence.Rural, CareMode.AtHome, 33),
        new(DisabilityLiving, "困难残疾人生活补贴", Programme.DisabilityLiving, null, null, null, 40),
        new(DisabilityNursing, "重度残疾人护理补贴", Programme.DisabilityNursing, null, null, null, 41),
        new(OrphanInstitutional, "孤儿 机构养育", Programme.Orphan, null, null, CareMode.Institutional, 50),
        new(OrphanScattered, "孤儿 社会散居", Programme.Orphan, null, null, CareMode.AtHome, 51),
        new(UnattendedChild, "事实无人抚养儿童", Programme.UnattendedChild, null, null, null, 52),
        new(Temporary, "临时救助", Programme.Temporary, null, null, null, 60),
    ];

    public static ProgrammeVariant? Find(string code) => All.FirstOrDefault(v => v.Code == code);

    /// <summary>The programme's name as the bureau writes it.</summary>
    public static string NameOf(Programme programme) => programme switch
    {
        Programme.UrbanDibao => "城市低保",
        Programme.RuralDibao => "农村低保",
        Programme.ExtremePoverty => "特困供养",
        Programme.DisabilityLiving => "困难残疾人生活补贴",
        Programme.DisabilityNursing => "重度残疾人护理补贴",
        Programme.Orphan => "孤儿",
        Programme.UnattendedChild => "事实无人抚养儿童",
        Programme.Temporary => "临时救助",
        _ => throw new ArgumentOutOfRangeException(nameof(programme)),
    };

    public static ProgrammeGroup GroupOf(Programme programme) => programme switch
    {
        Programme.UrbanDibao => ProgrammeGroup.UrbanDibao,
        Programme.RuralDibao => ProgrammeGroup.RuralDibao,
        Programme.ExtremePoverty => ProgrammeGroup.ExtremePoverty,
        Programme.DisabilityLiving or Programme.DisabilityNursing => ProgrammeGroup.Disability,
        Programme.Orphan or Programme.UnattendedChild => ProgrammeGroup.Children,
        Programme.Temporary => ProgrammeGroup.Temporary,
        _ => throw new ArgumentOutOfRangeException(nameof(programme)),
    };
}
