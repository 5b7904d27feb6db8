using System.Globalization;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;

namespace CivilAffairs.Domain.Reports;

/// <summary>A figure the summary states, by a key tests and the screen can find it by, in the unit the text writes it.</summary>
public sealed record SummaryFigure(string Key, decimal Value, string Unit)
{
    public const string Yuan = "元";
    public bool IsMoney => Unit == Yuan;
}

/// <summary>One paragraph of the draft: its heading (一、城乡低保 …) and its text.</summary>
public sealed record SummaryParagraph(string Heading, string Text);

/// <summary>The social-assistance part of the bureau's 工作总结 for a period, drafted from the summaries.</summary>
public sealed record WorkSummary(string Title, YearMonth From, YearMonth To, IReadOnlyList<SummaryParagraph> Paragraphs, IReadOnlyList<SummaryFigure> Figures)
{
    public decimal Figure(string key) => Figures.Single(f => f.Key == key).Value;

    /// <summary>The draft as plain text, paragraph by paragraph (what the screen lets the clerk edit).</summary>
    public string Text => string.Join("\n\n", Paragraphs.Select(p => p.Heading + "\n" + p.Text));
}

/// <summary>
/// Drafts the summary as the bureau writes it ("截至6月底，全市共保障农村低保对象9,836户20,232人，发放农村低保资金
/// XXX.XXXX万元；"), every figure from the monthly summaries and head counts: counts are those of the period's last
/// month, money and person-times are the period's sums, standards raised are the versions that took effect in it.
/// </summary>
public static class WorkSummaryDraft
{
    public const string UrbanHouseholds = "城市低保户数", UrbanPersons = "城市低保人数", UrbanFunds = "城市低保资金", RuralHouseholds = "农村低保户数",
        RuralPersons = "农村低保人数", RuralFunds = "农村低保资金", ExtremePersons = "特困人员", ExtremeInstitutional = "特困集中供养",
        ExtremeAtHome = "特困分散供养", ExtremeFunds = "特困供养资金", LivingTimes = "生活补贴人次", LivingFunds = "生活补贴资金",
        NursingTimes = "护理补贴人次", NursingFunds = "护理补贴资金", OrphansInstitutional = "集中养育孤儿", OrphansScattered = "社会散居孤儿",
        OrphanFunds = "孤儿资金", Unattended = "事实无人抚养儿童", UnattendedFunds = "事实无人抚养儿童资金", TemporaryTimes = "临时救助人次",
        TemporaryFunds = "临时救助资金", Recovered = "追缴资金", NewHouseholds = "新增低保户数", NewPersons = "新增低保人数",
        StoppedHouseholds = "停发低保户数", StoppedPersons = "停发低保人数", TotalFunds = "社会救助资金合计";
    public const string NearPovertyHouseholds = "低保边缘家庭户数", NearPovertyPersons = "低保边缘家庭人数", SentDownYouth = "知青人数";

    /// <summary>The period's name: 上半年, 下半年, 全年, or 1—N月.</summary>
    public static string PeriodName(YearMonth from, YearMonth to) => (from.Month, to.Month) switch
    {
        (1, 6) => $"{from.Year}年上半年",
        (7, 12) => $"{from.Year}年下半年",
        (1, 12) => $"{from.Year}年",
        _ when from.Month == to.Month => $"{from.Year}年{from.Month}月",
        _ => $"{from.Year}年{from.Month}—{to.Month}月",
    };

    /// <summary>全市, 全区 or 全县, by the jurisdiction's name.</summary>
    public static string Whole(string jurisdiction) => "全" + (jurisdiction.Length > 0 ? jurisdiction[^1] : '市');

    /// <param name="summaries">The summaries of every month from <paramref name="from"/> to <paramref name="to"/>.</param>
    /// <param name="headcounts">The head counts of <paramref name="to"/>.</param>
    public static WorkSummary Build(string jurisdiction, YearMonth from, YearMonth to, IReadOnlyList<PaymentSummary> summaries,
        IReadOnlyList<PaymentHeadcount> headcounts, IReadOnlyList<BenefitStandard> standards,
        (int Households, int Persons, int SentDownYouth)? tracked = null)
    {
        var period = summaries.Where(s => s.Month >= from && s.Month <= to).ToList();
        var last = period.Where(s => s.Month == to).ToList();
        var figures = new List<SummaryFigure>();
        decimal Add(string key, decimal value, string unit)
        {
            figures.Add(new(key, value, unit));
            return value;
        }
        string Count(decimal n) => n.ToString("N0", CultureInfo.InvariantCulture);
        string Wan(decimal yuan) => Money.FromYuan(yuan).WanRounded.ToString("N4", CultureInfo.InvariantCulture);
        decimal FundsOf(params string[] codes) => period.Where(s => codes.Contains(s.VariantCode)).Sum(s => s.Amount);
        decimal PersonsAtEnd(params string[] codes) => last.Where(s => codes.Contains(s.VariantCode)).Sum(s => s.Persons);
        decimal PersonTimes(params string[] codes) => period.Where(s => codes.Contains(s.VariantCode)).Sum(s => s.Persons);
        string[] Codes(Programme programme) => ProgrammeCatalogue.All.Where(v => v.Programme == programme).Select(v => v.Code).ToArray();
        var whole = Whole(jurisdiction);
        var until = $"截至{to.Month}月底";

        var (uh, up) = PaymentHeadcount.Count(headcounts, to, group: ProgrammeGroup.UrbanDibao);
        var (rh, rp) = PaymentHeadcount.Count(headcounts, to, group: ProgrammeGroup.RuralDibao);
        var urbanFunds = Add(UrbanFunds, FundsOf(Codes(Programme.UrbanDibao)), SummaryFigure.Yuan);
        var ruralFunds = Add(RuralFunds, FundsOf(Codes(Programme.RuralDibao)), SummaryFigure.Yuan);
        Add(UrbanHouseholds, uh, "户"); Add(UrbanPersons, up, "人"); Add(RuralHouseholds, rh, "户"); Add(RuralPersons, rp, "人");
        var dibao = Codes(Programme.UrbanDibao).Concat(Codes(Programme.RuralDibao)).ToArray();
        var dibaoPeriod = period.Where(s => dibao.Contains(s.VariantCode)).ToList();
        var newH = Add(NewHouseholds, dibaoPeriod.Sum(s => s.NewHouseholds), "户");
        var newP = Add(NewPersons, dibaoPeriod.Sum(s => s.NewPersons), "人");
        var stopH = Add(StoppedHouseholds, dibaoPeriod.Sum(s => s.StoppedHouseholds), "户");
        var stopP = Add(StoppedPersons, dibaoPeriod.Sum(s => s.StoppedPersons), "人");
        var paragraphs = new List<SummaryParagraph>
        {
            new("一、城乡最低生活保障",
                $"{until}，{whole}共保障城市低保对象{Count(uh)}户{Count(up)}人，{PeriodName(from, to)}发放城市低保资金{Wan(urbanFunds)}万元；" +
                $"保障农村低保对象{Count(rh)}户{Count(rp)}人，发放农村低保资金{Wan(ruralFunds)}万元。" +
                $"期间新增低保对象{Count(newH)}户{Count(newP)}人，停发{Count(stopH)}户{Count(stopP)}人，做到应保尽保、应退尽退。" +
                TrackedSentence()),
        };
        // Counted, not paid: the groups the bureau monitors beside its programmes (皇姑区: 低保边缘户 64 户 89 人，知青 116 人).
        string TrackedSentence()
        {
            if (tracked is not { } t || t.Households + t.SentDownYouth == 0) return "";
            Add(NearPovertyHouseholds, t.Households, "户"); Add(NearPovertyPersons, t.Persons, "人"); Add(SentDownYouth, t.SentDownYouth, "人");
            var parts = new List<string>();
            if (t.Households > 0) parts.Add($"低保边缘家庭{Count(t.Households)}户{Count(t.Persons)}人");
            if (t.SentDownYouth > 0) parts.Add($"知青{Count(t.SentDownYouth)}人");
            return $"另将{string.Join("、", parts)}纳入动态监测。";
        }

        var raised = standards.Where(s => !s.IsSuperseded && s.EffectiveFrom >= from && s.EffectiveFrom <= to && s.PreviousAmount is { } before && s.MonthlyAmount > before)
            .OrderBy(s => ProgrammeCatalogue.All.ToList().FindIndex(v => v.Code == s.VariantCode)).ToList();
        if (raised.Count > 0)
        {
            var documents = string.Join("、", raised.Select(s => s.DocumentNumber).Where(d => d.Length > 0).Distinct());
            paragraphs.Add(new("二、救助标准调整",
                $"自{raised.Min(s => s.EffectiveFrom).Year}年{raised.Min(s => s.EffectiveFrom).Month}月起提高救助标准" +
                (documents.Length > 0 ? $"（{documents}）" : "") + "：" +
                string.Join("；", raised.Select(s => $"{ProgrammeCatalogue.Find(s.VariantCode)?.Name ?? s.VariantCode}由{s.PreviousAmount:0.##}元/人·月提高到{s.MonthlyAmount:0.##}元/人·月")) + "。"));
        }

        var inst = Add(ExtremeInstitutional, PersonsAtEnd(ProgrammeCatalogue.ExtremePovertyUrbanInstitutional, ProgrammeCatalogue.ExtremePovertyRuralInstitutional), "人");
        var home = Add(ExtremeAtHome, PersonsAtEnd(ProgrammeCatalogue.ExtremePovertyUrbanAtHome, ProgrammeCatalogue.ExtremePovertyRuralAtHome), "人");
        Add(ExtremePersons, inst + home, "人");
        var extremeFunds = Add(ExtremeFunds, FundsOf(Codes(Programme.ExtremePoverty)), SummaryFigure.Yuan);
        var living = Add(LivingTimes, PersonTimes(ProgrammeCatalogue.DisabilityLiving), "人次");
        var livingFunds = Add(LivingFunds, FundsOf(ProgrammeCatalogue.DisabilityLiving), SummaryFigure.Yuan);
        var nursing = Add(NursingTimes, PersonTimes(ProgrammeCatalogue.DisabilityNursing), "人次");
        var nursingFunds = Add(NursingFunds, FundsOf(ProgrammeCatalogue.DisabilityNursing), SummaryFigure.Yuan);
        var oi = Add(OrphansInstitutional, PersonsAtEnd(ProgrammeCatalogue.OrphanInstitutional), "人");
        var os = Add(OrphansScattered, PersonsAtEnd(ProgrammeCatalogue.OrphanScattered), "人");
        var orphanFunds = Add(OrphanFunds, FundsOf(ProgrammeCatalogue.OrphanInstitutional, ProgrammeCatalogue.OrphanScattered), SummaryFigure.Yuan);
        var unattended = Add(Unattended, PersonsAtEnd(ProgrammeCatalogue.UnattendedChild), "人");
        var unattendedFunds = Add(UnattendedFunds, FundsOf(ProgrammeCatalogue.UnattendedChild), SummaryFigure.Yuan);
        var temporary = Add(TemporaryTimes, PersonTimes(ProgrammeCatalogue.Temporary), "人次");
        var temporaryFunds = Add(TemporaryFunds, FundsOf(ProgrammeCatalogue.Temporary), SummaryFigure.Yuan);
        var recovered = Add(Recovered, period.Sum(s => s.Recovery), SummaryFigure.Yuan);
        var total = Add(TotalFunds, period.Sum(s => s.Amount), SummaryFigure.Yuan);
        var n = paragraphs.Count;
        string Number(int i) => "一二三四五六七八九十"[i].ToString();
        paragraphs.Add(new($"{Number(n++)}、特困人员救助供养",
            $"{until}，{whole}共有特困人员{Count(inst + home)}人，其中集中供养{Count(inst)}人、分散供养{Count(home)}人，发放特困人员救助供养金{Wan(extremeFunds)}万元。"));
        paragraphs.Add(new($"{Number(n++)}、残疾人两项补贴",
            $"发放困难残疾人生活补贴{Count(living)}人次{Wan(livingFunds)}万元，重度残疾人护理补贴{Count(nursing)}人次{Wan(nursingFunds)}万元。"));
        paragraphs.Add(new($"{Number(n++)}、困境儿童保障",
            $"保障孤儿{Count(oi + os)}人（集中养育{Count(oi)}人、社会散居{Count(os)}人），发放孤儿基本生活费{Wan(orphanFunds)}万元；" +
            $"保障事实无人抚养儿童{Count(unattended)}人，发放生活补贴{Wan(unattendedFunds)}万元。"));
        paragraphs.Add(new($"{Number(n++)}、临时救助",
            $"实施临时救助{Count(temporary)}人次，发放临时救助资金{Wan(temporaryFunds)}万元。"));
        paragraphs.Add(new($"{Number(n)}、资金监管",
            $"{PeriodName(from, to)}共发放社会救助资金{Wan(total)}万元" +
            (recovered > 0 ? $"，对违规领取的核减追缴{Wan(recovered)}万元" : "，未发现违规领取需追缴的资金") + "。"));
        return new WorkSummary($"{jurisdiction}民政局{PeriodName(from, to)}社会救助工作总结（数据部分）", from, to, paragraphs, figures);
    }
}
