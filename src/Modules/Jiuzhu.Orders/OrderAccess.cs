using Jiuzhu.Kernel;
using Jiuzhu.Orders.Domain;

namespace Jiuzhu.Orders;

/// <summary>
/// Who sees which orders — the one place the rule lives. Orders are not region-filtered by the database context because
/// two kinds of reader meet on them: civil-affairs staff see the orders of households in their jurisdiction, provider
/// staff see their own organization's orders wherever the household lives, and nothing else.
/// </summary>
public static class OrderAccess
{
    /// <summary>Roles that read orders.</summary>
    public static readonly string[] Readers =
        [Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.Auditor, Roles.ProviderStaff];

    public static IQueryable<ServiceOrder> Visible(IQueryable<ServiceOrder> orders, ICurrentActor actor)
    {
        if (actor.Scope.AllowsAll)
        {
            return orders;
        }

        if (actor.IsInRole(Roles.ProviderStaff) && !Staff(actor))
        {
            var organization = actor.Organization;
            return organization is { } id ? orders.Where(o => o.ProviderId == id) : orders.Where(o => false);
        }

        if (!Readers.Any(actor.IsInRole) || actor.Jurisdiction is not { } region)
        {
            return orders.Where(o => false);
        }

        var prefix = region.Prefix;
        return orders.Where(o => o.RegionCode.StartsWith(prefix));
    }

    /// <summary>True when the actor reads orders as civil-affairs staff (by jurisdiction) rather than as a provider.</summary>
    public static bool Staff(ICurrentActor actor) => Readers.Any(r => r != Roles.ProviderStaff && actor.IsInRole(r));

    /// <summary>True when the actor works for the order's provider.</summary>
    public static bool ForProvider(ICurrentActor actor, ServiceOrder order) =>
        actor.IsInRole(Roles.ProviderStaff) && actor.Organization == order.ProviderId;
}
