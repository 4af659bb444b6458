using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cases;

/// <summary>Applications, the case workflow and working-day deadlines.</summary>
public static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddScoped<CaseService>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<Jiuzhu.Registry.IHouseholdMergeParticipant, CasesHouseholdMerge>();
        services.AddScoped<ResidentApplications>();
        return services;
    }

    public static void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CasesModule).Assembly);
}
