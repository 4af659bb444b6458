using Jiuzhu.Catalog.Adjustment;
using Jiuzhu.Orders.Data;
using Jiuzhu.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Orders;

/// <summary>Service orders: dispatch, the delivery lifecycle, capacity held per period, and the supply the 动态调整 report reads.</summary>
public static class OrdersModule
{
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddOptions<OrderOptions>()
            .BindConfiguration(OrderOptions.Section)
            .Validate(o => o.CheckInToleranceMetres is > 0 and <= 5000, "Orders:CheckInToleranceMetres must be between 1 and 5000.");
        services.AddOptions<Dispatching.MatchingOptions>()
            .BindConfiguration(Dispatching.MatchingOptions.Section)
            .Validate(o => o.WalkMinutes > 0 && o.WalkMetresPerSecond > 0 && o.ElderlyWalkMetresPerSecond > 0 && o.DetourFactor >= 1 && o.HomeMinutes > 0 && o.HomeMetresPerSecond > 0,
                "Matching: minutes and speeds must be positive and the detour factor at least 1.");
        services.AddScoped<OrderService>();
        services.AddScoped<Dispatching.MatchingService>();
        services.AddScoped<IServiceDeliveries, DeliveredServices>();
        return services;
    }

    public static void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrdersModule).Assembly);
}

/// <summary>Supply for 动态调整: orders completed (and then verified or rated) in the period (China days), per item, in a region.</summary>
internal sealed class DeliveredServices(IOrdersData data) : IServiceDeliveries
{
    public async Task<IReadOnlyDictionary<string, decimal>> DeliveredAsync(string regionPrefix, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Kernel.ChinaTime.Offset).ToUniversalTime();
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Kernel.ChinaTime.Offset).ToUniversalTime();
        var delivered = OrderWorkflow.Delivered;
        var rows = await data.ServiceOrders.AsNoTracking()
            .Where(o => o.RegionCode.StartsWith(regionPrefix) && delivered.Contains(o.Status) && o.CompletedAt >= start && o.CompletedAt < end)
            .GroupBy(o => o.ItemCode)
            .Select(g => new { Item = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Item, r => (decimal)r.Count, StringComparer.Ordinal);
    }
}
