using System.Globalization;
using System.Text;
using System.Text.Json;
using CivilAffairs.Domain.Auditing;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;

namespace CivilAffairs.Domain.Payments;

/// <summary>A ledger line as the seal reads it: every stored field, so no field can change unseen.</summary>
public sealed record SealedLine(long Id, YearMonth ForMonth, int HouseholdId, int? PersonId, int? EnrollmentId, string VariantCode,
    Programme Programme, int TownshipId, decimal Amount, decimal? PreviousAmount, int? StandardId, PaymentReason Reason,
    PaymentLineFlags Flags, int PersonCount, int? TemporaryAssistanceId, int? RecoveryId);

/// <summary>
/// A closed month's seal, written into the audit chain when the month closes: how many lines, what they total, and a
/// keyed hash of every field of every line in order. An edit of a line, even paired with its summary row and the
/// month's recorded totals, no longer matches it; making a new seal needs the audit key.
/// </summary>
public sealed record MonthSeal(YearMonth Month, PaymentTotals Totals, string Hash)
{
    public const string EntityType = "PaymentMonth";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The audit record's key for a month of a jurisdiction (its area id).</summary>
    public static string KeyOf(int jurisdictionId, YearMonth month) => FormattableString.Invariant($"{jurisdictionId}/{month}");

    /// <summary>Seals lines given in ascending Id order.</summary>
    public static MonthSeal Of(YearMonth month, IEnumerable<SealedLine> lines, AuditKey key)
    {
        var sealer = new Sealer(month, key);
        foreach (var line in lines) sealer.Add(line);
        return sealer.Finish();
    }

    /// <summary>Builds a seal a line at a time, for lines streamed from the database in ascending Id order.</summary>
    public sealed class Sealer(YearMonth month, AuditKey key) : IDisposable
    {
        private readonly System.Security.Cryptography.IncrementalHash _hmac = key.NewHmac();
        private int _lines;
        private long _paidFen, _backPayFen, _recoveryFen;

        public void Add(SealedLine l)
        {
            var fen = Money.FromYuan(l.Amount).Fen;
            _lines++;
            if (l.Reason != PaymentReason.Recovery) _paidFen += fen;
            if (l.Reason == PaymentReason.BackPay) _backPayFen += fen;
            if (l.Reason == PaymentReason.Recovery) _recoveryFen -= fen;
            var text = string.Join('\u001f', I(l.Id), I(l.ForMonth.Key), I(l.HouseholdId), I(l.PersonId), I(l.EnrollmentId), l.VariantCode,
                I((int)l.Programme), I(l.TownshipId), I(fen), I(l.PreviousAmount is { } p ? Money.FromYuan(p).Fen : null), I(l.StandardId),
                I((int)l.Reason), I((int)l.Flags), I(l.PersonCount), I(l.TemporaryAssistanceId), I(l.RecoveryId)) + "\u001e";
            _hmac.AppendData(Encoding.UTF8.GetBytes(text));
        }

        public MonthSeal Finish()
        {
            _hmac.AppendData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{month.Key}\u001f{_lines}")));
            return new MonthSeal(month, new PaymentTotals(_lines, new Money(_paidFen).Yuan, new Money(_backPayFen).Yuan, new Money(_recoveryFen).Yuan),
                Convert.ToHexStringLower(_hmac.GetHashAndReset()));
        }

        public void Dispose() => _hmac.Dispose();

        private static string I(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>The seal as the audit record's changes carry it.</summary>
    public string ToChanges() => JsonSerializer.Serialize(new Stored(Totals.Lines, Totals.Paid, Totals.BackPay, Totals.Recovery, Hash), Json);

    public static MonthSeal? FromChanges(YearMonth month, string? changes)
    {
        if (changes is null) return null;
        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(changes, Json);
            return stored is null ? null : new MonthSeal(month, new PaymentTotals(stored.Lines, stored.Paid, stored.BackPay, stored.Recovery), stored.Hash);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"封存 {Month}：{Totals.Lines:N0} 条，发放 {Totals.Paid:N2} 元（补发 {Totals.BackPay:N2} 元），追缴 {Totals.Recovery:N2} 元");

    private sealed record Stored(int Lines, decimal Paid, decimal BackPay, decimal Recovery, string Hash);
}

/// <summary>verify-ledger's check of a closed month against its seal and its recorded totals.</summary>
public static class MonthSealCheck
{
    /// <param name="recorded">The month's totals as the month row records them.</param>
    /// <param name="sealedAtClose">The seal written at close (null for months closed before seals existed).</param>
    /// <param name="now">The lines as they stand, sealed again.</param>
    public static IEnumerable<LedgerDifference> Differences(YearMonth month, PaymentTotals recorded, MonthSeal? sealedAtClose, MonthSeal now)
    {
        if (sealedAtClose is not null && sealedAtClose.Hash != now.Hash)
            yield return new LedgerDifference(month, null, null,
                $"{month} 的台账与关账时的封存不符：封存时 {Describe(sealedAtClose.Totals)}，现在 {Describe(now.Totals)}（台账记录在关账后被改动、增加或删除）");
        if (recorded != now.Totals)
            yield return new LedgerDifference(month, null, null,
                $"{month} 记录的月度合计（{Describe(recorded)}）与台账明细（{Describe(now.Totals)}）不符");
        else if (sealedAtClose is not null && sealedAtClose.Totals != recorded)
            yield return new LedgerDifference(month, null, null,
                $"{month} 记录的月度合计（{Describe(recorded)}）与关账时的封存（{Describe(sealedAtClose.Totals)}）不符");
    }

    private static string Describe(PaymentTotals t) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.Lines:N0} 条，发放 {t.Paid:N2} 元，补发 {t.BackPay:N2} 元，追缴 {t.Recovery:N2} 元");
}
