using CivilAffairs.Domain.Auditing;
using CivilAffairs.Infrastructure.Auditing;
using CivilAffairs.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilAffairs.Infrastructure.Persistence.Configurations;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.HasIndex(r => r.Sequence).IsUnique();
        b.HasIndex(r => new { r.UserName, r.Sequence });
        b.HasIndex(r => new { r.EntityType, r.Sequence });
        b.HasIndex(r => r.TimestampUtc);
        b.Property(r => r.UserName).HasMaxLength(AuditRecord.UserNameMaxLength).IsRequired();
        b.Property(r => r.EntityType).HasMaxLength(AuditRecord.EntityTypeMaxLength).IsRequired();
        b.Property(r => r.EntityKey).HasMaxLength(AuditRecord.EntityKeyMaxLength);
        b.Property(r => r.Reason).HasMaxLength(AuditRecord.ReasonMaxLength);
        b.Property(r => r.PreviousHash).HasMaxLength(AuditRecord.HashLength).IsFixedLength().IsRequired();
        b.Property(r => r.Hash).HasMaxLength(AuditRecord.HashLength).IsFixedLength().IsRequired();
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRecord> b)
    {
        b.Property(k => k.FriendlyName).HasMaxLength(200);
        b.Property(k => k.Xml).IsRequired();
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50).IsRequired();
        b.Property(u => u.Unit).HasMaxLength(UnitMaxLength).IsRequired().HasDefaultValue("");
    }

    public const int UnitMaxLength = 50;
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.Property(s => s.Id).HasMaxLength(SignInSession.IdLength).IsFixedLength();
        b.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.UserId, s.EndedAtUtc });
        b.Property(s => s.EndReason).HasMaxLength(SignInSession.EndReasonMaxLength);
        b.Property(s => s.Address).HasMaxLength(SignInSession.AddressMaxLength);
        b.Property(s => s.Client).HasMaxLength(SignInSession.ClientMaxLength);
    }
}
