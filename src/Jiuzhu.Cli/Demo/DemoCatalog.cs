using Jiuzhu.Catalog;
using Jiuzhu.Catalog.Data;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli.Demo;

/// <summary>
/// The demo's lower tiers, written through the catalog's own rules: the province narrows price ranges on two base items
/// (地方拓展), and the county adds two items of its own, adjusts one base item within the province's range and switches one
/// off (社区补充). Each tier is written only when it has no entries yet.
/// </summary>
internal static class DemoCatalog
{
    public static async Task EnsureAsync(IServiceProvider services, RegionCode county, TextWriter progress, CancellationToken ct)
    {
        var seeded = await CatalogCommands.EnsureNationalBaseAsync(services, null, ct);
        if (!seeded.IsSuccess)
        {
            throw new DemoSeedException(seeded.Error!.Message);
        }

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorOverride>().Actor = FixedActor.System("demo-seed");
        var data = sp.GetRequiredService<ICatalogData>();
        var catalog = sp.GetRequiredService<CatalogService>();
        var province = county.Prefix[..2];
        if (!await data.CatalogEntries.AnyAsync(e => e.Scope == province, ct))
        {
            progress.WriteLine($"演示服务目录：省级拓展 {province} / demo catalog: provincial extension…");
            Check(await catalog.AdjustAsync(province, "LIFE-01", new AdjustItemRequest(
                new ItemAdjustment(Limits: new ItemLimits(PriceMin: 4, PriceMax: 8)), Reason: "演示：全省助餐单价范围 4–8 元"), ct));
            Check(await catalog.AdjustAsync(province, "LIFE-02", new AdjustItemRequest(
                new ItemAdjustment(Limits: new ItemLimits(PriceMin: 30, PriceMax: 60, FrequencyMin: ServiceFrequency.Monthly, FrequencyMax: ServiceFrequency.Weekly)),
                Reason: "演示：全省助洁单价 30–60 元，每月至每周"), ct));
        }

        var c = county.Prefix;
        if (!await data.CatalogEntries.AnyAsync(e => e.Scope == c, ct))
        {
            progress.WriteLine($"演示服务目录：县级补充 {c} / demo catalog: county supplement…");
            Check(await catalog.DefineAsync(c, $"C{c}-01", new DefineItemRequest(new ItemContent(
                "农忙时节留守老人照看", "LIFE", "次", "农忙期间每日上门或集中照看一次，确认饮食、用药和安全", "县民政局农村留守老年人关爱服务实施方案（演示）",
                ServiceFrequency.Weekly, 120, 30, ["TEKUN", "DIBAO", "DIBAO_EDGE"], ["ELDERLY_ALONE", "ELDERLY_80"], "civil-affairs",
                ["social_org", "volunteer_team"]), Reason: "演示：县级补充项目"), ct));
            Check(await catalog.DefineAsync(c, $"C{c}-02", new DefineItemRequest(new ItemContent(
                "山区就医接送", "HEALTH", "次", "偏远村庄往返乡镇卫生院或县医院的接送与陪同", null,
                ServiceFrequency.OnDemand, 240, 40, ["TEKUN", "DIBAO", "DIBAO_EDGE", "TEMP"], ["ELDERLY_80", "DEPENDENT", "SERIOUS_ILL"], "civil-affairs",
                ["social_org", "volunteer_team"]), Reason: "演示：县级补充项目"), ct));
            Check(await catalog.AdjustAsync(c, "LIFE-01", new AdjustItemRequest(new ItemAdjustment(UnitPrice: 6), Reason: "演示：县财政补贴后的助餐单价"), ct));
            Check(await catalog.SwitchOffAsync(c, "LIFE-06", new TierChangeRequest(Reason: "演示：居家维修由县农村危房改造项目承担"), ct));
        }
    }

    private static void Check<T>(Result<T> result)
    {
        if (!result.IsSuccess)
        {
            throw new DemoSeedException($"演示服务目录写入失败 / demo catalog failed: {result.Error!.Message}");
        }
    }
}
