using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Payments;

/// <summary>One row of the bank's disbursement file, with the full numbers the bank needs.</summary>
public sealed record BankFileRow(long PaymentId, string Name, string IdNumber, string Account, decimal Amount);

/// <summary>
/// The bank side of the monthly payment, implemented by Infrastructure: the month's disbursement list written set-wise
/// (one payment per household), the file the bank receives and the return file it sends back.
/// </summary>
public interface IBankDisbursement
{
    /// <summary>Households paid in the month (net of corrections, above zero) without a bank account.</summary>
    Task<IReadOnlyList<int>> HouseholdsWithoutAccountAsync(int jurisdictionId, YearMonth month, CancellationToken ct);

    /// <summary>Writes the month's batch and its payments in one transaction; returns the batch, or null when nothing is due.</summary>
    Task<BankBatch?> CreateMonthBatchAsync(int jurisdictionId, YearMonth month, string actor, CancellationToken ct);

    /// <summary>Writes the batch's file (payments, control totals) to <paramref name="output"/>.</summary>
    Task WriteFileAsync(int batchId, Stream output, CancellationToken ct);

    /// <summary>Reads a return file; rows it cannot read come back as messages.</summary>
    (IReadOnlyList<BankReturnRow> Rows, IReadOnlyList<string> Problems) ReadReturn(Stream input);
}
