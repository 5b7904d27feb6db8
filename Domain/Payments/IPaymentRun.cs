using CivilAffairs.Domain.Common;

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
public sealed record PaymentRunOrder(int JurisdictionId, YearMonth Month, bool Close, Guid? ExpectedVersion, string Actor);

/// <summary>What a run did.</summary>
public sealed record PaymentRunResult(YearMonth Month, PaymentMonthState State, PaymentTotals Totals, bool Recomputed, int RecoveriesFound);

/// <summary>
/// Computes (and optionally closes) a payment month set-wise in the database, in one transaction: the ledger lines
/// under <see cref="Entitlement"/>, the corrections for closed months, temporary assistance, the summaries and the
/// month's state. A failure anywhere leaves the month exactly as it was. Implemented by Infrastructure.
/// </summary>
public interface IPaymentRun
{
    Task<PaymentRunResult> RunAsync(PaymentRunOrder order, IProgress<PaymentRunProgress>? progress, CancellationToken ct);

    /// <summary>The variants with at least one enrolment active in the month.</summary>
    Task<IReadOnlyList<string>> EnrolledVariantsAsync(int jurisdictionId, YearMonth month, CancellationToken ct);

    /// <summary>Persons and households entitled in the month, per variant, under the entitlement rule.</summary>
    Task<IReadOnlyList<VariantHeadCount>> HeadCountsAsync(int jurisdictionId, YearMonth month, CancellationToken ct);

    /// <summary>Recomputes every summary row of the jurisdiction from the ledger and lists the rows that differ.</summary>
    Task<IReadOnlyList<string>> CheckSummariesAsync(int jurisdictionId, CancellationToken ct);
}

/// <summary>How many persons and households a variant covers in a month.</summary>
public sealed record VariantHeadCount(string VariantCode, int Persons, int Households);
