using Jiuzhu.Catalog.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Catalog.Data;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.ToTable("referrals");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(r => r.Key).HasMaxLength(64).IsRequired();
        b.Property(r => r.Name).HasMaxLength(200).IsRequired();
        b.Property(r => r.Department).HasMaxLength(64).IsRequired();
        b.Property(r => r.Rule).HasMaxLength(500).IsRequired();
        b.Property(r => r.Reason).HasMaxLength(Referral.MaxText).IsRequired();
        b.Property(r => r.Status).HasConversion<int>();
        b.Property(r => r.CreatedBy).HasMaxLength(256).IsRequired();
        b.Property(r => r.AnsweredBy).HasMaxLength(256);
        b.Property(r => r.DeclineReason).HasMaxLength(Referral.MaxText);
        b.Property(r => r.Outcome).HasMaxLength(Referral.MaxText);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.Department, r.Status, r.DueAt });
        b.HasIndex(r => new { r.HouseholdId, r.Status });
        b.HasIndex(r => new { r.RegionCode, r.Status });
    }
}
