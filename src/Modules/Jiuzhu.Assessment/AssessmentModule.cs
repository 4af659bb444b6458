using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Assessment;

/// <summary>Needs assessment: instruments, the Alkire–Foster engine and ability scales.</summary>
public static class AssessmentModule
{
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddScoped<InstrumentCatalog>();
        services.AddScoped<AssessmentService>();
        services.AddScoped<StandingService>();
        services.AddScoped<FollowUpQueries>();
        services.AddScoped<Batch.StandingBatch>();
        services.AddScoped<PopulationQueries>();
        services.AddScoped<Policy.PolicyCatalog>();
        return services;
    }

    // The pure engine and the scales keep no data yet; instruments and assessments will configure theirs here.
    public static void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AssessmentModule).Assembly);
}
