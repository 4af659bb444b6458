using Jiuzhu.Orders.Domain;
using MudBlazor;

namespace Jiuzhu.Web.Components.Orders;

/// <summary>Roles and colours of the order pages.</summary>
public static class OrderText
{
    public const string PageRoles = "village-worker,township-social-worker,county-officer,county-approver,regional-admin,auditor,provider-staff";

    public const string DispatchRoles = "township-social-worker,county-officer";

    public static Color StatusColor(OrderStatus s) => s switch
    {
        OrderStatus.Dispatched => Color.Info,
        OrderStatus.Accepted or OrderStatus.Started => Color.Primary,
        OrderStatus.Completed => Color.Warning,
        OrderStatus.Verified or OrderStatus.Rated => Color.Success,
        OrderStatus.Declined or OrderStatus.NoShow or OrderStatus.Complaint => Color.Error,
        _ => Color.Default,
    };

    public static string Priority(int p) => p switch { 1 => "红", 2 => "黄", _ => "绿" };
}

/// <summary>A position from the browser, or why there is none.</summary>
public sealed record BrowserPosition(double? Latitude, double? Longitude, string? Error);
