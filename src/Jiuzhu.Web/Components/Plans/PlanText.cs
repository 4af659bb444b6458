using Jiuzhu.Catalog.Plans;
using MudBlazor;

namespace Jiuzhu.Web.Components.Plans;

/// <summary>Chinese labels and colours of plan values, used as localization keys.</summary>
public static class PlanText
{
    public const string PageRoles = "village-worker,township-social-worker,county-officer,county-approver,regional-admin,auditor";

    public static string Status(PlanStatus s) => s switch
    {
        PlanStatus.Draft => "草稿",
        PlanStatus.Submitted => "待审批",
        PlanStatus.Approved => "已批准",
        PlanStatus.Returned => "已退回",
        _ => "已被替代",
    };

    public static Color StatusColor(PlanStatus s) => s switch
    {
        PlanStatus.Draft => Color.Info,
        PlanStatus.Submitted => Color.Warning,
        PlanStatus.Approved => Color.Success,
        PlanStatus.Returned => Color.Error,
        _ => Color.Default,
    };
}
