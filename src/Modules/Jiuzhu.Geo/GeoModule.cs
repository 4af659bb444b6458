using Jiuzhu.Kernel;
using Jiuzhu.Geo.Browse;
using Jiuzhu.Geo.ImportRegions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Geo;

/// <summary>Region hierarchy, coordinates and distances.</summary>
public static class GeoModule
{
    public static IServiceCollection AddGeo(this IServiceCollection services)
    {
        services.AddScoped<IRegionLookup, RegionLookup>();
        services.AddScoped<RegionDirectory>();
        services.AddScoped<RegionImporter>();
        return services;
    }

    public static void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GeoModule).Assembly);

    /// <summary>Maps GET /geo/regions, /geo/regions/{code} and /geo/regions/{code}/children under the host's API group.</summary>
    public static RouteGroupBuilder MapGeoEndpoints(this RouteGroupBuilder api)
    {
        RegionEndpoints.Map(api);
        return api;
    }
}
