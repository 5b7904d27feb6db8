using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Payments;

/// <summary>
/// The month × street/township × programme variant totals (月度汇总), written in the same transaction that computes or
/// closes the month, so the cockpit and the reports never scan the ledger. Head counts come from regular lines (and
/// temporary cases); amounts from every line paid out in the month.
/// </summary>
public sealed class PaymentSummary
{
    private PaymentSummary() { }

    public long Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public YearMonth Month { get; private set; }
    public int TownshipId { get; private set; }
    public string VariantCode { get; private set; } = "";
    public int Households { get; private set; }
    public int Persons { get; private set; }
    public int Female { get; private set; }
    public int Elderly { get; private set; }
    public int Minors { get; private set; }
    public int Disabled { get; private set; }
    /// <summary>Temporary assistance cases (0 for the monthly programmes).</summary>
    public int Cases { get; private set; }
    /// <summary>Paid out in the month: regular payments, back pay and temporary assistance, yuan.</summary>
    public decimal Amount { get; private set; }
    public decimal BackPay { get; private set; }
    /// <summary>Overpayments found in the month, to recover (positive).</summary>
    public decimal Recovery { get; private set; }
    public int NewHouseholds { get; private set; }
    public int NewPersons { get; private set; }
    public int StoppedHouseholds { get; private set; }
    public int StoppedPersons { get; private set; }
    /// <summary>What the new persons are paid this month.</summary>
    public decimal NewAmount { get; private set; }
    /// <summary>What the stopped persons were paid last month.</summary>
    public decimal StoppedAmount { get; private set; }
    /// <summary>This month's amount less last month's, over the persons whose tier changed.</summary>
    public decimal TierChangeDelta { get; private set; }
    /// <summary>The same over the persons whose standard changed.</summary>
    public decimal StandardChangeDelta { get; private set; }

    /// <summary>Regular payments only (paid out less back pay; temporary assistance has its own variant).</summary>
    public decimal RegularAmount => Amount - BackPay;
}

/// <summary>
/// Distinct households and persons assisted in a month in a street/township (户, 人), within one programme group or across
/// all (<see cref="GroupCode"/> 0): a person in dibao and both disability subsidies is one person but three person-times
/// (人次, the sum of the summaries' persons). Written with the summaries, from the same lines.
/// </summary>
public sealed class PaymentHeadcount
{
    public const int AllProgrammes = 0;

    private PaymentHeadcount() { }

    public long Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public YearMonth Month { get; private set; }
    public int TownshipId { get; private set; }
    /// <summary>The <see cref="ProgrammeGroup"/>'s number, or <see cref="AllProgrammes"/>.</summary>
    public int GroupCode { get; private set; }
    public int Households { get; private set; }
    public int Persons { get; private set; }

    public ProgrammeGroup? Group => GroupCode == AllProgrammes ? null : (ProgrammeGroup)GroupCode;

    /// <summary>
    /// Distinct households and persons of a month, in one township or all, in one group or across all. A household or
    /// person is in one township in a month, so the townships' distinct counts add up to the bureau's.
    /// </summary>
    public static (int Households, int Persons) Count(IEnumerable<PaymentHeadcount> rows, YearMonth month, int? townshipId = null, ProgrammeGroup? group = null)
    {
        var code = group is null ? AllProgrammes : (int)group;
        var chosen = rows.Where(r => r.Month == month && r.GroupCode == code && (townshipId is null || r.TownshipId == townshipId)).ToList();
        return (chosen.Sum(r => r.Households), chosen.Sum(r => r.Persons));
    }
}
