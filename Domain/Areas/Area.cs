namespace CivilAffairs.Domain.Areas;

/// <summary>Where an area sits in the hierarchy: county/district → street/township → community/village.</summary>
public enum AreaLevel
{
    Jurisdiction = 1,
    Township = 2,
    Community = 3,
}

/// <summary>An administrative area: a jurisdiction (县/区), a street or township (街道/乡镇), or a community or village (社区/村).</summary>
public sealed class Area
{
    public const int CodeMaxLength = 12;
    public const int NameMaxLength = 50;

    private Area() { }

    public Area(string code, string name, AreaLevel level, Area? parent, int sortOrder)
    {
        if (level != AreaLevel.Jurisdiction && parent is null) throw new ArgumentException("Only a jurisdiction has no parent.");
        if (parent is not null && (int)parent.Level != (int)level - 1) throw new ArgumentException("An area sits one level below its parent.");
        Code = code;
        Name = name;
        Level = level;
        Parent = parent;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }
    /// <summary>The statistical division code (统计用区划代码), unique across the country.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public AreaLevel Level { get; private set; }
    public int? ParentId { get; private set; }
    public Area? Parent { get; private set; }
    public int SortOrder { get; private set; }
}
