using Jiuzhu.Geo.Data;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Geo;

internal sealed class RegionLookup(IGeoData data) : IRegionLookup
{
    public Task<bool> ExistsAsync(RegionCode code, CancellationToken ct = default) =>
        data.Regions.AnyAsync(r => r.Code == code.Value, ct);

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken ct = default)
    {
        var wanted = codes.Distinct().ToList();
        return await data.Regions.AsNoTracking().Where(r => wanted.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }
}
