using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Jiuzhu.Web.Infrastructure;

/// <summary>MudBlazor's built-in texts (pagers, dialogs, loading) in Chinese; English cultures keep MudBlazor's own.</summary>
internal sealed class ChineseMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        ["MudDataGridPager_RowsPerPage"] = "每页行数：",
        ["MudDataGridPager_InfoFormat"] = "{0}-{1}，共 {2} 条",
        ["MudDataGridPager_AllItems"] = "全部",
        ["MudDataGridPager_FirstPage"] = "首页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_LastPage"] = "末页",
        ["MudTablePager_FirstPage"] = "首页",
        ["MudTablePager_PreviousPage"] = "上一页",
        ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_LastPage"] = "末页",
        ["MudPagination_FirstPage"] = "首页",
        ["MudPagination_PreviousPage"] = "上一页",
        ["MudPagination_NextPage"] = "下一页",
        ["MudPagination_LastPage"] = "末页",
        ["MudDataGrid_Loading"] = "正在加载…",
        ["MudTable_Loading"] = "正在加载…",
        ["MudDataGrid_Sort"] = "排序",
        ["MudDataGrid_Unsort"] = "取消排序",
        ["MudDataGrid_Filter"] = "筛选",
        ["MudDataGrid_Contains"] = "包含",
        ["MudDataGrid_Clear"] = "清除",
        ["MudDataGrid_Apply"] = "应用",
        ["MudDataGrid_Cancel"] = "取消",
        ["MudDataGrid_Save"] = "保存",
        ["MudDataGrid_Hide"] = "隐藏",
        ["MudDataGrid_ShowAll"] = "全部显示",
        ["MudDataGrid_Columns"] = "列",
        ["MudDataGrid_Value"] = "值",
        ["MudDataGrid_True"] = "是",
        ["MudDataGrid_False"] = "否",
        ["MudDialog_Close"] = "关闭",
        ["MudAlert_Close"] = "关闭",
        ["MudChip_Close"] = "移除",
        ["MudSnackbar_Close"] = "关闭",
        ["MudInput_Clear"] = "清除",
        ["MudSelect_SelectAll"] = "全选",
        ["MudFormComponent_Required"] = "必填",
        ["MudNavGroup_ToggleExpand"] = "展开或收起",
        ["MudBreadcrumbs_Label"] = "位置",
    };

    public override LocalizedString this[string key] =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" && Chinese.TryGetValue(key, out var text)
            ? new LocalizedString(key, text)
            : new LocalizedString(key, key, resourceNotFound: true);
}
