using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Domain.Reports;

/// <summary>
/// A month × area × variant row of the summaries as the forms read them: a township's from the stored summaries, a
/// community's from the same summary rule run over its lines (<see cref="MonthlySummaries.Of"/>).
/// </summary>
public sealed record AreaFigures(YearMonth Month, int AreaId, string VariantCode, int Households, int Persons, int Elderly, int Minors,
    decimal Amount, decimal RegularAmount)
{
    public static AreaFigures Of(PaymentSummary s) =>
        new(s.Month, s.TownshipId, s.VariantCode, s.Households, s.Persons, s.Elderly, s.Minors, s.Amount, s.RegularAmount);

    public static AreaFigures Of(YearMonth month, SummaryRow r) => new(month, r.TownshipId, r.VariantCode, r.Households, r.Persons, r.Elderly,
        r.Minors, new Money(r.AmountFen).Yuan, new Money(r.AmountFen - r.BackPayFen).Yuan);
}

/// <summary>
/// 城市/农村低保对象综合统计表, per street/township (or per community/village within one township), in the form's own
/// units: counts in 户 and 人, the month's spending in 万元 but the cumulative spending in 元, averages and the standard
/// in 元. 累计人数 is the year's person-months (each month's persons added, as the form's 累计 columns are), and the
/// cumulative average is the year's regular spending over them.
/// </summary>
public static class DibaoForm
{
    public const string Households = "户数（户）", PersonsMonth = "当月人数（人）", PersonsCumulative = "累计人数（人）", Elderly = "老年人（人）",
        Adults = "成年人（人）", Minors = "未成年人（人）", FundsMonthWan = "当月资金支出（万元）", FundsCumulative = "累计资金支出（元）",
        AverageMonth = "当月人均补助水平（元）", AverageCumulative = "累计月人均补助水平（元）", Standard = "低保标准（元）";

    public static string Title(Programme programme) => programme == Programme.UrbanDibao ? "城市低保对象综合统计表" : "农村低保对象综合统计表";

    public static IEnumerable<(string Whole, string[] Parts)> SumsOfParts => [(PersonsMonth, [Elderly, Adults, Minors])];

    /// <param name="areas">The rows: townships, or the communities of one township.</param>
    /// <param name="byArea">The year's figures to the month, by the rows' area ids.</param>
    /// <param name="total">The same for the whole (read independently of the rows, so the total check proves they partition it).</param>
    public static ReportSheet Build(Programme programme, YearMonth month, IReadOnlyList<ReportTownship> areas, IReadOnlyList<AreaFigures> byArea,
        IReadOnlyList<AreaFigures> total, IReadOnlyList<BenefitStandard> standards, string rowHeader)
    {
        var codes = ProgrammeCatalogue.All.Where(v => v.Programme == programme).Select(v => v.Code).ToHashSet();
        var standardCode = ProgrammeCatalogue.All.Single(v => v.Programme == programme && v.Tier == Tier.A).Code;
        var standard = BenefitStandard.AmountInForce(standards, standardCode, month) ?? 0m;
        ReportColumn[] columns =
        [
            new(Households, ReportFormat.Count), new(PersonsMonth, ReportFormat.Count), new(PersonsCumulative, ReportFormat.Count),
            new(Elderly, ReportFormat.Count), new(Adults, ReportFormat.Count), new(Minors, ReportFormat.Count),
            // Each 万元 cell is rounded from its own yuan: the rows need not add up to the total (尾差, noted under the table).
            new(FundsMonthWan, ReportFormat.WanYuan, Additive: false), new(FundsCumulative, ReportFormat.Yuan),
            new(AverageMonth, ReportFormat.Yuan, false), new(AverageCumulative, ReportFormat.Yuan, false), new(Standard, ReportFormat.Yuan, false),
        ];

        decimal[] Values(IEnumerable<AreaFigures> figures)
        {
            var year = figures.Where(f => codes.Contains(f.VariantCode) && f.Month <= month).ToList();
            var now = year.Where(f => f.Month == month).ToList();
            var persons = now.Sum(f => f.Persons);
            var elderly = now.Sum(f => f.Elderly);
            var minors = now.Sum(f => f.Minors);
            var cumulative = year.Sum(f => f.Persons);
            return
            [
                now.Sum(f => f.Households), persons, cumulative, elderly, persons - elderly - minors, minors,
                Money.FromYuan(now.Sum(f => f.Amount)).WanRounded, year.Sum(f => f.Amount),
                Money.FromYuan(now.Sum(f => f.RegularAmount)).Per(persons).Yuan, Money.FromYuan(year.Sum(f => f.RegularAmount)).Per(cumulative).Yuan,
                standard,
            ];
        }

        var lookup = byArea.ToLookup(f => f.AreaId);
        var rows = areas.Select(a => new ReportRow(a.Name, Values(lookup[a.Id]))).ToList();
        var totalRow = new ReportRow(MonthlyReportLayout.Total, Values(total));
        var wan = Array.IndexOf(columns.Select(c => c.Header).ToArray(), FundsMonthWan);
        var added = rows.Sum(r => r.Values[wan]);
        var notes = new List<string> { Messages.Get("Report.DibaoFormNote") };
        if (added != totalRow.Values[wan])
            notes.Add(Messages.Format("Report.RoundingNote", FundsMonthWan, added.ToString("N4"), totalRow.Values[wan].ToString("N4"),
                (totalRow.Values[wan] - added).ToString("+0.0000;-0.0000")));
        return new ReportSheet(Title(programme), Title(programme), columns, rows, totalRow) { Notes = notes, RowHeader = rowHeader };
    }
}
