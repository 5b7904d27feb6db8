using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Payments;

/// <summary>The steps of a payment run, in order, as the page's progress bar shows them.</summary>
public enum PaymentRunStep { Preparing = 1, RegularPayments = 2, Corrections = 3, TemporaryAssistance = 4, Summaries = 5, Locking = 6, Done = 7 }

/// <summary>Progress of a run: the step it has reached, of how many.</summary>
public sealed record PaymentRunProgress(PaymentRunStep Step)
{
    public int Percent => (int)Step * 100 / (int)PaymentRunStep.Done;
}

/// <summary>What a run is asked to do.</summary>
/// <param name="ExpectedVersion">The month's version as the user saw it (null when no row existed); a different one means someone else acted first.</param>
/// <param name="ComputeFirst">A close may compute a month never previewed (the command line); from a page a close needs a preview.</param>
public sealed record PaymentRunOrder(int JurisdictionId, YearMonth Month, bool Close, Guid? ExpectedVersion, string Actor, bool ComputeFirst = true);

/// <summary>What a run did; <see cref="AlreadyClosedBy"/> names who had closed the month when it was closed before this run.</summary>
public sealed record PaymentRunResult(YearMonth Month, PaymentMonthState State, PaymentTotals Totals, bool Recomputed, int RecoveriesFound,
    string? AlreadyClosedBy = null, int AllowancesEndedAt18 = 0, DateTime? AlreadyClosedAtUtc = null)
{
    public bool AlreadyClosed => AlreadyClosedBy is not null;
}

/// <summary>
/// Computes (and optionally closes) a payment month set-wise in the database, in one transaction: the month's rules
/// (<see cref="PaymentMonthRules"/>) checked inside it, the ledger lines under <see cref="Entitlement"/>, the
/// corrections for closed months under <see cref="Settlement"/>, temporary assistance, the summaries, head counts and
/// the month's state. A failure anywhere leaves the month exactly as it was. Implemented by Infrastructure.
/// </summary>
public interface IPaymentRun
{
    Task<PaymentRunResult> RunAsync(PaymentRunOrder order, IProgress<PaymentRunProgress>? progress, CancellationToken ct);

    /// <summary>The variants with at least one enrolment active in the month.</summary>
    Task<IReadOnlyList<string>> EnrolledVariantsAsync(int jurisdictionId, YearMonth month, CancellationToken ct);

    /// <summary>Persons and households entitled in the month, per variant, under the entitlement rule.</summary>
    Task<IReadOnlyList<VariantHeadCount>> HeadCountsAsync(int jurisdictionId, YearMonth month, CancellationToken ct);

    /// <summary>Recomputes every summary and head-count row of the jurisdiction from the ledger and lists the rows that differ.</summary>
    Task<IReadOnlyList<string>> CheckSummariesAsync(int jurisdictionId, CancellationToken ct);

    /// <summary>Everything the ledger holds for one month of entitlement, per person and programme and per temporary case.</summary>
    Task<LedgerMonth> SettledAsync(int jurisdictionId, YearMonth forMonth, CancellationToken ct);

    /// <summary>The whole roster of the jurisdiction as the entitlement rule sees it, with each community's township.</summary>
    Task<RosterTerms> RosterTermsAsync(int jurisdictionId, CancellationToken ct);

    /// <summary>The month's ledger lines as they stand, sealed again (<see cref="MonthSeal"/>), for comparison with the seal made at close.</summary>
    Task<MonthSeal> SealAsync(int jurisdictionId, YearMonth month, CancellationToken ct);
}

/// <summary>A month of entitlement in the ledger: the sums per person and programme, per temporary case, and the regular lines.</summary>
public sealed record LedgerMonth(YearMonth ForMonth, IReadOnlyDictionary<SettlementKey, Money> Settled, IReadOnlyDictionary<int, Money> TemporarySettled,
    IReadOnlyList<RegularLine> Regular);

/// <summary>A regular line as written in its own month: what the rule must reproduce.</summary>
public sealed record RegularLine(int HouseholdId, int PersonId, string VariantCode, Programme Programme, int TownshipId, Money Amount,
    Money? PreviousAmount, int? StandardId, PaymentReason Reason, PaymentLineFlags Flags);

/// <summary>The roster as the rule sees it: households' terms and the township of every community.</summary>
public sealed record RosterTerms(IReadOnlyList<HouseholdTerms> Households, IReadOnlyDictionary<int, int> TownshipOfCommunity);

/// <summary>How many persons and households a variant covers in a month.</summary>
public sealed record VariantHeadCount(string VariantCode, int Persons, int Households);
