using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivilAffairs.Infrastructure.Persistence.Configurations;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.Property(h => h.Address).HasMaxLength(Household.AddressMaxLength).IsRequired();
        b.Property(h => h.BankAccount).HasMaxLength(Household.BankAccountMaxLength);
        b.Property(h => h.ImportKey).HasMaxLength(40);
        b.HasOne(h => h.Community).WithMany().HasForeignKey(h => h.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Members).WithOne(p => p.Household).HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Enrollments).WithOne(e => e.Household).HasForeignKey(e => e.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Events).WithOne().HasForeignKey(e => e.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Moves).WithOne(m => m.Household).HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(h => h.Moves).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(h => h.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(h => h.Enrollments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(h => h.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(h => h.Head);
        b.Ignore(h => h.ActiveMembers);
        b.Ignore(h => h.OpenDibao);
        b.HasIndex(h => new { h.JurisdictionId, h.Status });
        b.HasIndex(h => h.CommunityId);
        b.HasIndex(h => new { h.JurisdictionId, h.ImportKey });
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(p => p.IdNumber).HasMaxLength(IdNumber.Length).IsFixedLength().IsRequired();
        b.Property(p => p.IdTail).HasMaxLength(4).IsFixedLength().IsRequired();
        b.Ignore(p => p.IsActive);
        b.Ignore(p => p.IsFemale);
        b.Ignore(p => p.IsDisabled);
        // Uniqueness among active persons is a domain rule (IdNumberUniqueAmongActivePersons): removed members keep their row.
        b.HasIndex(p => new { p.IdNumber, p.Status });
        b.HasIndex(p => p.IdTail);
        b.HasIndex(p => p.Name);
        // (HouseholdId, Relationship) serves both the join from households and the roster's default order.
        b.HasIndex(p => new { p.HouseholdId, p.Relationship });
        b.HasIndex(p => p.BirthDate);
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> b)
    {
        b.Property(e => e.VariantCode).HasMaxLength(ProgrammeVariant.CodeMaxLength).IsRequired();
        b.Property(e => e.StopNote).HasMaxLength(Enrollment.NoteMaxLength);
        b.Property(e => e.LocalExceptionNote).HasMaxLength(Enrollment.NoteMaxLength);
        b.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Variant).WithMany().HasForeignKey(e => e.VariantCode).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(e => e.IsOpen);
        b.Ignore(e => e.NeverTookEffect);
        b.HasIndex(e => e.HouseholdId);
        b.HasIndex(e => e.PersonId);
        b.HasIndex(e => new { e.VariantCode, e.FromMonth, e.ToMonth });
    }
}

internal sealed class HouseholdEventConfiguration : IEntityTypeConfiguration<HouseholdEvent>
{
    public void Configure(EntityTypeBuilder<HouseholdEvent> b)
    {
        b.Property(e => e.Description).HasMaxLength(HouseholdEvent.DescriptionMaxLength).IsRequired();
        b.Property(e => e.RecordedBy).HasMaxLength(100).IsRequired();
        b.HasIndex(e => new { e.HouseholdId, e.Month });
    }
}

internal sealed class HouseholdMoveConfiguration : IEntityTypeConfiguration<HouseholdMove>
{
    public void Configure(EntityTypeBuilder<HouseholdMove> b)
    {
        b.HasOne<Domain.Areas.Area>().WithMany().HasForeignKey(m => m.FromCommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Areas.Area>().WithMany().HasForeignKey(m => m.ToCommunityId).OnDelete(DeleteBehavior.Restrict);
        // The payment run finds the first move after a month for each household it pays.
        b.HasIndex(m => new { m.HouseholdId, m.FromMonth }).IsUnique();
    }
}
