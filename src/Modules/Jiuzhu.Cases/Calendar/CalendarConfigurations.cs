using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Cases.Calendar;

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.Source).HasMaxLength(CalendarFile.MaxSourceLength).IsRequired();
        b.Property(y => y.LoadedBy).HasMaxLength(256).IsRequired();
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(d => d.Date);
        b.Property(d => d.Kind).HasConversion<int>();
        b.Property(d => d.Name).HasMaxLength(CalendarFile.MaxNameLength);
        b.HasOne<CalendarYear>().WithMany().HasForeignKey(d => d.Year).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.Year);
    }
}

internal sealed class DeadlinePolicyConfiguration : IEntityTypeConfiguration<DeadlinePolicy>
{
    public void Configure(EntityTypeBuilder<DeadlinePolicy> b)
    {
        b.ToTable("deadline_policies");
        b.HasKey(p => p.Id);
        b.Property(p => p.Step).HasConversion<int>();
        b.Property(p => p.Unit).HasConversion<int>();
        b.Property(p => p.CaseType).HasMaxLength(32).IsUnicode(false).IsRequired();
        b.Property(p => p.RegionCode).HasMaxLength(12).IsUnicode(false).IsRequired();
        b.Property(p => p.UpdatedBy).HasMaxLength(256).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Rule);
        // One policy per region, step and case type.
        b.HasIndex(p => new { p.RegionCode, p.Step, p.CaseType }).IsUnique();
    }
}
