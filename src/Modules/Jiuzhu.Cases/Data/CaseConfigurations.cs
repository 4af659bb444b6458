using Jiuzhu.Cases.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Cases.Data;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Number).HasMaxLength(32).IsRequired();
        b.Property(c => c.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(c => c.CaseType).HasMaxLength(32).IsRequired();
        b.Property(c => c.Need).HasMaxLength(1000).IsRequired();
        b.Property(c => c.Channel).HasConversion<int>();
        b.Property(c => c.Status).HasConversion<int>();
        b.Property(c => c.ReferringDepartment).HasMaxLength(32);
        b.Property(c => c.SubmittedBy).HasMaxLength(256).IsRequired();
        b.Property(c => c.ApplicantNotice).HasMaxLength(1000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsOpen);
        b.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => new { c.PersonId, c.CaseType, c.Status });
        b.HasIndex(c => new { c.RegionCode, c.Status });
        b.HasIndex(c => c.DueAt);
        b.HasIndex(c => c.SubmittedByUserId);
    }
}

internal sealed class CaseStepConfiguration : IEntityTypeConfiguration<CaseStep>
{
    public void Configure(EntityTypeBuilder<CaseStep> b)
    {
        b.ToTable("case_steps");
        // Ids are made by the domain; a step found on a case's timeline with an id is new, not an existing row.
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Action).HasConversion<int?>();
        b.Property(s => s.From).HasConversion<int?>();
        b.Property(s => s.To).HasConversion<int>();
        b.Property(s => s.ActorName).HasMaxLength(256).IsRequired();
        b.Property(s => s.ActorRoles).HasMaxLength(512).IsRequired();
        b.Property(s => s.Reason).HasMaxLength(1000);
        b.HasIndex(s => new { s.CaseId, s.Number }).IsUnique();
    }
}
