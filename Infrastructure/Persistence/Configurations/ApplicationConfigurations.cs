using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilAffairs.Infrastructure.Persistence.Configurations;

internal sealed class AssistanceApplicationConfiguration : IEntityTypeConfiguration<AssistanceApplication>
{
    public void Configure(EntityTypeBuilder<AssistanceApplication> b)
    {
        b.ToTable("Applications");
        b.Property(a => a.Address).HasMaxLength(Household.AddressMaxLength).IsRequired();
        b.Property(a => a.VariantCode).HasMaxLength(ProgrammeVariant.CodeMaxLength).IsRequired();
        b.Property(a => a.ProposedVariantCode).HasMaxLength(ProgrammeVariant.CodeMaxLength);
        b.Property(a => a.ApprovedVariantCode).HasMaxLength(ProgrammeVariant.CodeMaxLength);
        b.Property(a => a.BeneficiaryIdNumber).HasMaxLength(IdNumber.Length);
        foreach (var text in new[] { nameof(AssistanceApplication.Documents), nameof(AssistanceApplication.Findings), nameof(AssistanceApplication.Visitors),
                     nameof(AssistanceApplication.DeclaredProperty), nameof(AssistanceApplication.Verification), nameof(AssistanceApplication.SpotCheck),
                     nameof(AssistanceApplication.RejectionReason) })
            b.Property<string>(text).HasMaxLength(AssistanceApplication.TextMaxLength);
        foreach (var user in new[] { nameof(AssistanceApplication.ReceivedBy), nameof(AssistanceApplication.InvestigatedBy),
                     nameof(AssistanceApplication.ReviewedBy), nameof(AssistanceApplication.DecidedBy) })
            b.Property<string>(user).HasMaxLength(100);
        b.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Objections).WithOne().HasForeignKey(o => o.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(a => a.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(a => a.Objections).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(a => a.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne(a => a.Posting).WithMany().HasForeignKey(a => a.PostingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Household).WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Areas.Area>().WithMany().HasForeignKey(a => a.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(a => a.Applicant);
        b.Ignore(a => a.Variant);
        b.Ignore(a => a.IsOpen);
        b.Ignore(a => a.PostingEndsOn);
        b.Ignore(a => a.CoveredPersons);
        b.Ignore(a => a.CheckedIdNumbers);
        // Each township's queue, longest waiting first.
        b.HasIndex(a => new { a.JurisdictionId, a.Stage, a.TownshipId, a.StageSince });
        b.HasIndex(a => a.CommunityId);
    }
}

internal sealed class ApplicationMemberConfiguration : IEntityTypeConfiguration<ApplicationMember>
{
    public void Configure(EntityTypeBuilder<ApplicationMember> b)
    {
        b.Property(m => m.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(m => m.IdNumber).HasMaxLength(IdNumber.Length).IsRequired();
        // The duplicate check at 受理 looks members up by ID number.
        b.HasIndex(m => m.IdNumber);
        b.HasIndex(m => new { m.ApplicationId, m.Relationship });
    }
}

internal sealed class ApplicationObjectionConfiguration : IEntityTypeConfiguration<ApplicationObjection>
{
    public void Configure(EntityTypeBuilder<ApplicationObjection> b)
    {
        b.Property(o => o.Content).HasMaxLength(AssistanceApplication.TextMaxLength).IsRequired();
        b.Property(o => o.Resolution).HasMaxLength(AssistanceApplication.TextMaxLength);
        b.Property(o => o.RecordedBy).HasMaxLength(100).IsRequired();
        b.Property(o => o.ResolvedBy).HasMaxLength(100);
        b.Ignore(o => o.IsResolved);
        b.HasIndex(o => o.ApplicationId);
    }
}

internal sealed class ApplicationStepConfiguration : IEntityTypeConfiguration<ApplicationStep>
{
    public void Configure(EntityTypeBuilder<ApplicationStep> b)
    {
        b.Property(s => s.Text).HasMaxLength(2 * AssistanceApplication.TextMaxLength).IsRequired();
        b.Property(s => s.By).HasMaxLength(100).IsRequired();
        b.HasIndex(s => s.ApplicationId);
    }
}

internal sealed class PostingConfiguration : IEntityTypeConfiguration<Posting>
{
    public void Configure(EntityTypeBuilder<Posting> b)
    {
        b.Property(p => p.Telephone).HasMaxLength(40).IsRequired();
        b.Property(p => p.PublishedBy).HasMaxLength(100).IsRequired();
        b.HasMany(p => p.Entries).WithOne().HasForeignKey(e => e.PostingId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(p => p.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<Posting>().WithMany().HasForeignKey(p => p.CorrectsId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Areas.Area>().WithMany().HasForeignKey(p => p.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.EndsOn);
        b.HasIndex(p => new { p.JurisdictionId, p.CommunityId });
    }
}

internal sealed class PostingEntryConfiguration : IEntityTypeConfiguration<PostingEntry>
{
    public void Configure(EntityTypeBuilder<PostingEntry> b)
    {
        b.Property(e => e.MaskedName).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(e => e.MaskedIdNumber).HasMaxLength(IdNumber.Length).IsRequired();
        b.Property(e => e.Programme).HasMaxLength(60).IsRequired();
        b.Property(e => e.Outcome).HasMaxLength(AssistanceApplication.TextMaxLength + 20);
        b.HasOne<AssistanceApplication>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.PostingId);
        b.HasIndex(e => e.ApplicationId);
    }
}

internal sealed class ApplicationAttachmentConfiguration : IEntityTypeConfiguration<ApplicationAttachment>
{
    public void Configure(EntityTypeBuilder<ApplicationAttachment> b)
    {
        b.ToTable("ApplicationAttachments");
        b.Property(a => a.FileName).HasMaxLength(ApplicationAttachment.FileNameMaxLength).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(40).IsRequired();
        b.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        b.Property(a => a.UploadedBy).HasMaxLength(100).IsRequired();
        b.HasOne<AssistanceApplication>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ApplicationId, a.Sha256 });
    }
}
