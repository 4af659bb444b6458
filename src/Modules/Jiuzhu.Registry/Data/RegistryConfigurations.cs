using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Registry.Data;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("households");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(h => h.Address).HasMaxLength(200).IsRequired();
        b.Property(h => h.HeadName).HasMaxLength(64).IsRequired();
        b.Property(h => h.Category).HasConversion<int>();
        b.Property(h => h.Needs).HasConversion<int>();
        b.Property(h => h.ConcurrencyStamp).IsConcurrencyToken();
        b.HasMany(h => h.Members).WithOne().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(h => h.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(h => h.Categories).WithOne().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(h => h.Categories).HasField("_categories").UsePropertyAccessMode(PropertyAccessMode.Field);
        // Search: the jurisdiction and region ranges, in the order of the list (region, head of household, id), so the
        // first page stops early; it also serves every lookup by region code. MergedIntoId is there so that rows skipped
        // on the way to a later page are tested in the index alone.
        b.HasIndex(h => new { h.RegionCode, h.HeadName, h.Id, h.MergedIntoId });
        // Search by the start of the address.
        b.HasIndex(h => h.Address);
        // Only the few merged households: a full index of mostly NULLs looked selective to SQLite's planner, which then
        // read every household through it for "MergedIntoId IS NULL".
        b.HasIndex(h => h.MergedIntoId).HasFilter("\"MergedIntoId\" IS NOT NULL");
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("persons");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(p => p.Name).HasMaxLength(64).IsRequired();
        b.Property(p => p.Sex).HasConversion<int>();
        b.Property(p => p.Relation).HasConversion<int>();
        b.Property(p => p.Needs).HasConversion<int>();
        b.Property(p => p.IdNumberCipher).HasMaxLength(200).IsRequired();
        b.Property(p => p.IdNumberIndex).HasMaxLength(64).IsRequired();
        b.Property(p => p.IdNumberMasked).HasMaxLength(18).IsRequired();
        b.Property(p => p.IdNumberLast4).HasMaxLength(4).IsRequired();
        b.Property(p => p.RegistrationRegion).HasMaxLength(12);
        b.Property(p => p.DisabilityCipher).HasMaxLength(400);
        b.Property(p => p.GuardianRelation).HasMaxLength(32);
        b.Property(p => p.PhoneCipher).HasMaxLength(200);
        b.Property(p => p.PhoneMasked).HasMaxLength(16);
        // One person, one record: the same identity number cannot be registered twice anywhere.
        b.HasIndex(p => p.IdNumberIndex).IsUnique();
        b.HasIndex(p => p.RegionCode);
        b.HasIndex(p => p.HouseholdId);
        // Search: by name prefix, by the masked number (address code + last four), or by the last four alone. The name
        // index carries the region code (jurisdiction) and the household, so a name search reads the index alone.
        b.HasIndex(p => new { p.Name, p.RegionCode, p.HouseholdId });
        b.HasIndex(p => p.IdNumberMasked);
        b.HasIndex(p => p.IdNumberLast4);
    }
}

internal sealed class CategoryPeriodConfiguration : IEntityTypeConfiguration<CategoryPeriod>
{
    public void Configure(EntityTypeBuilder<CategoryPeriod> b)
    {
        b.ToTable("household_categories");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(c => c.Category).HasConversion<int>();
        b.HasIndex(c => c.HouseholdId);
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.ToTable("consents");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(c => c.Purposes).HasMaxLength(200).IsRequired();
        b.Property(c => c.Departments).HasMaxLength(300).IsRequired();
        b.Property(c => c.GivenBy).HasMaxLength(64).IsRequired();
        b.Property(c => c.Evidence).HasMaxLength(200);
        b.Property(c => c.RecordedBy).HasMaxLength(256).IsRequired();
        b.Property(c => c.WithdrawnBy).HasMaxLength(256);
        b.Ignore(c => c.IsActive);
        b.Ignore(c => c.PurposeList);
        b.Ignore(c => c.DepartmentList);
        b.HasIndex(c => c.PersonId);
        b.HasIndex(c => c.HouseholdId);
    }
}
