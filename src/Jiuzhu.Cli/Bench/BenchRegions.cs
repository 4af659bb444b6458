using Jiuzhu.Cli.Demo;
using Jiuzhu.Geo.Data;
using Jiuzhu.Geo.Domain;
using Jiuzhu.Geo.ImportRegions;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli.Bench;

/// <summary>The benchmark county's divisions: imported from the shared files when missing, then its villages.</summary>
internal static class BenchRegions
{
    public static async Task<List<DemoVillage>> EnsureAsync(IServiceProvider services, RegionCode county, TextWriter progress, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var geo = sp.GetRequiredService<IGeoData>();
        if (!await geo.Regions.AnyAsync(r => r.Level == RegionLevel.Village && r.Code.StartsWith(county.Prefix), ct))
        {
            var folder = SharedDataFolder.FindDivisions(null) ?? throw new DemoSeedException("找不到区划文件夹 / ../shared/data/divisions not found");
            progress.WriteLine($"导入县 {county.Prefix} 的行政区划 / importing the regions of {county.Prefix}…");
            var result = await sp.GetRequiredService<RegionImporter>().ImportAsync(folder, [county.Prefix], null, ct);
            if (!result.IsSuccess)
            {
                throw new DemoSeedException(result.Error!.Message);
            }
        }

        return await DemoSeeder.LoadVillagesAsync(geo, county.Prefix, ct);
    }
}
