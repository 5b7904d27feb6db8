using CivilAffairs.Domain.Monitoring;
using CivilAffairs.Domain.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilAffairs.Infrastructure.Persistence.Configurations;

internal sealed class RecordImportConfiguration : IEntityTypeConfiguration<RecordImport>
{
    public void Configure(EntityTypeBuilder<RecordImport> b)
    {
        b.Property(i => i.Source).HasMaxLength(40).IsRequired();
        b.Property(i => i.FileName).HasMaxLength(200).IsRequired();
        b.Property(i => i.Sha256).HasMaxLength(64).IsRequired();
        b.Property(i => i.ImportedBy).HasMaxLength(100).IsRequired();
        b.HasIndex(i => new { i.JurisdictionId, i.ImportedAtUtc });
    }
}

internal sealed class ExternalRecordConfiguration : IEntityTypeConfiguration<ExternalRecord>
{
    public void Configure(EntityTypeBuilder<ExternalRecord> b)
    {
        b.Property(r => r.Source).HasMaxLength(40).IsRequired();
        b.Property(r => r.RowKey).HasMaxLength(64).IsRequired();
        b.Property(r => r.IdNumber).HasMaxLength(IdNumber.Length).IsRequired();
        b.Property(r => r.Name).HasMaxLength(Person.NameMaxLength * 2).IsRequired();
        b.Property(r => r.Detail).HasMaxLength(200);
        b.HasOne(r => r.Import).WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Restrict);
        // A row imported again is recognised by its key and not matched twice.
        b.HasIndex(r => new { r.Source, r.RowKey }).IsUnique();
        b.HasIndex(r => r.IdNumber);
    }
}

internal sealed class MonitoringWarningConfiguration : IEntityTypeConfiguration<MonitoringWarning>
{
    public void Configure(EntityTypeBuilder<MonitoringWarning> b)
    {
        b.ToTable("Warnings");
        b.Property(w => w.Text).HasMaxLength(MonitoringWarning.TextMaxLength).IsRequired();
        b.HasOne(w => w.Record).WithMany().HasForeignKey(w => w.RecordId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Household>().WithMany().HasForeignKey(w => w.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(w => new { w.JurisdictionId, w.State, w.TownshipId, w.Severity, w.DueOn });
        b.HasIndex(w => w.HouseholdId);
    }
}
