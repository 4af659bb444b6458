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
        b.HasIndex(a => new { a.HouseholdId, a.IsCurrent });
        // The batch recomputation reads which assessment is each household's current one from this index alone.
        b.HasIndex(a => new { a.IsCurrent, a.HouseholdId, a.Id });
    }
}

internal sealed class HouseholdStandingConfiguration : IEntityTypeConfiguration<HouseholdStanding>
{
    public void Configure(EntityTypeBuilder<HouseholdStanding> b)
    {
        b.ToTable("household_standings");
        b.HasKey(s => s.HouseholdId);
        b.Property(s => s.HouseholdId).ValueGeneratedNever();
        b.Property(s => s.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(s => s.Score).HasMaxLength(64);
        b.Property(s => s.ProtectedProfile).IsRequired();
        b.Property(s => s.Tier).HasConversion<int>();
        b.Property(s => s.Phase).HasConversion<int>();
        b.Property(s => s.TierRule).HasMaxLength(64).IsRequired();
        b.Property(s => s.TierRuleName).HasMaxLength(200).IsRequired();
        b.Property(s => s.ProtectedInputs).IsRequired();
        b.HasIndex(s => s.RegionCode);
    }
}

internal sealed class StandingGenerationConfiguration : IEntityTypeConfiguration<StandingGeneration>
{
    public void Configure(EntityTypeBuilder<StandingGeneration> b)
    {
        b.ToTable("standing_generations");
        b.HasKey(g => g.Id);
        b.Property(g => g.Id).ValueGeneratedNever();
        b.Property(g => g.Current).IsConcurrencyToken();
    }
}

internal sealed class StandingChangeConfiguration : IEntityTypeConfiguration<StandingChange>
{
    public void Configure(EntityTypeBuilder<StandingChange> b)
    {
        b.ToTable("standing_changes");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(c => c.Kind).HasMaxLength(16).IsRequired();
        b.Property(c => c.From).HasMaxLength(32);
        b.Property(c => c.To).HasMaxLength(32).IsRequired();
        b.Property(c => c.Reason).HasMaxLength(200).IsRequired();
        b.Property(c => c.Source).HasMaxLength(16).IsRequired();
        b.HasIndex(c => new { c.HouseholdId, c.At });
    }
}

internal sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> b)
    {
        b.ToTable("follow_up_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(t => t.Kind).HasConversion<int>();
        b.Property(t => t.Tier).HasConversion<int?>();
        b.Property(t => t.Status).HasConversion<int>();
        b.Property(t => t.AssigneeRole).HasMaxLength(64).IsRequired();
        b.Property(t => t.Title).HasMaxLength(200).IsRequired();
        b.Property(t => t.Reason).HasMaxLength(500).IsRequired();
        b.Property(t => t.ClosedBy).HasMaxLength(256);
        b.Property(t => t.Note).HasMaxLength(1000);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.Status, t.RegionCode, t.DueAt });
        b.HasIndex(t => new { t.HouseholdId, t.Status });
    }
}

internal sealed class PolicySettingConfiguration : IEntityTypeConfiguration<PolicySetting>
{
    public void Configure(EntityTypeBuilder<PolicySetting> b)
    {
        b.ToTable("assessment_policies");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.RegionCode).HasMaxLength(12).IsRequired();
        b.Property(p => p.Definition).IsRequired();
        b.Property(p => p.UpdatedBy).HasMaxLength(256).IsRequired();
        b.Property(p => p.Stamp).IsConcurrencyToken();
        b.HasIndex(p => p.RegionCode).IsUnique();
    }
}
