using Jiuzhu.Catalog.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Catalog.Data;

internal sealed class CatalogEntryConfiguration : IEntityTypeConfiguration<CatalogEntry>
{
    public void Configure(EntityTypeBuilder<CatalogEntry> b)
    {
        b.ToTable("catalog_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Scope).HasMaxLength(12).IsRequired();
        b.Property(e => e.Tier).HasConversion<int>();
        b.Property(e => e.ItemCode).HasMaxLength(32).IsRequired();
        b.Property(e => e.Kind).HasConversion<int>();
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.Category).HasMaxLength(16);
        b.Property(e => e.Unit).HasMaxLength(16);
        b.Property(e => e.Standard).HasMaxLength(2000);
        b.Property(e => e.StandardReference).HasMaxLength(200);
        b.Property(e => e.Frequency).HasConversion<int?>();
        b.Property(e => e.FrequencyMin).HasConversion<int?>();
        b.Property(e => e.FrequencyMax).HasConversion<int?>();
        b.Property(e => e.UnitPrice).HasPrecision(12, 2);
        b.Property(e => e.PriceMin).HasPrecision(12, 2);
        b.Property(e => e.PriceMax).HasPrecision(12, 2);
        b.Property(e => e.TargetGroups).HasMaxLength(200);
        b.Property(e => e.NeedFlags).HasMaxLength(400);
        b.Property(e => e.OwnerDepartment).HasMaxLength(32);
        b.Property(e => e.ProviderTypes).HasMaxLength(400);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.Property(e => e.CreatedBy).HasMaxLength(256).IsRequired();
        b.Ignore(e => e.Limits);
        b.Ignore(e => e.HasLimits);
        b.Ignore(e => e.Superseded);
        // Two editors saving a version of the same item at once: the second insert fails instead of forking the history.
        b.HasIndex(e => new { e.Scope, e.ItemCode, e.Version }).IsUnique();
        b.HasIndex(e => e.ItemCode);
    }
}

internal sealed class CatalogPackageConfiguration : IEntityTypeConfiguration<CatalogPackage>
{
    public void Configure(EntityTypeBuilder<CatalogPackage> b)
    {
        b.ToTable("catalog_packages");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Scope).HasMaxLength(12).IsRequired();
        b.Property(p => p.Code).HasMaxLength(32).IsRequired();
        b.Property(p => p.Name).HasMaxLength(100).IsRequired();
        b.Property(p => p.BaseItems).HasMaxLength(1000).IsRequired();
        b.Property(p => p.OptionalModules).HasMaxLength(1000).IsRequired();
        b.Property(p => p.TypicalNeedFlags).HasMaxLength(400).IsRequired();
        b.Property(p => p.UpdatedBy).HasMaxLength(256).IsRequired();
        b.Property(p => p.Stamp).IsConcurrencyToken();
        b.HasIndex(p => new { p.Scope, p.Code }).IsUnique();
    }
}

internal sealed class FunctionDivisionConfiguration : IEntityTypeConfiguration<FunctionDivisionEntry>
{
    public void Configure(EntityTypeBuilder<FunctionDivisionEntry> b)
    {
        b.ToTable("function_division");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Scope).HasMaxLength(12).IsRequired();
        b.Property(d => d.Code).HasMaxLength(32).IsRequired();
        b.Property(d => d.Name).HasMaxLength(100).IsRequired();
        b.Property(d => d.OwnerDepartment).HasMaxLength(32).IsRequired();
        b.Property(d => d.Why).HasMaxLength(500).IsRequired();
        b.Property(d => d.UpdatedBy).HasMaxLength(256).IsRequired();
        b.HasIndex(d => new { d.Scope, d.Code }).IsUnique();
    }
}
