using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Catalog;

/// <summary>
/// Who edits which tier: the national base only the platform-wide administration (an actor whose scope is the whole
/// platform), a provincial extension a 市/省管理员 whose jurisdiction is that province, a county supplement the county
/// civil-affairs staff (县民政业务员 or 审批人) of that county. Nobody edits another region's tier.
/// </summary>
public static class CatalogEditors
{
    /// <summary>Roles that may hold a tier to edit (besides the platform itself).</summary>
    public static readonly string[] Roles = [Kernel.Roles.RegionalAdmin, Kernel.Roles.CountyOfficer, Kernel.Roles.CountyApprover];

    /// <summary>The tier scope the actor edits, or null when it edits none.</summary>
    public static string? ScopeOf(ICurrentActor actor)
    {
        if (actor.Scope.AllowsAll)
        {
            return CatalogVocabulary.NationalScope;
        }

        return actor.Jurisdiction switch
        {
            { Level: RegionLevel.Province } p when actor.IsInRole(Kernel.Roles.RegionalAdmin) => p.Prefix,
            { Level: RegionLevel.County } c when actor.IsInRole(Kernel.Roles.CountyOfficer) || actor.IsInRole(Kernel.Roles.CountyApprover) => c.Prefix,
            _ => null,
        };
    }

    public static bool CanEdit(ICurrentActor actor, string scope) => actor.Scope.AllowsAll || ScopeOf(actor) == scope;

    public static Error? Check(ICurrentActor actor, string scope) => CanEdit(actor, scope)
        ? null
        : Error.Forbidden("catalog.tier_forbidden", CatalogVocabulary.TierOf(scope) switch
        {
            CatalogTier.National => "国家基本目录只能由全国层级的管理部门维护。",
            CatalogTier.Provincial => $"地方拓展目录（{scope}）只能由该省的市/省管理员维护。",
            _ => $"社区补充目录（{scope}）只能由该县的县民政业务员或审批人维护。",
        });
}
