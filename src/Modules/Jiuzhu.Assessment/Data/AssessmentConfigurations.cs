using Jiuzhu.Assessment.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiuzhu.Assessment.Data;

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> b)
    {
        b.ToTable("assessment_instruments");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Code).HasMaxLength(32).IsRequired();
        b.Property(i => i.Name).HasMaxLength(100).IsRequired();
        b.Property(i => i.Status).HasConversion<int>();
        b.Property(i => i.Definition).IsRequired();
        b.Property(i => i.CreatedBy).HasMaxLength(256).IsRequired();
        b.Property(i => i.PublishedBy).HasMaxLength(256);
        b.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(i => new { i.Code, i.Version }).IsUnique();
    }
}

internal sealed class HouseholdAssessmentConfiguration : IEntityTypeConfiguration<HouseholdAssessment>
{
    public void Configure(EntityTypeBuilder<HouseholdAssessment> b)
    {
        b.ToTable("assessments");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(a => a.InstrumentCode).HasMaxLength(32).IsRequired();
        b.Property(a => a.Status).HasConversion<int>();
        b.Property(a => a.ProtectedAnswers).IsRequired();
        b.Property(a => a.ProtectedProfile).IsRequired();
        b.Property(a => a.Score).HasMaxLength(64);
        b.Property(a => a.AssessedBy).HasMaxLength(256).IsRequired();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Instrument>().WithMany().HasForeignKey(a => a.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.HouseholdId, a.Status, a.SubmittedAt });
        b.HasIndex(a => a.CaseId);
        b.HasIndex(a => new { a.RegionCode, a.Status });
    }
}
