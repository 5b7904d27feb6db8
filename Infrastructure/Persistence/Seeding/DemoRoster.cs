using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;

namespace CivilAffairs.Infrastructure.Persistence.Seeding;

/// <summary>
/// A synthetic, deterministic roster for the demo bureau that reproduces the head counts of the source report
/// (资兴市, first half of the report year): rural dibao 9,836 households / 20,232 persons; urban dibao 2,329 / 3,980;
/// extreme poverty 1,263 persons (502 institutional, 761 at home); 32 orphans; 66 de-facto unattended children;
/// 9,128 disability-subsidy recipients a month (54,768 person-times in six months). Names are fictitious; ID numbers
/// are valid but invented. <see cref="Scale"/> multiplies every figure for the benchmarks' large rosters.
/// </summary>
public sealed class DemoRoster(int scale = 1, int seed = 2023)
{
    /// <summary>Households by size for each dibao: (persons per household, households).</summary>
    public static readonly (int Size, int Count)[] RuralDibaoSizes = [(1, 2340), (2, 5296), (3, 1600), (4, 500), (5, 100)];
    public static readonly (int Size, int Count)[] UrbanDibaoSizes = [(1, 1098), (2, 871), (3, 300), (4, 60)];
    public const int RuralDibaoHouseholds = 9_836, RuralDibaoPersons = 20_232, UrbanDibaoHouseholds = 2_329, UrbanDibaoPersons = 3_980;
    public const int ExtremeInstitutional = 502, ExtremeAtHome = 761, OrphansInstitutional = 12, OrphansScattered = 20, Unattended = 66;
    /// <summary>Living subsidy: disabled members of dibao households. Nursing: grade 一/二级, some in dibao households, the rest not.</summary>
    public const int LivingSubsidy = 4_100, NursingInDibao = 2_500, NursingOutsideDibao = 2_528;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余"];
    private static readonly string[] GivenMale = ["建国", "建华", "国强", "志强", "永福", "德明", "文军", "海波", "小龙", "伟", "军", "勇", "杰", "涛", "明", "超", "斌", "磊", "鹏", "浩然", "子轩", "宇航", "俊杰", "家豪"];
    private static readonly string[] GivenFemale = ["秀英", "桂英", "秀兰", "玉兰", "桂兰", "淑珍", "丽华", "红梅", "春花", "芳", "娟", "敏", "静", "丽", "艳", "霞", "婷", "雪梅", "欣怡", "梓涵", "诗琪", "雨桐", "佳怡", "紫萱"];

    private readonly Random _random = new(seed);
    private readonly Dictionary<int, int> _sequences = [];

    public int Scale { get; } = scale;

    /// <summary>The households in a fixed order; the same seed and scale give the same roster every time.</summary>
    public IEnumerable<RosterEntry> Households()
    {
        for (var s = 0; s < Scale; s++)
        {
            var living = LivingSubsidy;
            var nursing = NursingInDibao;
            foreach (var (residence, sizes) in new[] { (Residence.Rural, RuralDibaoSizes), (Residence.Urban, UrbanDibaoSizes) })
            {
                foreach (var (size, count) in sizes)
                {
                    for (var i = 0; i < count; i++)
                    {
                        var household = Dibao(residence, size);
                        // Spread the disability subsidies over dibao members until the report's counts are reached.
                        foreach (var member in household.Members.ToList())
                        {
                            if ((living == 0 && nursing == 0) || _random.Next(4) != 0) continue;
                            if (nursing > 0 && _random.Next(2) == 0)
                            {
                                member.Programmes.Add(ProgrammeCatalogue.DisabilityNursing);
                                nursing--;
                                if (living > 0) { member.Programmes.Add(ProgrammeCatalogue.DisabilityLiving); living--; }
                                Replace(household, member, member.Draft with { DisabilityGrade = _random.Next(2) == 0 ? DisabilityGrade.One : DisabilityGrade.Two, DisabilityCategory = Category(), WorkCapacity = WorkCapacity.None });
                            }
                            else if (living > 0)
                            {
                                member.Programmes.Add(ProgrammeCatalogue.DisabilityLiving);
                                living--;
                                Replace(household, member, member.Draft with { DisabilityGrade = (DisabilityGrade)_random.Next(1, 5), DisabilityCategory = Category(), WorkCapacity = WorkCapacity.Partial });
                            }
                        }
                        yield return household;
                    }
                }
            }
            if (living > 0 || nursing > 0) throw new InvalidOperationException("The dibao roster is too small for the disability counts.");

            for (var i = 0; i < ExtremeInstitutional + ExtremeAtHome; i++)
            {
                var residence = i % 9 == 0 ? Residence.Urban : Residence.Rural;
                var variant = (residence, i < ExtremeInstitutional) switch
                {
                    (Residence.Urban, true) => ProgrammeCatalogue.ExtremePovertyUrbanInstitutional,
                    (Residence.Urban, false) => ProgrammeCatalogue.ExtremePovertyUrbanAtHome,
                    (_, true) => ProgrammeCatalogue.ExtremePovertyRuralInstitutional,
                    _ => ProgrammeCatalogue.ExtremePovertyRuralAtHome,
                };
                var elder = Person(Relationship.Head, _random.Next(62, 96));
                elder.Programmes.Add(variant);
                yield return new RosterEntry(null, residence, null, From([elder]), Address(residence), Bank(), [elder]);
            }

            for (var i = 0; i < OrphansInstitutional + OrphansScattered + Unattended; i++)
            {
                var variant = i < OrphansInstitutional ? ProgrammeCatalogue.OrphanInstitutional
                    : i < OrphansInstitutional + OrphansScattered ? ProgrammeCatalogue.OrphanScattered : ProgrammeCatalogue.UnattendedChild;
                var guardian = Person(Relationship.Head, _random.Next(58, 80));
                var child = Person(Relationship.Grandchild, _random.Next(2, 17));
                child.Programmes.Add(variant);
                yield return new RosterEntry(null, Residence.Rural, null, From([guardian, child]), Address(Residence.Rural), Bank(), [guardian, child]);
            }

            for (var i = 0; i < NursingOutsideDibao; i++)
            {
                var residence = i % 4 == 0 ? Residence.Urban : Residence.Rural;
                var disabled = Person(Relationship.Head, _random.Next(20, 90));
                disabled = disabled with { Draft = disabled.Draft with { DisabilityGrade = i % 3 == 0 ? DisabilityGrade.One : DisabilityGrade.Two, DisabilityCategory = Category(), WorkCapacity = WorkCapacity.None } };
                disabled.Programmes.Add(ProgrammeCatalogue.DisabilityNursing);
                yield return new RosterEntry(null, residence, null, From([disabled]), Address(residence), Bank(), [disabled]);
            }
        }
    }

    private RosterEntry Dibao(Residence residence, int size)
    {
        var tierRoll = _random.Next(100);
        var tier = residence == Residence.Rural
            ? tierRoll < 20 ? ProgrammeCatalogue.RuralDibaoA : tierRoll < 55 ? ProgrammeCatalogue.RuralDibaoB : ProgrammeCatalogue.RuralDibaoC
            : tierRoll < 25 ? ProgrammeCatalogue.UrbanDibaoA : tierRoll < 60 ? ProgrammeCatalogue.UrbanDibaoB : ProgrammeCatalogue.UrbanDibaoC;
        var headAge = _random.Next(size == 1 ? 45 : 30, 88);
        var members = new List<RosterEntryMember> { Person(Relationship.Head, headAge) };
        if (size >= 2) members.Add(Person(Relationship.Spouse, Math.Clamp(headAge + _random.Next(-6, 5), 20, 95), opposite: members[0].Draft.IdNumber));
        for (var i = 2; i < size; i++)
            members.Add(headAge > 70 && _random.Next(3) == 0
                ? Person(Relationship.Grandchild, _random.Next(1, 17))
                : Person(Relationship.Child, Math.Max(0, headAge - _random.Next(22, 35))));
        return new RosterEntry(null, residence, tier, From(members), Address(residence), Bank(), members);
    }

    private static void Replace(RosterEntry household, RosterEntryMember member, PersonDraft draft)
    {
        var index = household.Members.IndexOf(member);
        household.Members[index] = member with { Draft = draft };
    }

    private RosterEntryMember Person(Relationship relationship, int age, string? opposite = null)
    {
        var female = opposite is null ? _random.Next(2) == 0 : Domain.Roster.IdNumber.Parse(opposite).Sex == Sex.Male;
        var birth = new DateOnly(2023, 6, 1).AddYears(-age).AddDays(-_random.Next(0, 365));
        var id = NextIdNumber(birth, female);
        var name = Surnames[_random.Next(Surnames.Length)] + (female ? GivenFemale : GivenMale)[_random.Next(GivenMale.Length)];
        return new RosterEntryMember(new PersonDraft(name, id, relationship, WorkCapacity: age is >= 16 and < 60 ? WorkCapacity.Full : WorkCapacity.None), []);
    }

    private string NextIdNumber(DateOnly birth, bool female)
    {
        _sequences.TryGetValue(birth.DayNumber, out var used);
        _sequences[birth.DayNumber] = used + 1;
        // 500 numbers per birth date and sex in one area code; a scaled roster moves on to neighbouring codes.
        var areaCode = (431081 + used / 500 * 100).ToString();
        var sequence = used % 500 * 2 + (female ? 0 : 1);
        return Domain.Roster.IdNumber.Compose(areaCode, birth, sequence).Value;
    }

    private DisabilityCategory Category() => (DisabilityCategory)_random.Next(1, 8);
    /// <summary>
    /// The month the household came onto the roster: some month from 2016, but never before its youngest member was
    /// born (a member joins no earlier than the month of birth), so a baby's household registers with the baby.
    /// </summary>
    private YearMonth From(IEnumerable<RosterEntryMember> members)
    {
        var drawn = new YearMonth(2016, 1).AddMonths(_random.Next(0, 88));
        var youngest = members.Max(m => Domain.Roster.IdNumber.Parse(m.Draft.IdNumber).BirthDate);
        return youngest.Year < YearMonth.MinYear || YearMonth.Of(youngest) <= drawn ? drawn : YearMonth.Of(youngest);
    }
    private string Address(Residence residence) => residence == Residence.Rural ? $"{_random.Next(1, 12)} 组 {_random.Next(1, 80)} 号" : $"{_random.Next(1, 40)} 栋 {_random.Next(1, 6)} 单元 {_random.Next(101, 1803)} 室";
    private string Bank()
    {
        var body = "62179955" + _random.NextInt64(1_000_000_000, 9_999_999_999).ToString();
        return body + Domain.Roster.BankAccountNumber.CheckDigitFor(body);
    }
}
