using MudBlazor;

namespace Jiuzhu.Web.Components.Layout;

/// <summary>Colours and fonts: system CJK fonts only, so nothing is fetched from outside the intranet.</summary>
public static class JiuzhuTheme
{
    private static readonly string[] Fonts =
        ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Helvetica", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b71c1c",
            Secondary = "#00695c",
            AppbarBackground = "#b71c1c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
        },
    };
}
