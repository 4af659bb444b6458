using Jiuzhu.Kernel;
using Jiuzhu.Providers.Domain;

namespace Jiuzhu.Providers;

/// <summary>
/// Who sees and edits providers. Staff see the providers whose home region lies in their jurisdiction or that serve a region
/// overlapping it (a village worker sees the county's canteen operator that serves the village). Provider staff see only
/// their own organization. County officers and approvers of the home county, and 市/省管理员 above it, edit everything of a
/// provider; provider staff edit their own organization's service points (with opening hours) and staff.
/// </summary>
public static class ProviderAccess
{
    /// <summary>Roles that administer providers (within their jurisdiction).</summary>
    public static readonly string[] Editors = [Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin];

    /// <summary>Roles that read the provider registry: every staff role and department systems (provider staff: own organization only).</summary>
    public static readonly string[] Readers = [.. Roles.All, Roles.DepartmentSystem];

    /// <summary>An actor who acts for one organization only: it holds the provider-staff role and no administering role.</summary>
    public static bool IsOwnOrganizationOnly(ICurrentActor actor) =>
        !actor.Scope.AllowsAll && actor.IsInRole(Roles.ProviderStaff) && !Editors.Any(actor.IsInRole);

    /// <summary>True when the actor administers providers whose home is the given region.</summary>
    public static bool CanAdminister(ICurrentActor actor, string homeRegion) =>
        actor.Scope.AllowsAll || (Editors.Any(actor.IsInRole) && !IsOwnOrganizationOnly(actor) && actor.Scope.Permits(homeRegion));

    /// <summary>True when the actor may change the provider's service points, opening hours and staff.</summary>
    public static bool CanOperate(ICurrentActor actor, Provider provider) =>
        CanAdminister(actor, provider.RegionCode) || (actor.IsInRole(Roles.ProviderStaff) && actor.Organization == provider.Id);

    /// <summary>
    /// The 12-digit codes of a region and every region enclosing it: a provider serving any of them serves the region.
    /// </summary>
    public static List<string> SelfAndAncestors(RegionCode region)
    {
        var codes = new List<string>();
        for (RegionCode? r = region; r is { } current; r = current.Parent)
        {
            codes.Add(current.Value);
        }

        return codes;
    }
}
