using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Infrastructure.Persistence.Seeding;

/// <summary>
/// The demo bureau 资兴市 (Hunan, division code 431081). Its streets and townships follow the city's
/// divisions; the communities and villages under them are an illustrative sample, and the township and
/// community codes are built from the city's code for the demo, not copied from the statistical register.
/// </summary>
public static class DemoBureau
{
    public const string JurisdictionCode = "431081";
    public const string JurisdictionName = "资兴市";

    /// <summary>Street or township name, then its communities (社区) and villages (村).</summary>
    public static IReadOnlyList<(string Township, string[] Communities)> Tree { get; } =
    [
        ("东江街道", ["东江社区", "滨湖社区", "新区社区", "小东江村"]),
        ("唐洞街道", ["唐洞社区", "兴旺社区", "罗围社区", "塘口村"]),
        ("鲤鱼江镇", ["鲤鱼江社区", "电厂社区", "新市村", "江背村"]),
        ("三都镇", ["三都社区", "流华湾村", "辰冈岭村", "中田村"]),
        ("蓼江镇", ["蓼江社区", "秀流村", "蓼市村"]),
        ("兴宁镇", ["兴宁社区", "瑶岗仙村", "碑记村"]),
        ("州门司镇", ["州门司社区", "新坪村", "高码村"]),
        ("黄草镇", ["黄草社区", "龙溪村", "兰坪村"]),
        ("汤溪镇", ["汤溪社区", "滁口村", "汤市村"]),
        ("清江镇", ["清江社区", "白水村", "大坪村"]),
        ("白廊镇", ["白廊社区", "上堡村", "大王寨村"]),
        ("八面山瑶族乡", ["八面山村", "长富村"]),
        ("回龙山瑶族乡", ["回龙山村", "铁厂村"]),
        ("连坪瑶族乡", ["连坪村", "水源村"]),
    ];

    public const string PreviousYearDocument = "资民发〔2022〕3号";
    public const string ReportYearDocument = "资民发〔2023〕5号";

    /// <summary>
    /// The previous year's (2022) and the report year's (2023) amounts, yuan per person per month, from the
    /// bureau's half-year report; the children's allowances are demo assumptions explained in the README.
    /// </summary>
    public static IReadOnlyList<(string Variant, decimal Year2022, decimal Year2023)> Standards { get; } =
    [
        (ProgrammeCatalogue.UrbanDibaoA, 500m, 550m),
        (ProgrammeCatalogue.UrbanDibaoB, 370m, 420m),
        (ProgrammeCatalogue.UrbanDibaoC, 315m, 360m),
        (ProgrammeCatalogue.RuralDibaoA, 320m, 380m),
        (ProgrammeCatalogue.RuralDibaoB, 240m, 280m),
        (ProgrammeCatalogue.RuralDibaoC, 180m, 240m),
        (ProgrammeCatalogue.ExtremePovertyUrbanInstitutional, 650m, 715m),
        (ProgrammeCatalogue.ExtremePovertyUrbanAtHome, 650m, 715m),
        (ProgrammeCatalogue.ExtremePovertyRuralInstitutional, 420m, 550m),
        (ProgrammeCatalogue.ExtremePovertyRuralAtHome, 420m, 550m),
        (ProgrammeCatalogue.DisabilityLiving, 60m, 65m),
        (ProgrammeCatalogue.DisabilityNursing, 60m, 65m),
        (ProgrammeCatalogue.OrphanInstitutional, 1_400m, 1_500m),
        (ProgrammeCatalogue.OrphanScattered, 950m, 1_000m),
        (ProgrammeCatalogue.UnattendedChild, 950m, 1_000m),
    ];
}
