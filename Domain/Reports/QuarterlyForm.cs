using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Domain.Reports;

/// <summary>
/// The social-assistance lines of 社会服务统计季报 (表号 JBZH0001表, 制表机关 民政部): for the quarter ending with the
/// month, each indicator with its unit, the figure, the previous quarter's and the change (环比). Counts are those of
/// the quarter's last month; spending (累计支出) is the year's to the quarter's end, in 万元 as the form has it.
/// </summary>
public static class QuarterlyForm
{
    public const string Title = "社会服务统计季报（社会救助部分）", FormNumber = "JBZH0001表";
    public const string Indicator = "指标名称", Unit = "计量单位", Code = "代码", Now = "本季度", Previous = "上季度", Change = "环比（%）";

    /// <summary>A quarterly report is of a quarter's last month (3, 6, 9, 12).</summary>
    public static bool IsQuarterEnd(YearMonth month) => month.Month % 3 == 0;

    public static string QuarterName(YearMonth month) => $"{month.Year}年第{(month.Month + 2) / 3}季度";

    /// <summary>One indicator: its name, unit, and how it is read from a quarter's figures.</summary>
    private sealed record Line(string Name, string Unit, Func<Quarter, decimal> Value, ReportFormat Format = ReportFormat.Count);

    /// <summary>The figures of one quarter: its last month's summaries and head counts, the year's summaries to then, the standards.</summary>
    private sealed record Quarter(YearMonth End, IReadOnlyList<PaymentSummary> Year, IReadOnlyList<PaymentHeadcount> Counts, IReadOnlyList<BenefitStandard> Standards)
    {
        private IEnumerable<PaymentSummary> Month => Year.Where(s => s.Month == End);

        public decimal Persons(params string[] codes) => Month.Where(s => codes.Contains(s.VariantCode)).Sum(s => s.Persons);

        public decimal Households(ProgrammeGroup group) => PaymentHeadcount.Count(Counts, End, group: group).Households;

        public decimal SpentWan(params string[] codes) => Money.FromYuan(Year.Where(s => codes.Contains(s.VariantCode)).Sum(s => s.Amount)).WanRounded;

        public decimal Spent(params string[] codes) => Year.Where(s => codes.Contains(s.VariantCode)).Sum(s => s.Amount);

        public decimal Cases(string code) => Year.Where(s => s.VariantCode == code).Sum(s => s.Persons);

        /// <summary>The standards in force, weighted by the persons paid under each variant (元/人·月).</summary>
        public decimal AverageStandard(Programme programme)
        {
            var paid = Month.Where(s => ProgrammeCatalogue.Find(s.VariantCode)?.Programme == programme).GroupBy(s => s.VariantCode)
                .Select(g => (Persons: g.Sum(s => s.Persons), Standard: BenefitStandard.AmountInForce(Standards, g.Key, End) ?? 0m)).ToList();
            var persons = paid.Sum(p => p.Persons);
            return persons == 0 ? 0m : Money.RoundHalfUp(paid.Sum(p => p.Persons * p.Standard) / persons, 2);
        }
    }

    private static string[] Codes(Programme programme) => ProgrammeCatalogue.All.Where(v => v.Programme == programme).Select(v => v.Code).ToArray();

    private static IReadOnlyList<Line> Lines { get; } =
    [
        new("城市最低生活保障人数", "人", q => q.Persons(Codes(Programme.UrbanDibao))),
        new("城市最低生活保障户数", "户", q => q.Households(ProgrammeGroup.UrbanDibao)),
        new("城市最低生活保障平均标准", "元/人·月", q => q.AverageStandard(Programme.UrbanDibao), ReportFormat.Yuan),
        new("城市最低生活保障累计支出", "万元", q => q.SpentWan(Codes(Programme.UrbanDibao)), ReportFormat.WanYuan),
        new("农村最低生活保障人数", "人", q => q.Persons(Codes(Programme.RuralDibao))),
        new("农村最低生活保障户数", "户", q => q.Households(ProgrammeGroup.RuralDibao)),
        new("农村最低生活保障平均标准", "元/人·月", q => q.AverageStandard(Programme.RuralDibao), ReportFormat.Yuan),
        new("农村最低生活保障累计支出", "万元", q => q.SpentWan(Codes(Programme.RuralDibao)), ReportFormat.WanYuan),
        new("城市特困人员救助供养人数", "人", q => q.Persons(ProgrammeCatalogue.ExtremePovertyUrbanInstitutional, ProgrammeCatalogue.ExtremePovertyUrbanAtHome)),
        new("农村特困人员救助供养人数", "人", q => q.Persons(ProgrammeCatalogue.ExtremePovertyRuralInstitutional, ProgrammeCatalogue.ExtremePovertyRuralAtHome)),
        new("城市特困人员救助供养累计支出", "万元", q => q.SpentWan(ProgrammeCatalogue.ExtremePovertyUrbanInstitutional, ProgrammeCatalogue.ExtremePovertyUrbanAtHome), ReportFormat.WanYuan),
        new("农村特困人员救助供养累计支出", "万元", q => q.SpentWan(ProgrammeCatalogue.ExtremePovertyRuralInstitutional, ProgrammeCatalogue.ExtremePovertyRuralAtHome), ReportFormat.WanYuan),
        new("临时救助累计人次", "人次", q => q.Cases(ProgrammeCatalogue.Temporary)),
        new("临时救助累计支出", "万元", q => q.SpentWan(ProgrammeCatalogue.Temporary), ReportFormat.WanYuan),
        new("临时救助平均救助水平", "元/人次", q => q.Cases(ProgrammeCatalogue.Temporary) is var n and > 0
            ? Money.FromYuan(q.Spent(ProgrammeCatalogue.Temporary)).Per((int)n).Yuan : 0m, ReportFormat.Yuan),
        new("集中养育孤儿人数", "人", q => q.Persons(ProgrammeCatalogue.OrphanInstitutional)),
        new("社会散居孤儿人数", "人", q => q.Persons(ProgrammeCatalogue.OrphanScattered)),
        new("孤儿基本生活保障累计支出", "万元", q => q.SpentWan(ProgrammeCatalogue.OrphanInstitutional, ProgrammeCatalogue.OrphanScattered), ReportFormat.WanYuan),
        new("事实无人抚养儿童人数", "人", q => q.Persons(ProgrammeCatalogue.UnattendedChild)),
        new("事实无人抚养儿童基本生活保障累计支出", "万元", q => q.SpentWan(ProgrammeCatalogue.UnattendedChild), ReportFormat.WanYuan),
        new("困难残疾人生活补贴人数", "人", q => q.Persons(ProgrammeCatalogue.DisabilityLiving)),
        new("重度残疾人护理补贴人数", "人", q => q.Persons(ProgrammeCatalogue.DisabilityNursing)),
    ];

    /// <summary>The indicator names in the form's order (for tests and the screen).</summary>
    public static IEnumerable<string> IndicatorNames => Lines.Select(l => l.Name);

    /// <param name="summaries">Every summary from January of the previous quarter's year to <paramref name="end"/>.</param>
    /// <param name="headcounts">The head counts of <paramref name="end"/> and of the previous quarter's last month.</param>
    public static ListSheet Build(YearMonth end, string bureau, string areaCode, IReadOnlyList<PaymentSummary> summaries,
        IReadOnlyList<PaymentHeadcount> headcounts, IReadOnlyList<BenefitStandard> standards)
    {
        var previousEnd = end.AddMonths(-3);
        Quarter Of(YearMonth last) => new(last, summaries.Where(s => s.Month.Year == last.Year && s.Month <= last).ToList(),
            headcounts.Where(h => h.Month == last).ToList(), standards);
        var (now, before) = (Of(end), Of(previousEnd));
        var rows = Lines.Select((line, i) =>
        {
            var (value, previous) = (line.Value(now), line.Value(before));
            object change = previous == 0 ? "—" : Money.RoundHalfUp((value - previous) / previous * 100m, 1);
            return (IReadOnlyList<object?>)[line.Name, line.Unit, (i + 1).ToString("D2"), Cell(value, line.Format), Cell(previous, line.Format), change];
        }).ToList();
        return new ListSheet("季报", $"{Title} {QuarterName(end)}", [
            new(Indicator, Width: 36), new(Unit, Width: 12), new(Code, Width: 8), new(Now, ReportFormat.Yuan, 16), new(Previous, ReportFormat.Yuan, 16),
            new(Change, ReportFormat.Yuan, 12)], rows)
        {
            Heading = [$"表    号：{FormNumber}", "制表机关：民政部", "批准机关：国家统计局", $"填报单位：{bureau}（统计用区划代码 {areaCode}）"],
            Notes = [Messages.Format("Report.QuarterlyNote", QuarterName(previousEnd))],
        };
    }

    // The figure keeps its format on the sheet: counts whole, yuan two decimals, 万元 four.
    private static object Cell(decimal value, ReportFormat format) => new ReportCell(value, format);
}

/// <summary>A figure in a list sheet with the format it is written in.</summary>
public sealed record ReportCell(decimal Value, ReportFormat Format);
