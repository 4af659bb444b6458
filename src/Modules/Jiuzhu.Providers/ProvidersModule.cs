using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Providers;

/// <summary>Service providers: organizations, qualifications, items, regions served, service points, staff, capacity and volunteer teams.</summary>
public static class ProvidersModule
{
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddScoped<ProviderService>();
        services.AddScoped<IProviderSupply>(sp => sp.GetRequiredService<ProviderService>());
        return services;
    }

    public static void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ProvidersModule).Assembly);
}
