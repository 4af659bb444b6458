using Jiuzhu.Geo.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Geo.Data;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("regions");
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(12).IsUnicode(false);
        b.Property(r => r.Name).HasMaxLength(100).IsRequired();
        b.Property(r => r.ParentCode).HasMaxLength(12).IsUnicode(false);
        b.Property(r => r.Level).HasConversion<int>();
        b.Property(r => r.Kind).HasConversion<int>();
        b.Ignore(r => r.IsUrban);
        b.HasIndex(r => r.ParentCode);
    }
}
