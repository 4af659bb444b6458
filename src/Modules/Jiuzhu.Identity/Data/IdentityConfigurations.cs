using Jiuzhu.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Identity.Data;

internal sealed class JiuzhuUserConfiguration : IEntityTypeConfiguration<JiuzhuUser>
{
    public void Configure(EntityTypeBuilder<JiuzhuUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(64).IsRequired();
        b.Property(u => u.Jurisdiction).HasMaxLength(12).IsRequired();
        b.Property(u => u.Department).HasMaxLength(32);
        b.Property(u => u.PhoneCipher).HasMaxLength(200);
        b.Property(u => u.PhoneIndex).HasMaxLength(64);
        b.Property(u => u.IdNumberCipher).HasMaxLength(200);
        b.Property(u => u.IdNumberIndex).HasMaxLength(64);
        b.HasIndex(u => u.Jurisdiction);
        // One resident account per phone number and per identity number; staff rows leave both empty (NULLs never collide).
        b.HasIndex(u => u.PhoneIndex).IsUnique();
        b.HasIndex(u => u.IdNumberIndex).IsUnique();
    }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.ToTable("api_clients");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Name).HasMaxLength(100).IsRequired();
        b.Property(c => c.Department).HasMaxLength(32).IsRequired();
        b.Property(c => c.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(c => c.KeyId).HasMaxLength(16).IsRequired();
        b.Property(c => c.SecretHash).HasMaxLength(64).IsRequired();
        b.Property(c => c.CreatedBy).HasMaxLength(256).IsRequired();
        b.Ignore(c => c.IsActive);
        b.HasIndex(c => c.KeyId).IsUnique();
    }
}
