using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Payments;

/// <summary>A ledger line as the month's summaries read it.</summary>
public readonly record struct SummaryLine(int HouseholdId, int TownshipId, string VariantCode, int? PersonId, Programme Programme,
    PaymentReason Reason, PaymentLineFlags Flags, int PersonCount, long AmountFen, long? PreviousAmountFen);

/// <summary>One month × township × variant row of the summaries, in fen (<see cref="PaymentSummary"/> as stored).</summary>
public sealed record SummaryRow(int TownshipId, string VariantCode, int Households, int Persons, int Female, int Elderly, int Minors,
    int Disabled, int Cases, long AmountFen, long BackPayFen, long RecoveryFen, int NewHouseholds, int NewPersons, int StoppedHouseholds,
    int StoppedPersons, long NewAmountFen, long StoppedAmountFen, long TierChangeDeltaFen, long StandardChangeDeltaFen)
{
    /// <summary>The values in the order of <see cref="MonthlySummaries.Columns"/>.</summary>
    public IReadOnlyList<long> Values() => [Households, Persons, Female, Elderly, Minors, Disabled, Cases, AmountFen, BackPayFen, RecoveryFen,
        NewHouseholds, NewPersons, StoppedHouseholds, StoppedPersons, NewAmountFen, StoppedAmountFen, TierChangeDeltaFen, StandardChangeDeltaFen];
}

/// <summary>One month × township × programme group (or all, 0) row of the distinct head counts (<see cref="PaymentHeadcount"/>).</summary>
public sealed record HeadcountRow(int TownshipId, int GroupCode, int Households, int Persons);

/// <summary>
/// The summaries and head counts of a month (月度汇总), from its ledger lines alone: per household first, to count
/// households and to tell a new or a stopped household from a member joining or leaving, then per township and variant.
/// Head counts (户, 人) come from regular lines and temporary cases; amounts from every line paid out; a temporary case's
/// persons beyond its named member are further persons. A person is stopped when paid regularly last month in a
/// programme and not this month; the household is stopped when none of its persons paid last month in that programme,
/// under that variant and township, is paid this month. The run computes them here in one read of the lines;
/// <c>MonthlySummaries.SummarySql</c> and <c>HeadcountSql</c> are the twins verify-summaries recomputes them with.
/// </summary>
public static partial class MonthlySummaries
{
    /// <summary>
    /// Streams <paramref name="month"/> (every line of the month) and then <paramref name="lastMonthRegular"/> (last month's
    /// regular lines), each in ascending household order (the ledger's month index), so only one household is held at a time.
    /// </summary>
    public static (IReadOnlyList<SummaryRow> Summaries, IReadOnlyList<HeadcountRow> Headcounts) Of(IEnumerable<SummaryLine> month,
        IEnumerable<SummaryLine> lastMonthRegular)
    {
        var rows = new Dictionary<(int Township, string Variant), Totals>();
        var counts = new Dictionary<(int Township, int Group), Count>();
        var persons = new PersonSet();
        var paidNow = new PersonSet();

        var household = new Dictionary<(int Township, string Variant), Totals>();
        var householdGroups = new HashSet<(int Township, int Group)>();
        int? current = null;

        void FlushHousehold()
        {
            foreach (var (key, totals) in household)
            {
                totals.Households = totals.Counted ? 1 : 0;
                totals.NewHouseholds = totals.MinRegular == PaymentReason.New && totals.MaxRegular == PaymentReason.New ? 1 : 0;
                Into(rows, key).Add(totals);
            }
            foreach (var key in householdGroups) Into(counts, key).Households++;
            household.Clear();
            householdGroups.Clear();
        }

        foreach (var line in month)
        {
            if (line.HouseholdId != current)
            {
                FlushHousehold();
                if (line.HouseholdId < current) throw new ArgumentException($"户 {line.HouseholdId} 的台账行不按户号顺序：汇总须按户读取。", nameof(month));
                current = line.HouseholdId;
            }
            var t = Into(household, (line.TownshipId, line.VariantCode));
            var regular = Entitlement.IsRegular(line.Reason);
            var temporary = line.Reason == PaymentReason.Temporary;
            if (regular || temporary)
            {
                t.Counted = true;
                t.Persons += line.PersonCount;
                CountIn(PaymentHeadcount.AllProgrammes);
                CountIn((int)ProgrammeCatalogue.GroupOf(line.Programme));

                void CountIn(int group)
                {
                    householdGroups.Add((line.TownshipId, group));
                    if (line.PersonId is int person && persons.Add(line.TownshipId, group, person)) Into(counts, (line.TownshipId, group)).Persons++;
                    if (temporary) Into(counts, (line.TownshipId, group)).Persons += line.PersonCount - (line.PersonId is null ? 0 : 1);
                }
            }
            if (regular)
            {
                if (line.PersonId is int person) paidNow.Add(0, (int)line.Programme, person);
                if (line.Flags.HasFlag(PaymentLineFlags.Female)) t.Female++;
                if (line.Flags.HasFlag(PaymentLineFlags.Elderly)) t.Elderly++;
                if (line.Flags.HasFlag(PaymentLineFlags.Minor)) t.Minors++;
                if (line.Flags.HasFlag(PaymentLineFlags.Disabled)) t.Disabled++;
                t.MinRegular = t.MinRegular is { } min && min < line.Reason ? min : line.Reason;
                t.MaxRegular = t.MaxRegular is { } max && max > line.Reason ? max : line.Reason;
            }
            if (temporary) t.Cases++;
            if (Entitlement.IsPaidOut(line.Reason)) t.AmountFen += line.AmountFen;
            if (line.Reason == PaymentReason.BackPay) t.BackPayFen += line.AmountFen;
            if (line.Reason == PaymentReason.Recovery) t.RecoveryFen -= line.AmountFen;
            if (line.Reason == PaymentReason.New)
            {
                t.NewPersons++;
                t.NewAmountFen += line.AmountFen;
            }
            if (line.PreviousAmountFen is long previous)
            {
                if (line.Reason == PaymentReason.TierChange) t.TierChangeDeltaFen += line.AmountFen - previous;
                if (line.Reason == PaymentReason.StandardChange) t.StandardChangeDeltaFen += line.AmountFen - previous;
            }
        }
        FlushHousehold();

        // Last month: per household, its regular lines per programme, and those not paid this month per township and variant.
        var linesPerProgramme = new Dictionary<Programme, int>();
        var stopped = new Dictionary<(int Township, string Variant, Programme Programme), (int Persons, long AmountFen)>();
        current = null;

        void FlushStopped()
        {
            foreach (var ((township, variant, programme), (stoppedPersons, amount)) in stopped)
            {
                var t = Into(rows, (township, variant));
                t.StoppedPersons += stoppedPersons;
                t.StoppedAmountFen += amount;
                if (stoppedPersons == linesPerProgramme[programme]) t.StoppedHouseholds++;
            }
            linesPerProgramme.Clear();
            stopped.Clear();
        }

        foreach (var line in lastMonthRegular)
        {
            if (!Entitlement.IsRegular(line.Reason)) throw new ArgumentException("上月只读正常发放行。", nameof(lastMonthRegular));
            if (line.HouseholdId != current)
            {
                FlushStopped();
                if (line.HouseholdId < current) throw new ArgumentException($"户 {line.HouseholdId} 的上月台账行不按户号顺序。", nameof(lastMonthRegular));
                current = line.HouseholdId;
            }
            linesPerProgramme[line.Programme] = linesPerProgramme.GetValueOrDefault(line.Programme) + 1;
            if (line.PersonId is int person && paidNow.Contains(0, (int)line.Programme, person)) continue;
            var key = (line.TownshipId, line.VariantCode, line.Programme);
            var (count, fen) = stopped.GetValueOrDefault(key);
            stopped[key] = (count + 1, fen + line.AmountFen);
        }
        FlushStopped();

        var summaries = rows.OrderBy(r => r.Key.Township).ThenBy(r => r.Key.Variant, StringComparer.Ordinal)
            .Select(r => r.Value.Row(r.Key.Township, r.Key.Variant)).ToList();
        var headcounts = counts.OrderBy(c => c.Key.Township).ThenBy(c => c.Key.Group)
            .Select(c => new HeadcountRow(c.Key.Township, c.Key.Group, c.Value.Households, c.Value.Persons)).ToList();
        return (summaries, headcounts);
    }

    private static T Into<TKey, T>(Dictionary<TKey, T> map, TKey key) where TKey : notnull where T : new()
    {
        if (!map.TryGetValue(key, out var value)) map[key] = value = new T();
        return value;
    }

    /// <summary>
    /// Person ids under a pair of small keys, 64 to a word: a million persons of a month take a few thousand entries
    /// where a set of triples took a hundred megabytes.
    /// </summary>
    private sealed class PersonSet
    {
        private readonly Dictionary<(int, int, int Word), ulong> _words = [];

        public bool Add(int a, int b, int person)
        {
            ref var word = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_words, (a, b, person >> 6), out _);
            var bit = 1UL << (person & 63);
            if ((word & bit) != 0) return false;
            word |= bit;
            return true;
        }

        public bool Contains(int a, int b, int person) => _words.TryGetValue((a, b, person >> 6), out var word) && (word & (1UL << (person & 63))) != 0;
    }

    private sealed class Count
    {
        public int Households;
        public int Persons;
    }

    private sealed class Totals
    {
        public bool Counted;
        public PaymentReason? MinRegular, MaxRegular;
        public int Households, Persons, Female, Elderly, Minors, Disabled, Cases, NewHouseholds, NewPersons, StoppedHouseholds, StoppedPersons;
        public long AmountFen, BackPayFen, RecoveryFen, NewAmountFen, StoppedAmountFen, TierChangeDeltaFen, StandardChangeDeltaFen;

        public void Add(Totals h)
        {
            Households += h.Households; Persons += h.Persons; Female += h.Female; Elderly += h.Elderly; Minors += h.Minors;
            Disabled += h.Disabled; Cases += h.Cases; NewHouseholds += h.NewHouseholds; NewPersons += h.NewPersons;
            AmountFen += h.AmountFen; BackPayFen += h.BackPayFen; RecoveryFen += h.RecoveryFen; NewAmountFen += h.NewAmountFen;
            TierChangeDeltaFen += h.TierChangeDeltaFen; StandardChangeDeltaFen += h.StandardChangeDeltaFen;
        }

        public SummaryRow Row(int township, string variant) => new(township, variant, Households, Persons, Female, Elderly, Minors, Disabled, Cases,
            AmountFen, BackPayFen, RecoveryFen, NewHouseholds, NewPersons, StoppedHouseholds, StoppedPersons, NewAmountFen, StoppedAmountFen,
            TierChangeDeltaFen, StandardChangeDeltaFen);
    }
}
