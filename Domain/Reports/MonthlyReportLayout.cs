using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Domain.Reports;

/// <summary>A street/township the report has a row for.</summary>
public sealed record ReportTownship(int Id, string Name);

/// <summary>
/// The bureau's report layout (统计月报), sheet by sheet, and how each figure comes from the monthly summaries. The
/// rows are the streets/townships; the total row is read from all summaries of the month, not added from the rows,
/// so the "total equals the sum of the rows" check proves no summary row falls outside a listed township.
/// </summary>
public static class MonthlyReportLayout
{
    public const string UrbanDibao = "城市低保", RuralDibao = "农村低保", ExtremePoverty = "特困供养", Disability = "残疾人两项补贴",
        Children = "困境儿童", Temporary = "临时救助", Summary = "汇总";
    public const string Households = "户数", Persons = "人数", Female = "其中：女性", Elderly = "老年人（60岁及以上）", Minors = "未成年人（18岁以下）",
        Disabled = "残疾人", NewHouseholds = "本月新增户数", NewPersons = "本月新增人数", StoppedHouseholds = "本月停发户数", StoppedPersons = "本月停发人数",
        FundsMonth = "本月资金（元）", FundsYear = "本年累计资金（元）", AveragePerPerson = "月人均补助（元）", StandardA = "A类标准（元/人·月）",
        StandardB = "B类标准（元/人·月）", StandardC = "C类标准（元/人·月）", UrbanInstitutional = "城市集中供养", UrbanAtHome = "城市分散供养",
        RuralInstitutional = "农村集中供养", RuralAtHome = "农村分散供养", TotalPersons = "合计人数", LivingPersons = "生活补贴人数",
        NursingPersons = "护理补贴人数", LivingFunds = "生活补贴资金（元）", NursingFunds = "护理补贴资金（元）", OrphansInstitutional = "机构养育孤儿",
        OrphansScattered = "社会散居孤儿", Unattended = "事实无人抚养儿童", StandardInstitutional = "机构养育标准（元/人·月）",
        StandardScattered = "散居孤儿标准（元/人·月）", StandardUnattended = "事实无人抚养儿童标准（元/人·月）", Cases = "件数",
        FundsMonthWan = "本月资金（万元）", FundsYearWan = "本年累计资金（万元）", Total = "合计",
        SummaryHouseholds = "户数（户，去重）", SummaryPersons = "人数（人，去重）", PersonTimes = "人次（按项目累计）";

    /// <summary>Summary sheet rows and where each must agree: (row, its programme group, sheet, persons column there, funds column there).</summary>
    public static IReadOnlyList<(string Programme, ProgrammeGroup Group, string Sheet, string Persons, string Funds)> SummarySources { get; } =
    [
        (UrbanDibao, ProgrammeGroup.UrbanDibao, UrbanDibao, MonthlyReportLayout.Persons, FundsMonth),
        (RuralDibao, ProgrammeGroup.RuralDibao, RuralDibao, MonthlyReportLayout.Persons, FundsMonth),
        (ExtremePoverty, ProgrammeGroup.ExtremePoverty, ExtremePoverty, TotalPersons, FundsMonth),
        (Disability, ProgrammeGroup.Disability, Disability, TotalPersons, FundsMonth),
        (Children, ProgrammeGroup.Children, Children, TotalPersons, FundsMonth),
        (Temporary, ProgrammeGroup.Temporary, Temporary, MonthlyReportLayout.Persons, FundsMonth),
    ];

    /// <summary>Columns that are the sum of other columns of the same row.</summary>
    public static IEnumerable<(string Whole, string[] Parts)> SumsOfParts(string sheet) => sheet switch
    {
        ExtremePoverty => [(TotalPersons, [UrbanInstitutional, UrbanAtHome, RuralInstitutional, RuralAtHome])],
        Disability => [(TotalPersons, [LivingPersons, NursingPersons]), (FundsMonth, [LivingFunds, NursingFunds])],
        Children => [(TotalPersons, [OrphansInstitutional, OrphansScattered, Unattended])],
        _ => [],
    };

    /// <summary>"Of which" columns: a part never exceeds its whole.</summary>
    public static IEnumerable<(string Whole, string Part)> OfWhich(string sheet) => sheet is UrbanDibao or RuralDibao
        ? [(Persons, Female), (Persons, Elderly), (Persons, Minors), (Persons, Disabled), (Households, NewHouseholds), (Persons, NewPersons), (FundsYear, FundsMonth)]
        : sheet == Summary ? [(FundsYear, FundsMonth), (PersonTimes, SummaryPersons)] : [];

    /// <summary>Builds every sheet from the summaries of the year to the month (all townships; or one, plus its total).</summary>
    public static IReadOnlyList<ReportSheet> Build(YearMonth month, IReadOnlyList<ReportTownship> townships, IReadOnlyList<PaymentSummary> yearToDate,
        IReadOnlyList<PaymentHeadcount> headcounts, IReadOnlyList<BenefitStandard> standards)
    {
        var ids = townships.Select(t => t.Id).ToHashSet();
        decimal Standard(string code) => BenefitStandard.AmountInForce(standards, code, month) ?? 0m;
        IReadOnlyList<PaymentSummary> Of(IEnumerable<string> codes, int? township) =>
            yearToDate.Where(s => codes.Contains(s.VariantCode) && (township is null ? ids.Contains(s.TownshipId) : s.TownshipId == township)).ToList();

        ReportSheet Sheet(string name, string title, ReportColumn[] columns, Func<int?, decimal[]> values) =>
            new(name, title, columns, townships.Select(t => new ReportRow(t.Name, values(t.Id))).ToList(), new ReportRow(Total, values(null)));
        var groupCounts = headcounts.Where(c => ids.Contains(c.TownshipId)).ToList();
        // The per-person programmes count households too (the households their persons live in, each once), as the
        // dibao sheets do: a form with persons paid and 0 households reads as an error.
        ReportSheet WithHouseholds(ProgrammeGroup group, string name, string title, ReportColumn[] columns, Func<int?, decimal[]> values) =>
            Sheet(name, title, [new(Households, ReportFormat.Count), .. columns],
                township => [PaymentHeadcount.Count(groupCounts, month, township, group).Households, .. values(township)]);

        ReportSheet Dibao(string name, Programme programme)
        {
            var variants = ProgrammeCatalogue.All.Where(v => v.Programme == programme).ToList();
            var codes = variants.Select(v => v.Code).ToList();
            ReportColumn[] columns =
            [
                new(Households, ReportFormat.Count), new(Persons, ReportFormat.Count), new(Female, ReportFormat.Count), new(Elderly, ReportFormat.Count),
                new(Minors, ReportFormat.Count), new(Disabled, ReportFormat.Count), new(NewHouseholds, ReportFormat.Count), new(NewPersons, ReportFormat.Count),
                new(StoppedHouseholds, ReportFormat.Count), new(StoppedPersons, ReportFormat.Count), new(FundsMonth, ReportFormat.Yuan),
                new(FundsYear, ReportFormat.Yuan), new(AveragePerPerson, ReportFormat.Yuan, false), new(StandardA, ReportFormat.Yuan, false),
                new(StandardB, ReportFormat.Yuan, false), new(StandardC, ReportFormat.Yuan, false),
            ];
            return Sheet(name, $"{name}统计表", columns, township =>
            {
                var rows = Of(codes, township);
                var now = rows.Where(r => r.Month == month).ToList();
                var persons = now.Sum(r => r.Persons);
                var funds = now.Sum(r => r.Amount);
                return
                [
                    now.Sum(r => r.Households), persons, now.Sum(r => r.Female), now.Sum(r => r.Elderly), now.Sum(r => r.Minors), now.Sum(r => r.Disabled),
                    now.Sum(r => r.NewHouseholds), now.Sum(r => r.NewPersons), now.Sum(r => r.StoppedHouseholds), now.Sum(r => r.StoppedPersons),
                    funds, rows.Sum(r => r.Amount), Money.FromYuan(now.Sum(r => r.RegularAmount)).Per(persons).Yuan,
                    Standard(variants.Single(v => v.Tier == Tier.A).Code), Standard(variants.Single(v => v.Tier == Tier.B).Code),
                    Standard(variants.Single(v => v.Tier == Tier.C).Code),
                ];
            });
        }

        decimal PersonsIn(IReadOnlyList<PaymentSummary> rows, string code) => rows.Where(r => r.Month == month && r.VariantCode == code).Sum(r => r.Persons);
        decimal FundsIn(IReadOnlyList<PaymentSummary> rows, params string[] codes) => rows.Where(r => r.Month == month && codes.Contains(r.VariantCode)).Sum(r => r.Amount);

        var extremeCodes = new[] { ProgrammeCatalogue.ExtremePovertyUrbanInstitutional, ProgrammeCatalogue.ExtremePovertyUrbanAtHome,
            ProgrammeCatalogue.ExtremePovertyRuralInstitutional, ProgrammeCatalogue.ExtremePovertyRuralAtHome };
        var extreme = WithHouseholds(ProgrammeGroup.ExtremePoverty, ExtremePoverty, "特困人员救助供养统计表",
            [new(UrbanInstitutional, ReportFormat.Count), new(UrbanAtHome, ReportFormat.Count), new(RuralInstitutional, ReportFormat.Count),
             new(RuralAtHome, ReportFormat.Count), new(TotalPersons, ReportFormat.Count), new(FundsMonth, ReportFormat.Yuan), new(FundsYear, ReportFormat.Yuan)],
            township =>
            {
                var rows = Of(extremeCodes, township);
                var parts = extremeCodes.Select(c => PersonsIn(rows, c)).ToArray();
                return [.. parts, parts.Sum(), FundsIn(rows, extremeCodes), rows.Sum(r => r.Amount)];
            });

        var disabilityCodes = new[] { ProgrammeCatalogue.DisabilityLiving, ProgrammeCatalogue.DisabilityNursing };
        var disability = WithHouseholds(ProgrammeGroup.Disability, Disability, "困难残疾人生活补贴和重度残疾人护理补贴统计表",
            [new(LivingPersons, ReportFormat.Count), new(NursingPersons, ReportFormat.Count), new(TotalPersons, ReportFormat.Count),
             new(LivingFunds, ReportFormat.Yuan), new(NursingFunds, ReportFormat.Yuan), new(FundsMonth, ReportFormat.Yuan), new(FundsYear, ReportFormat.Yuan)],
            township =>
            {
                var rows = Of(disabilityCodes, township);
                var living = PersonsIn(rows, ProgrammeCatalogue.DisabilityLiving);
                var nursing = PersonsIn(rows, ProgrammeCatalogue.DisabilityNursing);
                var livingFunds = FundsIn(rows, ProgrammeCatalogue.DisabilityLiving);
                var nursingFunds = FundsIn(rows, ProgrammeCatalogue.DisabilityNursing);
                return [living, nursing, living + nursing, livingFunds, nursingFunds, FundsIn(rows, disabilityCodes), rows.Sum(r => r.Amount)];
            });

        var childCodes = new[] { ProgrammeCatalogue.OrphanInstitutional, ProgrammeCatalogue.OrphanScattered, ProgrammeCatalogue.UnattendedChild };
        var children = WithHouseholds(ProgrammeGroup.Children, Children, "孤儿和事实无人抚养儿童保障统计表",
            [new(OrphansInstitutional, ReportFormat.Count), new(OrphansScattered, ReportFormat.Count), new(Unattended, ReportFormat.Count),
             new(TotalPersons, ReportFormat.Count), new(FundsMonth, ReportFormat.Yuan), new(FundsYear, ReportFormat.Yuan),
             new(StandardInstitutional, ReportFormat.Yuan, false), new(StandardScattered, ReportFormat.Yuan, false), new(StandardUnattended, ReportFormat.Yuan, false)],
            township =>
            {
                var rows = Of(childCodes, township);
                var parts = childCodes.Select(c => PersonsIn(rows, c)).ToArray();
                return [.. parts, parts.Sum(), FundsIn(rows, childCodes), rows.Sum(r => r.Amount), .. childCodes.Select(Standard)];
            });

        var temporary = WithHouseholds(ProgrammeGroup.Temporary, Temporary, "临时救助统计表",
            [new(Cases, ReportFormat.Count), new(Persons, ReportFormat.Count), new(FundsMonth, ReportFormat.Yuan), new(FundsYear, ReportFormat.Yuan)],
            township =>
            {
                var rows = Of([ProgrammeCatalogue.Temporary], township);
                var now = rows.Where(r => r.Month == month).ToList();
                return [now.Sum(r => r.Cases), now.Sum(r => r.Persons), now.Sum(r => r.Amount), rows.Sum(r => r.Amount)];
            });

        var urban = Dibao(UrbanDibao, Programme.UrbanDibao);
        var rural = Dibao(RuralDibao, Programme.RuralDibao);
        var programmeSheets = new[] { urban, rural, extreme, disability, children, temporary };
        ReportColumn[] summaryColumns =
        [
            // Counted once each: a household in dibao and a disability subsidy is one household of the total, a row in each.
            new(SummaryHouseholds, ReportFormat.Count, false), new(SummaryPersons, ReportFormat.Count, false), new(PersonTimes, ReportFormat.Count),
            new(FundsMonth, ReportFormat.Yuan), new(FundsYear, ReportFormat.Yuan),
            new(FundsMonthWan, ReportFormat.WanYuan, false), new(FundsYearWan, ReportFormat.WanYuan, false),
        ];
        var counts = headcounts.Where(c => ids.Contains(c.TownshipId)).ToList();
        decimal Wan(decimal yuan) => Money.FromYuan(yuan).WanRounded;
        var summaryRows = SummarySources.Select(source =>
        {
            var sheet = programmeSheets.Single(s => s.Name == source.Sheet);
            var (households, persons) = PaymentHeadcount.Count(counts, month, group: source.Group);
            var month_ = sheet.Value(sheet.Total, FundsMonth);
            var year = sheet.Value(sheet.Total, FundsYear);
            return new ReportRow(source.Programme, [households, persons, sheet.Value(sheet.Total, source.Persons), month_, year, Wan(month_), Wan(year)]);
        }).ToList();
        // The summary's total comes from all the month's summaries and head counts at once, independently of the programme sheets.
        var all = yearToDate.Where(s => ids.Contains(s.TownshipId)).ToList();
        var allNow = all.Where(s => s.Month == month).ToList();
        var (allHouseholds, allPersons) = PaymentHeadcount.Count(counts, month);
        var total = new ReportRow(Total, [allHouseholds, allPersons, allNow.Sum(s => s.Persons), allNow.Sum(s => s.Amount), all.Sum(s => s.Amount),
            Wan(allNow.Sum(s => s.Amount)), Wan(all.Sum(s => s.Amount))]);
        var summary = new ReportSheet(Summary, "社会救助统计月报汇总表", summaryColumns, summaryRows, total)
        {
            Notes = [Messages.Get("Report.DistinctNote"), .. RoundingNotes(summaryColumns, summaryRows, total)],
        };
        return [summary, .. programmeSheets];
    }

    /// <summary>
    /// Each 万元 figure is rounded half up at four decimals from the exact yuan; where the rounded rows do not add up to
    /// the rounded total, the sheet says by how much, as the bureau's forms do (尾差).
    /// </summary>
    private static IEnumerable<string> RoundingNotes(IReadOnlyList<ReportColumn> columns, IReadOnlyList<ReportRow> rows, ReportRow total)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Format != ReportFormat.WanYuan) continue;
            var added = rows.Sum(r => r.Values[c]);
            if (added != total.Values[c])
                yield return Messages.Format("Report.RoundingNote", columns[c].Header, added.ToString("N4"), total.Values[c].ToString("N4"),
                    (total.Values[c] - added).ToString("+0.0000;-0.0000"));
        }
    }
}
