using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Catalog;

/// <summary>The service catalog: three tiers, packages and the function-division list.</summary>
public static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<CatalogService>();
        services.AddScoped<PackageService>();
        services.AddScoped<DivisionService>();
        services.AddScoped<CatalogSeeder>();
        services.AddScoped<Referrals.ReferralService>();
        services.AddScoped<Plans.PlanService>();
        services.AddScoped<Adjustment.AdjustmentService>();
        return services;
    }

    public static void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogModule).Assembly);
}
