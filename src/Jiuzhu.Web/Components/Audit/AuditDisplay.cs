using Jiuzhu.Audit;
using Jiuzhu.Kernel;
using MudBlazor;

namespace Jiuzhu.Web.Components.Audit;

/// <summary>How audit entries read on the pages; labels are Chinese localizer keys.</summary>
internal static class AuditDisplay
{
    public static string OutcomeLabel(string outcome) => outcome switch
    {
        "success" => "成功",
        "denied" => "拒绝",
        "failed" => "失败",
        _ => outcome,
    };

    public static Color OutcomeColor(string outcome) => outcome switch
    {
        "success" => Color.Success,
        "denied" => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>Role codes as stored with the entry ("auditor,audit-admin"), each as its Chinese title key.</summary>
    public static IEnumerable<string> RoleTitles(string roles) =>
        roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Roles.ChineseTitle);

    public static string? HistoryHref(AuditEntryView entry) =>
        entry.EntityId is null ? null : HistoryHref(entry.EntityType, entry.EntityId);

    public static string HistoryHref(string entityType, string entityId) =>
        $"/audit/history/{Uri.EscapeDataString(entityType)}/{Uri.EscapeDataString(entityId)}";
}
