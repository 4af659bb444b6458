using Jiuzhu.Assessment.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jiuzhu.Assessment.Data;

/// <summary>The data needs assessment keeps; implemented by the composed database context.</summary>
public interface IAssessmentData
{
    DbSet<Instrument> Instruments { get; }

    DbSet<HouseholdAssessment> Assessments { get; }

    DbSet<HouseholdStanding> Standings { get; }

    DbSet<StandingGeneration> StandingGenerations { get; }

    DbSet<StandingChange> StandingChanges { get; }

    DbSet<FollowUpTask> FollowUpTasks { get; }

    DbSet<PolicySetting> PolicySettings { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
