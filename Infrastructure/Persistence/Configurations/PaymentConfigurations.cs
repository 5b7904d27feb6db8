using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CivilAffairs.Infrastructure.Persistence.Configurations;

/// <summary>
/// Ledger and summary amounts are stored as integer fen: SQLite keeps decimals as TEXT and its SUM over them returns a
/// REAL, so the set-based payment run could not add them exactly. Integers add exactly on both providers.
/// </summary>
internal sealed class FenConverter() : ValueConverter<decimal, long>(y => Money.FromYuan(y).Fen, f => new Money(f).Yuan);

internal sealed class NullableFenConverter() : ValueConverter<decimal?, long?>(y => y == null ? null : Money.FromYuan(y.Value).Fen, f => f == null ? null : new Money(f.Value).Yuan);

internal sealed class PaymentMonthConfiguration : IEntityTypeConfiguration<PaymentMonth>
{
    public void Configure(EntityTypeBuilder<PaymentMonth> b)
    {
        b.HasIndex(m => new { m.JurisdictionId, m.Month }).IsUnique();
        b.Property(m => m.ComputedBy).HasMaxLength(100);
        b.Property(m => m.ClosedBy).HasMaxLength(100);
        b.Ignore(m => m.IsClosed);
    }
}

internal sealed class PaymentLineConfiguration : IEntityTypeConfiguration<PaymentLine>
{
    public void Configure(EntityTypeBuilder<PaymentLine> b)
    {
        b.Property(l => l.VariantCode).HasMaxLength(ProgrammeVariant.CodeMaxLength).IsRequired();
        b.Property(l => l.Amount).HasConversion<FenConverter>().HasColumnName("AmountFen");
        b.Property(l => l.PreviousAmount).HasConversion<NullableFenConverter>().HasColumnName("PreviousAmountFen");
        b.Ignore(l => l.IsRegular);
        b.Ignore(l => l.IsPaidOut);
        // Both indexes lead with the month, so a month's lines are appended at their end rather than scattered through a
        // year of history (a household-first index made each month's close slower as the ledger grew).
        // Last month's line of a person (the run's comparison) and what was settled for a month (corrections).
        b.HasIndex(l => new { l.JurisdictionId, l.ForMonth, l.PersonId });
        // A month's lines: dropping a preview, the summaries, the bank file, a household's lines month by month.
        b.HasIndex(l => new { l.JurisdictionId, l.Month, l.HouseholdId });
    }
}

internal sealed class PaymentSummaryConfiguration : IEntityTypeConfiguration<PaymentSummary>
{
    public void Configure(EntityTypeBuilder<PaymentSummary> b)
    {
        b.Property(s => s.VariantCode).HasMaxLength(ProgrammeVariant.CodeMaxLength).IsRequired();
        foreach (var name in new[] { nameof(PaymentSummary.Amount), nameof(PaymentSummary.BackPay), nameof(PaymentSummary.Recovery),
                     nameof(PaymentSummary.NewAmount), nameof(PaymentSummary.StoppedAmount), nameof(PaymentSummary.TierChangeDelta),
                     nameof(PaymentSummary.StandardChangeDelta) })
            b.Property<decimal>(name).HasConversion<FenConverter>().HasColumnName(name + "Fen");
        b.Ignore(s => s.RegularAmount);
        b.HasIndex(s => new { s.JurisdictionId, s.Month, s.TownshipId, s.VariantCode }).IsUnique();
    }
}

internal sealed class PaymentHeadcountConfiguration : IEntityTypeConfiguration<PaymentHeadcount>
{
    public void Configure(EntityTypeBuilder<PaymentHeadcount> b)
    {
        b.Ignore(s => s.Group);
        b.HasIndex(s => new { s.JurisdictionId, s.Month, s.TownshipId, s.GroupCode }).IsUnique();
    }
}

internal sealed class RecoveryConfiguration : IEntityTypeConfiguration<Recovery>
{
    public void Configure(EntityTypeBuilder<Recovery> b)
    {
        b.Property(r => r.VariantCode).HasMaxLength(ProgrammeVariant.CodeMaxLength).IsRequired();
        b.Property(r => r.Note).HasMaxLength(Recovery.NoteMaxLength);
        b.Property(r => r.Amount).HasConversion<FenConverter>().HasColumnName("AmountFen");
        b.Property(r => r.ResolvedBy).HasMaxLength(100);
        b.HasIndex(r => new { r.JurisdictionId, r.State });
        b.HasIndex(r => new { r.JurisdictionId, r.DetectedMonth });
        b.HasIndex(r => r.HouseholdId);
    }
}

internal sealed class RetroactiveChangeConfiguration : IEntityTypeConfiguration<RetroactiveChange>
{
    public void Configure(EntityTypeBuilder<RetroactiveChange> b)
    {
        b.Property(r => r.VariantCode).HasMaxLength(ProgrammeVariant.CodeMaxLength);
        b.HasIndex(r => r.JurisdictionId);
    }
}

internal sealed class TemporaryAssistanceConfiguration : IEntityTypeConfiguration<TemporaryAssistance>
{
    public void Configure(EntityTypeBuilder<TemporaryAssistance> b)
    {
        b.ToTable("TemporaryAssistance");
        b.Property(t => t.Amount).HasConversion<FenConverter>().HasColumnName("AmountFen");
        b.Property(t => t.Reason).HasMaxLength(TemporaryAssistance.ReasonMaxLength).IsRequired();
        b.Property(t => t.ApprovalNumber).HasMaxLength(TemporaryAssistance.ApprovalMaxLength).IsRequired();
        b.Property(t => t.ApprovedBy).HasMaxLength(50).IsRequired();
        b.Property(t => t.RecordedBy).HasMaxLength(100).IsRequired();
        b.Property(t => t.RevokedBy).HasMaxLength(100);
        b.Property(t => t.RevocationReason).HasMaxLength(TemporaryAssistance.ReasonMaxLength);
        b.Ignore(t => t.IsRevoked);
        b.Ignore(t => t.Due);
        b.HasIndex(t => new { t.JurisdictionId, t.Month });
        b.HasIndex(t => t.HouseholdId);
    }
}

internal sealed class BankBatchConfiguration : IEntityTypeConfiguration<BankBatch>
{
    public void Configure(EntityTypeBuilder<BankBatch> b)
    {
        b.Property(x => x.ExportedBy).HasMaxLength(100).IsRequired();
        b.Property(x => x.ReturnedBy).HasMaxLength(100);
        b.Property(x => x.ControlTotal).HasConversion<FenConverter>().HasColumnName("ControlTotalFen");
        b.HasMany(x => x.Payments).WithOne().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(x => x.Payments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.JurisdictionId, x.Month });
    }
}

internal sealed class BankPaymentConfiguration : IEntityTypeConfiguration<BankPayment>
{
    public void Configure(EntityTypeBuilder<BankPayment> b)
    {
        b.Property(p => p.PayeeName).HasMaxLength(30).IsRequired();
        b.Property(p => p.Account).HasMaxLength(30).IsRequired();
        b.Property(p => p.Amount).HasConversion<FenConverter>().HasColumnName("AmountFen");
        b.Property(p => p.FailureReason).HasMaxLength(100);
        b.HasIndex(p => p.BatchId);
        b.HasIndex(p => p.HouseholdId);
    }
}

internal sealed class ChangeCounterConfiguration : IEntityTypeConfiguration<ChangeCounter>
{
    public void Configure(EntityTypeBuilder<ChangeCounter> b)
    {
        b.HasKey(c => c.Topic);
        b.Property(c => c.Topic).ValueGeneratedNever();
        b.HasData(Enum.GetValues<ChangeTopic>().Select(t => new ChangeCounter(t)));
    }
}

internal sealed class AnnualBudgetConfiguration : IEntityTypeConfiguration<AnnualBudget>
{
    public void Configure(EntityTypeBuilder<AnnualBudget> b)
    {
        b.Property(x => x.Amount).HasConversion<FenConverter>().HasColumnName("AmountFen");
        b.HasIndex(x => new { x.JurisdictionId, x.Year }).IsUnique();
    }
}
