using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Geo;

/// <summary>Region hierarchy, coordinates and distances.</summary>
public static class GeoModule
{
    public static IServiceCollection AddGeo(this IServiceCollection services)
    {
        services.AddScoped<IRegionLookup, RegionLookup>();
        return services;
    }

    public static void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GeoModule).Assembly);
}
