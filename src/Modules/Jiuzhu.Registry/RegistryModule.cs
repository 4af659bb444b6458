using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Registry;

/// <summary>Households, persons and their protected personal data.</summary>
public static class RegistryModule
{
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddScoped<HouseholdQueries>();
        services.AddScoped<PersonRegistry>();
        services.AddScoped<HouseholdAdministration>();
        services.AddSingleton<IIdentityNumberCheck, ResidentIdNumberCheck>();
        services.AddScoped<ImportHouseholds.HouseholdImporter>();
        services.AddSingleton<ImportHouseholds.ImportReportStore>();
        return services;
    }

    public static void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegistryModule).Assembly);
}
