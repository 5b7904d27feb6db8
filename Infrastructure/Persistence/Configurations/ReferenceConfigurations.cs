using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilAffairs.Infrastructure.Persistence.Configurations;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.Property(a => a.Code).HasMaxLength(Area.CodeMaxLength).IsRequired();
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Name).HasMaxLength(Area.NameMaxLength).IsRequired();
        b.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ParentId, a.SortOrder });
    }
}

internal sealed class ProgrammeVariantConfiguration : IEntityTypeConfiguration<ProgrammeVariant>
{
    public void Configure(EntityTypeBuilder<ProgrammeVariant> b)
    {
        b.HasKey(v => v.Code);
        b.Property(v => v.Code).HasMaxLength(ProgrammeVariant.CodeMaxLength);
        b.Property(v => v.Name).HasMaxLength(ProgrammeVariant.NameMaxLength).IsRequired();
        b.Ignore(v => v.HasMonthlyStandard);
        b.Ignore(v => v.CoversHousehold);
        b.Ignore(v => v.Group);
    }
}

internal sealed class BenefitStandardConfiguration : IEntityTypeConfiguration<BenefitStandard>
{
    public void Configure(EntityTypeBuilder<BenefitStandard> b)
    {
        b.Property(s => s.VariantCode).HasMaxLength(ProgrammeVariant.CodeMaxLength).IsRequired();
        b.Property(s => s.DocumentNumber).HasMaxLength(BenefitStandard.DocumentNumberMaxLength).IsRequired();
        b.Property(s => s.Reason).HasMaxLength(BenefitStandard.ReasonMaxLength);
        b.Property(s => s.RecordedBy).HasMaxLength(100).IsRequired();
        b.HasOne(s => s.Jurisdiction).WithMany().HasForeignKey(s => s.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Variant).WithMany().HasForeignKey(s => s.VariantCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Corrects).WithMany().HasForeignKey(s => s.CorrectsId).OnDelete(DeleteBehavior.Restrict);
        // Two versions can never start in the same month, nor two corrections of one version be saved, even when two users save at once.
        b.HasIndex(s => new { s.JurisdictionId, s.VariantCode, s.EffectiveFrom, s.Revision }).IsUnique();
    }
}

internal sealed class StandardsProposalConfiguration : IEntityTypeConfiguration<Domain.Standards.StandardsProposal>
{
    public void Configure(EntityTypeBuilder<Domain.Standards.StandardsProposal> b)
    {
        b.Property(p => p.DocumentNumber).HasMaxLength(Domain.Standards.BenefitStandard.DocumentNumberMaxLength).IsRequired();
        b.Property(p => p.Reason).HasMaxLength(Domain.Standards.BenefitStandard.ReasonMaxLength);
        b.Property(p => p.DecisionNote).HasMaxLength(Domain.Standards.BenefitStandard.ReasonMaxLength);
        b.Property(p => p.ProposedBy).HasMaxLength(100).IsRequired();
        b.Property(p => p.DecidedBy).HasMaxLength(100);
        b.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(p => p.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(p => new { p.JurisdictionId, p.State });
    }
}

internal sealed class StandardsProposalItemConfiguration : IEntityTypeConfiguration<Domain.Standards.StandardsProposalItem>
{
    public void Configure(EntityTypeBuilder<Domain.Standards.StandardsProposalItem> b)
    {
        b.Property(i => i.VariantCode).HasMaxLength(Domain.Programmes.ProgrammeVariant.CodeMaxLength).IsRequired();
        b.Property(i => i.Reason).HasMaxLength(Domain.Standards.BenefitStandard.ReasonMaxLength);
    }
}
