using Jiuzhu.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Orders.Data;

/// <summary>The data the orders module keeps; the composed context implements it.</summary>
public interface IOrdersData
{
    DbSet<ServiceOrder> ServiceOrders { get; }

    DbSet<OrderEvent> OrderEvents { get; }

    DbSet<OrderAttachment> OrderAttachments { get; }

    DbSet<CapacityUse> CapacityUses { get; }

    DbSet<NeedAssignment> NeedAssignments { get; }

    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

internal sealed class ServiceOrderConfiguration : IEntityTypeConfiguration<ServiceOrder>
{
    public void Configure(EntityTypeBuilder<ServiceOrder> b)
    {
        b.ToTable("service_orders");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Number).HasMaxLength(20).IsRequired();
        b.HasIndex(o => o.Number).IsUnique();
        b.Property(o => o.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(o => o.ItemCode).HasMaxLength(32).IsRequired();
        b.Property(o => o.ItemName).HasMaxLength(100).IsRequired();
        b.Property(o => o.VersionIds).HasMaxLength(400).IsRequired();
        b.Property(o => o.ProviderName).HasMaxLength(200).IsRequired();
        b.Property(o => o.ConfirmationCode).HasMaxLength(200).IsRequired();
        b.Property(o => o.RatingCode).HasMaxLength(200).IsRequired();
        b.Property(o => o.DispatchedBy).HasMaxLength(256).IsRequired();
        b.Property(o => o.AnsweredBy).HasMaxLength(256);
        b.Property(o => o.VerifiedBy).HasMaxLength(256);
        b.Property(o => o.Notes).HasMaxLength(ServiceOrder.MaxText);
        b.Property(o => o.RatingComment).HasMaxLength(ServiceOrder.MaxText);
        b.Property(o => o.Reason).HasMaxLength(ServiceOrder.MaxText);
        b.Property(o => o.HeldCapacity).HasMaxLength(100).IsRequired();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => new { o.ProviderId, o.Status, o.WindowStart });
        b.HasIndex(o => new { o.RegionCode, o.Status, o.WindowStart });
        b.HasIndex(o => o.HouseholdId);

        // One live order per need and window: recurring generation and a second dispatcher can never double it, while a
        // window whose order was declined (3) or cancelled (8) can be dispatched again to another provider.
        b.HasIndex(o => new { o.NeedId, o.WindowStart }).IsUnique().HasFilter("\"Status\" NOT IN (3, 8)");
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.ToTable("service_order_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(e => e.By).HasMaxLength(256).IsRequired();
        b.Property(e => e.Note).HasMaxLength(ServiceOrder.MaxText);
        b.HasIndex(e => new { e.OrderId, e.At });
        b.HasIndex(e => new { e.HouseholdId, e.At });
    }
}

internal sealed class OrderAttachmentConfiguration : IEntityTypeConfiguration<OrderAttachment>
{
    public void Configure(EntityTypeBuilder<OrderAttachment> b)
    {
        b.ToTable("service_order_attachments");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(40).IsRequired();
        b.Property(a => a.FileName).HasMaxLength(200).IsRequired();
        b.Property(a => a.By).HasMaxLength(256).IsRequired();
        b.Property(a => a.Content).IsRequired();
        b.HasIndex(a => a.OrderId);
    }
}

internal sealed class CapacityUseConfiguration : IEntityTypeConfiguration<CapacityUse>
{
    public void Configure(EntityTypeBuilder<CapacityUse> b)
    {
        b.ToTable("provider_capacity_use");
        b.HasKey(u => new { u.ProviderId, u.ItemCode, u.Period, u.PeriodStart });
        b.Property(u => u.ItemCode).HasMaxLength(32).IsRequired();
    }
}

internal sealed class NeedAssignmentConfiguration : IEntityTypeConfiguration<NeedAssignment>
{
    public void Configure(EntityTypeBuilder<NeedAssignment> b)
    {
        b.ToTable("need_assignments");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(a => a.ProviderName).HasMaxLength(200).IsRequired();
        b.Property(a => a.AssignedBy).HasMaxLength(256).IsRequired();
        b.Property(a => a.EndReason).HasMaxLength(ServiceOrder.MaxText);
        b.HasIndex(a => new { a.NeedId, a.EndedAt });
        b.HasIndex(a => new { a.ProviderId, a.EndedAt });
    }
}
