using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Catalog.Plans;

/// <summary>The data household service plans keep; implemented by the composed database context.</summary>
public interface IPlanData
{
    DbSet<HouseholdPlan> HouseholdPlans { get; }

    DbSet<PlanItem> PlanItems { get; }

    DbSet<PlanRevision> PlanRevisions { get; }

    DbSet<PlanNeed> PlanNeeds { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

internal sealed class HouseholdPlanConfiguration : IEntityTypeConfiguration<HouseholdPlan>
{
    public void Configure(EntityTypeBuilder<HouseholdPlan> b)
    {
        b.ToTable("household_plans");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(p => p.CaseNumber).HasMaxLength(32).IsRequired();
        b.Property(p => p.Tier).HasConversion<int>();
        b.Property(p => p.Phase).HasConversion<int>();
        b.Property(p => p.Status).HasConversion<int>();
        b.Property(p => p.TierRuleName).HasMaxLength(200).IsRequired();
        b.Property(p => p.Skipped).HasMaxLength(8000).IsRequired();
        b.Property(p => p.ReturnReason).HasMaxLength(1000);
        b.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        b.Property(p => p.UpdatedBy).HasMaxLength(256).IsRequired();
        b.Property(p => p.DecidedBy).HasMaxLength(256);
        b.Property(p => p.Stamp).IsConcurrencyToken();
        b.Ignore(p => p.Editable);
        b.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(p => p.CaseId);
        b.HasIndex(p => new { p.HouseholdId, p.Status });
        b.HasIndex(p => new { p.RegionCode, p.Status });
    }
}

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<PlanItem> b)
    {
        b.ToTable("plan_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(i => i.ItemCode).HasMaxLength(32).IsRequired();
        b.Property(i => i.Name).HasMaxLength(100).IsRequired();
        b.Property(i => i.Category).HasMaxLength(16).IsRequired();
        b.Property(i => i.Layer).HasMaxLength(16).IsRequired();
        b.Property(i => i.Unit).HasMaxLength(16).IsRequired();
        b.Property(i => i.Frequency).HasConversion<int>();
        b.Property(i => i.UnitPrice).HasPrecision(12, 2);
        b.Property(i => i.OwnerDepartment).HasMaxLength(32).IsRequired();
        b.Property(i => i.PackageCode).HasMaxLength(32);
        b.Property(i => i.VersionIds).HasMaxLength(400).IsRequired();
        b.Property(i => i.Reason).HasMaxLength(1000).IsRequired();
        b.Property(i => i.Note).HasMaxLength(1000);
        b.Ignore(i => i.VersionIdList);
        b.HasIndex(i => new { i.PlanId, i.ItemCode }).IsUnique();
    }
}

internal sealed class PlanRevisionConfiguration : IEntityTypeConfiguration<PlanRevision>
{
    public void Configure(EntityTypeBuilder<PlanRevision> b)
    {
        b.ToTable("plan_revisions");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(r => r.Status).HasConversion<int>();
        b.Property(r => r.Change).HasMaxLength(500).IsRequired();
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.Property(r => r.Snapshot).IsRequired();
        b.Property(r => r.By).HasMaxLength(256).IsRequired();
        // Two saves of the same plan at once: the second revision number collides instead of forking the history.
        b.HasIndex(r => new { r.PlanId, r.Number }).IsUnique();
    }
}

internal sealed class PlanNeedConfiguration : IEntityTypeConfiguration<PlanNeed>
{
    public void Configure(EntityTypeBuilder<PlanNeed> b)
    {
        b.ToTable("plan_needs");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(n => n.ItemCode).HasMaxLength(32).IsRequired();
        b.Property(n => n.Name).HasMaxLength(100).IsRequired();
        b.Property(n => n.Category).HasMaxLength(16).IsRequired();
        b.Property(n => n.Layer).HasMaxLength(16).IsRequired();
        b.Property(n => n.OwnerDepartment).HasMaxLength(32).IsRequired();
        b.Property(n => n.VersionIds).HasMaxLength(400).IsRequired();
        b.Property(n => n.Frequency).HasConversion<int>();
        b.Property(n => n.Status).HasConversion<int>();
        b.HasIndex(n => new { n.RegionCode, n.Status, n.Priority });
        b.HasIndex(n => n.PlanId);
    }
}
