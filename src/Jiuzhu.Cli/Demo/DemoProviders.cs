using Jiuzhu.Geo.Data;
using Jiuzhu.Kernel;
using Jiuzhu.Providers;
using Jiuzhu.Providers.Data;
using Jiuzhu.Providers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli.Demo;

/// <summary>
/// The demo county's service providers, written through the providers module's own rules: a 幸福食堂 operator (the demo
/// provider-staff account works for it), a home-care enterprise, a social-work organization running 社工站, a health service
/// station, and a meal-help group whose qualification has expired. Service points sit near the two demo village workers'
/// villages (synthetic WGS-84 coordinates, like the villages). Written only when the county has no providers yet.
/// </summary>
internal static class DemoProviders
{
    /// <summary>The demo account linked to the canteen operator.</summary>
    public const string StaffAccount = "jigou.yuangong";

    public static async Task<int> EnsureAsync(IServiceProvider services, RegionCode county, string firstVillage, string secondVillage, TextWriter progress, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorOverride>().Actor = FixedActor.System("demo-seed");
        var data = sp.GetRequiredService<IProvidersData>();
        var prefix = county.Prefix;
        if (await data.Providers.AnyAsync(p => p.RegionCode.StartsWith(prefix), ct))
        {
            return 0;
        }

        progress.WriteLine("演示服务机构 / demo providers…");
        var geo = sp.GetRequiredService<IGeoData>();
        var places = await geo.Regions.AsNoTracking()
            .Where(r => (r.Code == firstVillage || r.Code == secondVillage) && r.Latitude != null && r.Longitude != null)
            .ToDictionaryAsync(r => r.Code, r => (Lat: r.Latitude!.Value, Lon: r.Longitude!.Value), ct);
        (double Lat, double Lon) Near(string village, double north, double east) =>
            places.TryGetValue(village, out var p) ? (p.Lat + north, p.Lon + east) : (35.75 + north, 119.21 + east);

        var service = sp.GetRequiredService<ProviderService>();
        var today = service.Today;
        var since = today.AddYears(-3);
        var c = county.Value;
        var townshipA = RegionCode.Parse(firstVillage[..9]).Value;
        var townshipB = RegionCode.Parse(secondVillage[..9]).Value;
        const string Weekdays = "1-5 08:00-11:30,13:30-17:00";
        const string Meals = "1-7 10:30-13:00,16:30-18:30";

        var canteen = await CreateAsync(service, "五莲县幸福食堂服务中心", ProviderKind.SocialOrganization, "52371121MJD0001188", "五莲县洪凝街道人民路 18 号", "0633-5811001", c, ct);
        await Check(service.AddQualificationAsync(canteen, new QualificationRequest("民办非企业单位登记证书", "鲁民证字第 371121-0018 号", "五莲县民政局", since), ct));
        await Check(service.AddQualificationAsync(canteen, new QualificationRequest("食品经营许可证", "JY33711210018801", "五莲县市场监督管理局", since, today.AddYears(2)), ct));
        await Items(service, canteen, ["LIFE-01", "LIFE-05"], [townshipA, townshipB], ct);
        var (lat, lon) = Near(firstVillage, 0.0015, -0.002);
        await Check(service.AddPointAsync(canteen, new PointRequest(ServicePointKind.Canteen, "幸福食堂（第一村）", firstVillage, "村委会西侧平房", lat, lon, Meals), ct));
        (lat, lon) = Near(secondVillage, -0.001, 0.0015);
        await Check(service.AddPointAsync(canteen, new PointRequest(ServicePointKind.Canteen, "幸福食堂（第二村）", secondVillage, "村文化广场东侧", lat, lon, Meals), ct));
        await Check(service.SetCapacityAsync(canteen, new CapacityRequest("LIFE-01", CapacityPeriod.Week, 300), ct));
        await Check(service.SetCapacityAsync(canteen, new CapacityRequest("LIFE-05", CapacityPeriod.Week, 40), ct));
        await Check(service.AddStaffAsync(canteen, new StaffRequest("徐春燕", StaffRole.Manager, "助理社会工作师", "13963301001", StaffAccount), ct));
        await Check(service.AddStaffAsync(canteen, new StaffRequest("孙德福", StaffRole.Cook, "中式烹调师四级", "13963301002"), ct));
        await Check(service.AddTeamAsync(canteen, new TeamRequest("爱心送餐志愿队", "刘玉兰", 18, ["LIFE-01", "LIFE-05"]), ct));

        var care = await CreateAsync(service, "五莲县康乐居家养老服务有限公司", ProviderKind.Enterprise, "91371121MA3C0002X4", "五莲县洪凝街道解放路 66 号", "0633-5811002", c, ct);
        await Check(service.AddQualificationAsync(care, new QualificationRequest("营业执照", "91371121MA3C0002X4", "五莲县市场监督管理局", since), ct));
        // Due for renewal within the month: shown as 即将到期, still matched.
        await Check(service.AddQualificationAsync(care, new QualificationRequest("养老服务机构备案回执", "五民养备 2023-007", "五莲县民政局", since, today.AddDays(20)), ct));
        await Items(service, care, ["LIFE-02", "LIFE-03", "LIFE-08"], [c], ct);
        (lat, lon) = Near(firstVillage, -0.002, 0.001);
        await Check(service.AddPointAsync(care, new PointRequest(ServicePointKind.HelpPoint, "康乐暖心帮扶点", firstVillage, "村卫生室北侧", lat, lon, Weekdays + "; 6 09:00-12:00"), ct));
        await Check(service.SetCapacityAsync(care, new CapacityRequest("LIFE-02", CapacityPeriod.Week, 120), ct));
        await Check(service.SetCapacityAsync(care, new CapacityRequest("LIFE-08", CapacityPeriod.Month, 200), ct));
        await Check(service.AddStaffAsync(care, new StaffRequest("王桂芳", StaffRole.Caregiver, "养老护理员四级", "13963302001"), ct));
        await Check(service.AddStaffAsync(care, new StaffRequest("赵玉梅", StaffRole.Nurse, "护士执业证书", "13963302002"), ct));

        var social = await CreateAsync(service, "五莲县同心社会工作服务中心", ProviderKind.SocialOrganization, "52371121MJD000337J", "五莲县洪凝街道文化路 9 号", "0633-5811003", c, ct);
        await Check(service.AddQualificationAsync(social, new QualificationRequest("民办非企业单位登记证书", "鲁民证字第 371121-0033 号", "五莲县民政局", since), ct));
        await Items(service, social, ["LIFE-07", "PSY-01", "FAMILY-04", "SOCIAL-04"], [townshipA, townshipB], ct);
        (lat, lon) = Near(firstVillage, 0.003, 0.003);
        await Check(service.AddPointAsync(social, new PointRequest(ServicePointKind.SocialWorkStation, "第一乡镇社工站", townshipA, "乡镇便民服务中心二楼", lat, lon, Weekdays), ct));
        (lat, lon) = Near(secondVillage, 0.0025, -0.003);
        await Check(service.AddPointAsync(social, new PointRequest(ServicePointKind.SocialWorkStation, "第二乡镇社工站", townshipB, "乡镇便民服务中心一楼", lat, lon, Weekdays), ct));
        await Check(service.SetCapacityAsync(social, new CapacityRequest("FAMILY-04", CapacityPeriod.Month, 80), ct));
        await Check(service.SetCapacityAsync(social, new CapacityRequest("PSY-01", CapacityPeriod.Week, 25), ct));
        await Check(service.AddStaffAsync(social, new StaffRequest("张明远", StaffRole.SocialWorker, "社会工作师", "13963303001"), ct));
        await Check(service.AddTeamAsync(social, new TeamRequest("同心关爱志愿服务队", "陈晓东", 32, ["LIFE-07", "SOCIAL-04"]), ct));

        var health = await CreateAsync(service, "五莲县社区卫生健康服务站", ProviderKind.PublicInstitution, "12371121493010046R", "五莲县洪凝街道健康路 3 号", "0633-5811004", c, ct);
        await Check(service.AddQualificationAsync(health, new QualificationRequest("医疗机构执业许可证", "PDY00001337112117A1002", "五莲县卫生健康局", since, today.AddYears(3)), ct));
        await Items(service, health, ["HEALTH-01", "HEALTH-02"], [c], ct);
        (lat, lon) = Near(secondVillage, -0.0025, -0.001);
        await Check(service.AddPointAsync(health, new PointRequest(ServicePointKind.AssistanceStation, "健康救助服务驿站", secondVillage, "村卫生室", lat, lon, Weekdays), ct));
        await Check(service.SetCapacityAsync(health, new CapacityRequest("HEALTH-01", CapacityPeriod.Month, 400), ct));

        // Its food licence lapsed two months ago: listed as 已过期 and left out of matching until renewed.
        var lapsed = await CreateAsync(service, "五莲县暖阳助老服务社", ProviderKind.SocialOrganization, "52371121MJD0006601", "五莲县街头镇中心街 21 号", "0633-5811005", c, ct);
        await Check(service.AddQualificationAsync(lapsed, new QualificationRequest("民办非企业单位登记证书", "鲁民证字第 371121-0066 号", "五莲县民政局", since), ct));
        await Check(service.AddQualificationAsync(lapsed, new QualificationRequest("食品经营许可证", "JY33711210066601", "五莲县市场监督管理局", since, today.AddDays(-60)), ct));
        await Items(service, lapsed, ["LIFE-01", "LIFE-04"], [townshipB], ct);
        (lat, lon) = Near(secondVillage, 0.002, 0.002);
        await Check(service.AddPointAsync(lapsed, new PointRequest(ServicePointKind.Canteen, "暖阳老年餐桌", secondVillage, "村委会南侧", lat, lon, "1-6 11:00-12:30"), ct));
        await Check(service.SetCapacityAsync(lapsed, new CapacityRequest("LIFE-01", CapacityPeriod.Week, 150), ct));
        return 5;
    }

    private static async Task<Guid> CreateAsync(ProviderService service, string name, ProviderKind kind, string code, string address, string contact, string home, CancellationToken ct) =>
        (await Check(service.CreateAsync(new ProviderRequest(name, kind, code, home, address, contact), ct))).Id;

    private static async Task Items(ProviderService service, Guid id, string[] items, string[] regions, CancellationToken ct)
    {
        foreach (var item in items)
        {
            await Check(service.AddItemAsync(id, item, ct));
        }

        foreach (var region in regions)
        {
            await Check(service.AddRegionAsync(id, region, ct));
        }
    }

    private static async Task<ProviderDetail> Check(Task<Result<ProviderDetail>> call)
    {
        var result = await call;
        return result.IsSuccess ? result.Value : throw new DemoSeedException($"演示服务机构写入失败 / demo providers failed: {result.Error!.Message}");
    }
}
