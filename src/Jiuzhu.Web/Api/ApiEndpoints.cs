using Jiuzhu.Assessment;
using Jiuzhu.Audit;
using Jiuzhu.Cases;
using Jiuzhu.Catalog;
using Jiuzhu.Catalog.Plans;
using Jiuzhu.Cases.Calendar;
using Jiuzhu.Geo;
using Jiuzhu.Identity;
using Jiuzhu.Providers;
using Jiuzhu.Registry;

namespace Jiuzhu.Web.Api;

/// <summary>Mounts every module's endpoints under /api/v1; the host owns the prefix, modules own their routes.</summary>
public static class ApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapIdentityEndpoints();
        api.MapRegistryEndpoints();
        api.MapAuditEndpoints();
        api.MapCasesEndpoints();
        api.MapResidentEndpoints();
        api.MapGeoEndpoints();
        api.MapCalendarEndpoints();
        api.MapAssessmentEndpoints();
        api.MapCatalogEndpoints();
        Jiuzhu.Catalog.Referrals.ReferralEndpoints.MapReferralEndpoints(api);
        api.MapPlanEndpoints();
        api.MapProviderEndpoints();
        Jiuzhu.Orders.OrderEndpoints.MapOrderEndpoints(api);
    }
}
