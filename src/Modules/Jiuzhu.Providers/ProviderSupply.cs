using Jiuzhu.Providers.Domain;

namespace Jiuzhu.Providers;

/// <summary>A service point as the matcher needs it: where it is (WGS-84) and when it is open.</summary>
public sealed record SupplyPoint(Guid Id, ServicePointKind Kind, string Name, string RegionCode, double Latitude, double Longitude, string OpeningHours);

/// <summary>A provider able to deliver an item in a region on a date, with its points and its capacities for that item.</summary>
public sealed record SupplyProvider(
    Guid Id, string Name, ProviderKind Kind, QualificationStatus Status, IReadOnlyList<SupplyPoint> Points, IReadOnlyList<CapacityView> Capacities);

/// <summary>A provider that offers the item in the region but cannot take it on the date, and why (code: qualification_expired, qualification_not_yet_valid, no_qualification).</summary>
public sealed record ExcludedProvider(Guid Id, string Name, string Reason, string Message);

/// <summary>The supply of one item in one region on one date.</summary>
public sealed record SupplyView(string Region, string Item, DateOnly On, IReadOnlyList<SupplyProvider> Providers, IReadOnlyList<ExcludedProvider> Excluded);

/// <summary>
/// The providers module's query for matching (called in-process): providers that deliver <c>item</c>, serve <c>region</c>
/// (or a region enclosing it) and hold valid qualifications on <c>on</c>, within the current actor's view.
/// </summary>
public interface IProviderSupply
{
    Task<Kernel.Result<SupplyView>> SupplyAsync(string? region, string? item, DateOnly? on, CancellationToken ct = default);
}
