namespace CivilAffairs.Domain.Programmes;

/// <summary>An assistance programme (救助项目).</summary>
public enum Programme
{
    UrbanDibao = 1,
    RuralDibao = 2,
    ExtremePoverty = 3,
    DisabilityLiving = 4,
    DisabilityNursing = 5,
    Orphan = 6,
    UnattendedChild = 7,
    Temporary = 8,
}

/// <summary>Dibao classification tier (分类施保).</summary>
public enum Tier
{
    A = 1,
    B = 2,
    C = 3,
}

/// <summary>Urban or rural, following the household's registration.</summary>
public enum Residence
{
    Urban = 1,
    Rural = 2,
}

/// <summary>Where the person is cared for: in an institution (集中供养/机构养育) or at home (分散供养/社会散居).</summary>
public enum CareMode
{
    Institutional = 1,
    AtHome = 2,
}

/// <summary>The groups the cockpit and the monthly report show together.</summary>
public enum ProgrammeGroup
{
    UrbanDibao = 1,
    RuralDibao = 2,
    ExtremePoverty = 3,
    Disability = 4,
    Children = 5,
    Temporary = 6,
}
