using Jiuzhu.Providers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Providers.Data;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b)
    {
        b.ToTable("providers");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(100).IsRequired();
        b.Property(p => p.Kind).HasConversion<int>();
        b.Property(p => p.CreditCode).HasMaxLength(18).IsRequired();
        b.Property(p => p.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(p => p.Address).HasMaxLength(200).IsRequired();
        b.Property(p => p.Contact).HasMaxLength(100).IsRequired();
        b.Property(p => p.UpdatedBy).HasMaxLength(256).IsRequired();
        b.Property(p => p.Stamp).IsConcurrencyToken();
        b.HasIndex(p => p.CreditCode).IsUnique();
        b.HasIndex(p => p.RegionCode);
        b.HasMany(p => p.Qualifications).WithOne().HasForeignKey(q => q.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Regions).WithOne().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Points).WithOne().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Staff).WithOne().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Capacities).WithOne().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Teams).WithOne().HasForeignKey(t => t.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QualificationConfiguration : IEntityTypeConfiguration<Qualification>
{
    public void Configure(EntityTypeBuilder<Qualification> b)
    {
        b.ToTable("provider_qualifications");
        b.HasKey(q => q.Id);
        b.Property(q => q.Id).ValueGeneratedNever();
        b.Property(q => q.Type).HasMaxLength(50).IsRequired();
        b.Property(q => q.Number).HasMaxLength(64).IsRequired();
        b.Property(q => q.Issuer).HasMaxLength(100).IsRequired();
        b.HasIndex(q => new { q.ProviderId, q.ValidTo });
    }
}

internal sealed class ProviderItemConfiguration : IEntityTypeConfiguration<ProviderItem>
{
    public void Configure(EntityTypeBuilder<ProviderItem> b)
    {
        b.ToTable("provider_items");
        b.HasKey(i => new { i.ProviderId, i.ItemCode });
        b.Property(i => i.ItemCode).HasMaxLength(32);
        b.HasIndex(i => i.ItemCode);
    }
}

internal sealed class ServedRegionConfiguration : IEntityTypeConfiguration<ServedRegion>
{
    public void Configure(EntityTypeBuilder<ServedRegion> b)
    {
        b.ToTable("provider_regions");
        b.HasKey(r => new { r.ProviderId, r.RegionCode });
        b.Property(r => r.RegionCode).HasMaxLength(12);
        b.HasIndex(r => r.RegionCode);
    }
}

internal sealed class ServicePointConfiguration : IEntityTypeConfiguration<ServicePoint>
{
    public void Configure(EntityTypeBuilder<ServicePoint> b)
    {
        b.ToTable("provider_service_points");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Kind).HasConversion<int>();
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
        b.Property(s => s.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(s => s.Address).HasMaxLength(200).IsRequired();
        b.Property(s => s.OpeningHours).HasMaxLength(300).IsRequired();
        b.Ignore(s => s.Hours);
        b.HasIndex(s => s.RegionCode);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.ToTable("provider_staff");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(50).IsRequired();
        b.Property(s => s.Role).HasConversion<int>();
        b.Property(s => s.QualificationText).HasMaxLength(100);
        b.Property(s => s.PhoneCipher).HasMaxLength(200);
        b.Property(s => s.PhoneMasked).HasMaxLength(16);
        // One account, one staff record: an account works for one organization.
        b.HasIndex(s => s.UserId).IsUnique();
    }
}

internal sealed class CapacityConfiguration : IEntityTypeConfiguration<Capacity>
{
    public void Configure(EntityTypeBuilder<Capacity> b)
    {
        b.ToTable("provider_capacities");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.ItemCode).HasMaxLength(32).IsRequired();
        b.Property(c => c.Period).HasConversion<int>();
        b.HasIndex(c => new { c.ProviderId, c.ItemCode, c.Period }).IsUnique();
    }
}

internal sealed class VolunteerTeamConfiguration : IEntityTypeConfiguration<VolunteerTeam>
{
    public void Configure(EntityTypeBuilder<VolunteerTeam> b)
    {
        b.ToTable("provider_volunteer_teams");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
        b.Property(t => t.Leader).HasMaxLength(50).IsRequired();
        b.Property(t => t.ItemCodes).HasMaxLength(400).IsRequired();
        b.Ignore(t => t.Items);
    }
}
