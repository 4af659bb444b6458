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
        b.HasIndex(h => h.RegionCode);
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
        b.Property(p => p.PhoneCipher).HasMaxLength(200);
        b.Property(p => p.PhoneMasked).HasMaxLength(16);
        // One person, one record: the same identity number cannot be registered twice anywhere.
        b.HasIndex(p => p.IdNumberIndex).IsUnique();
        b.HasIndex(p => p.RegionCode);
        b.HasIndex(p => p.HouseholdId);
    }
}
