using Jiuzhu.Geo.Data;
using Jiuzhu.Geo.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Geo.Browse;

/// <summary>A region in lists, paths and pickers.</summary>
public sealed record RegionSummary(string Code, string Name, RegionLevel Level, RegionKind Kind, string? ParentCode)
{
    /// <summary>街道, 镇, 乡, 社区居委会, 村委会, …</summary>
    public string KindName => RegionKinds.ChineseName(Kind);
}

/// <summary>A region with its ancestors (province first) and its synthetic or real geometry.</summary>
/// <summary>A region's point and outline ("lon,lat lon,lat …"), for drawing maps.</summary>
public sealed record RegionOutline(string Code, string Name, RegionKind Kind, double? Latitude, double? Longitude, string? Boundary);

public sealed record RegionDetails(RegionSummary Region, IReadOnlyList<RegionSummary> Path, double? Latitude, double? Longitude, string? Boundary)
{
    /// <summary>"山东省 日照市 五莲县 洪凝街道 集后社区居民委员会".</summary>
    public string FullName => RegionDirectory.FullName([.. Path, Region]);
}

/// <summary>
/// Reads the region hierarchy for the current actor. An actor sees the regions of its jurisdiction's subtree and
/// the ancestors of its jurisdiction (their names are needed for display); below an ancestor it sees only the
/// branch that leads to its jurisdiction. Anything else reads as absent. The rule lives here, once, for pages and API.
/// </summary>
public sealed class RegionDirectory(IGeoData data, ICurrentActor actor)
{
    public static string FullName(IEnumerable<RegionSummary> pathAndRegion) => string.Join(" ", pathAndRegion.Select(r => r.Name));

    /// <summary>True when the actor may read <paramref name="code"/> itself.</summary>
    public bool CanRead(RegionCode code) =>
        actor.Scope.AllowsAll || actor.Jurisdiction is { } j && (j.Contains(code) || code.Contains(j));

    /// <summary>The region with its path, or null when it does not exist or lies outside what the actor may read.</summary>
    public async Task<RegionDetails?> GetAsync(RegionCode code, CancellationToken ct = default)
    {
        if (!CanRead(code))
        {
            return null;
        }

        var codes = Lineage(code).Select(c => c.Value).ToList();
        var rows = await data.Regions.AsNoTracking()
            .Where(r => codes.Contains(r.Code))
            .Select(r => new { Summary = new RegionSummary(r.Code, r.Name, r.Level, r.Kind, r.ParentCode), r.Latitude, r.Longitude, r.Boundary })
            .ToListAsync(ct);
        var self = rows.FirstOrDefault(r => r.Summary.Code == code.Value);
        if (self is null)
        {
            return null;
        }

        var path = rows.Where(r => r != self).Select(r => r.Summary).OrderBy(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return new RegionDetails(self.Summary, path, self.Latitude, self.Longitude, self.Boundary);
    }

    /// <summary>The ancestors of a region, province first; null when the actor may not read it or it does not exist.</summary>
    public async Task<IReadOnlyList<RegionSummary>?> PathAsync(RegionCode code, CancellationToken ct = default) =>
        (await GetAsync(code, ct))?.Path;

    /// <summary>"山东省 日照市 五莲县 …" for a region; null when the actor may not read it or it does not exist.</summary>
    public async Task<string?> FullNameAsync(RegionCode code, CancellationToken ct = default) =>
        (await GetAsync(code, ct))?.FullName;

    /// <summary>
    /// The children of a region in code order (the provinces when <paramref name="code"/> is null), restricted to the
    /// branch towards the actor's jurisdiction above it; null when the actor may not read the region or it does not exist.
    /// </summary>
    public async Task<IReadOnlyList<RegionSummary>?> ChildrenAsync(RegionCode? code, CancellationToken ct = default)
    {
        var query = await ChildQueryAsync(code, ct);
        return query is null
            ? null
            : await query.OrderBy(r => r.Code).Select(r => new RegionSummary(r.Code, r.Name, r.Level, r.Kind, r.ParentCode)).ToListAsync(ct);
    }

    /// <summary>
    /// The children of a region (the provinces when <paramref name="code"/> is null) as loaded, whoever asks. Division
    /// names and codes are public statistics (国家统计局); residents, who have no jurisdiction, need them to say which
    /// village they live in. Nothing about the people in a region is read here.
    /// </summary>
    public async Task<IReadOnlyList<RegionSummary>> PublicChildrenAsync(RegionCode? code, CancellationToken ct = default)
    {
        var parent = code?.Value;
        return await data.Regions.AsNoTracking().Where(r => r.ParentCode == parent).OrderBy(r => r.Code)
            .Select(r => new RegionSummary(r.Code, r.Name, r.Level, r.Kind, r.ParentCode)).ToListAsync(ct);
    }

    /// <summary>The children of a region with their points and outlines, for maps; same visibility as <see cref="ChildrenAsync"/>.</summary>
    public async Task<IReadOnlyList<RegionOutline>?> ChildOutlinesAsync(RegionCode code, CancellationToken ct = default)
    {
        var query = await ChildQueryAsync(code, ct);
        return query is null
            ? null
            : await query.OrderBy(r => r.Code).Select(r => new RegionOutline(r.Code, r.Name, r.Kind, r.Latitude, r.Longitude, r.Boundary)).ToListAsync(ct);
    }

    private async Task<IQueryable<Region>?> ChildQueryAsync(RegionCode? code, CancellationToken ct)
    {
        if (code is { } c)
        {
            if (!CanRead(c) || !await data.Regions.AnyAsync(r => r.Code == c.Value, ct))
            {
                return null;
            }
        }
        else if (!actor.Scope.AllowsAll && actor.Jurisdiction is null)
        {
            return null;
        }

        var parent = code?.Value;
        var query = data.Regions.AsNoTracking().Where(r => r.ParentCode == parent);
        if (!actor.Scope.AllowsAll && actor.Jurisdiction is { } j && (code is null || !j.Contains(code.Value)))
        {
            // Above the jurisdiction: only the one child on the way down to it.
            var branch = Lineage(j).Select(x => x.Value).ToList();
            query = query.Where(r => branch.Contains(r.Code));
        }

        return query;
    }

    /// <summary>The region and its ancestors by code (without reading the database), province first.</summary>
    public static IReadOnlyList<RegionCode> Lineage(RegionCode code)
    {
        var chain = new List<RegionCode>();
        for (RegionCode? c = code; c is { } x; c = x.Parent)
        {
            chain.Add(x);
        }

        chain.Reverse();
        return chain;
    }
}
