using Jiuzhu.Geo;
using Jiuzhu.Identity;
using Jiuzhu.Kernel;

namespace Jiuzhu.Web.Api;

/// <summary>Mounts every module's endpoints under /api/v1; the host owns the prefix, modules own their routes.</summary>
public static class ApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", (ICurrentActor actor) => new
        {
            kind = actor.Kind.ToString().ToLowerInvariant(),
            id = actor.Id,
            name = actor.Name,
            roles = actor.Roles,
            jurisdiction = actor.Jurisdiction?.Value,
        }).WithTags("identity");
        api.MapGeoEndpoints();
    }
}
