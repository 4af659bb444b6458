using Jiuzhu.Audit.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Audit.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        // The key is the id: several entries can be pending in one unit of work before sealing numbers them.
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.HasIndex(e => e.Sequence).IsUnique();
        b.Property(e => e.ActorKind).HasMaxLength(16).IsRequired();
        b.Property(e => e.ActorName).HasMaxLength(256).IsRequired();
        b.Property(e => e.ActorRoles).HasMaxLength(512).IsRequired();
        b.Property(e => e.ActorJurisdiction).HasMaxLength(12);
        b.Property(e => e.Action).HasMaxLength(64).IsRequired();
        b.Property(e => e.EntityType).HasMaxLength(64).IsRequired();
        b.Property(e => e.EntityId).HasMaxLength(64);
        b.Property(e => e.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(e => e.Outcome).HasMaxLength(16).IsRequired();
        b.Property(e => e.Summary).HasMaxLength(2000).IsRequired();
        b.Property(e => e.PrevHash).HasMaxLength(64).IsRequired();
        b.Property(e => e.Hash).HasMaxLength(64).IsRequired();
        b.Ignore(e => e.LocalOrder);
        b.Ignore(e => e.IsSealed);
        // A second entry claiming the same predecessor would fork the chain.
        b.HasIndex(e => e.PrevHash).IsUnique();
        b.HasIndex(e => e.Time);
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        b.HasIndex(e => e.ActorName);
        b.HasIndex(e => e.RegionCode);
    }
}
