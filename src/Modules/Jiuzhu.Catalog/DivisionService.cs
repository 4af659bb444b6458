using Jiuzhu.Catalog.Data;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Catalog;

/// <summary>A region's function-division list, with the catalog items each department owns there.</summary>
public sealed record DivisionView(string Region, IReadOnlyList<DivisionRow> Rows, IReadOnlyList<DepartmentItems> ItemsByDepartment);

/// <summary>The items of a region's catalog one department owns.</summary>
public sealed record DepartmentItems(string Department, string DepartmentName, IReadOnlyList<string> Items);

/// <summary>The function-division list (职能划分清单) per region and the owner lookup that referrals use.</summary>
public sealed class DivisionService(ICatalogData data, CatalogService catalog)
{
    public async Task<Result<DivisionView>> ListAsync(string? region, CancellationToken ct = default)
    {
        region = string.IsNullOrWhiteSpace(region) ? catalog.DefaultRegion : region.Trim();
        var effective = await catalog.EffectiveAsync(region, null, null, ct);
        if (!effective.IsSuccess)
        {
            return effective.Error!;
        }

        var rows = await RowsAsync(region, ct);
        var byDepartment = effective.Value.Items
            .GroupBy(i => i.OwnerDepartment)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DepartmentItems(g.Key, Departments.Name(g.Key), [.. g.Select(i => $"{i.Code} {i.Name}")]))
            .ToList();
        return new DivisionView(region, rows, byDepartment);
    }

    /// <summary>Who owns a need (a function-division code) or an item in a region.</summary>
    public async Task<Result<OwnerLookup>> OwnerAsync(string? region, string key, CancellationToken ct = default)
    {
        region = string.IsNullOrWhiteSpace(region) ? catalog.DefaultRegion : region.Trim();
        var effective = await catalog.EffectiveAsync(region, null, null, ct);
        if (!effective.IsSuccess)
        {
            return effective.Error!;
        }

        return FunctionDivision.OwnerOf(key?.Trim() ?? string.Empty, await RowsAsync(region, ct), effective.Value.Items) is { } owner
            ? owner
            : Error.NotFound("division.unknown_key", $"职能划分清单和服务目录中都没有“{key}”。");
    }

    private async Task<IReadOnlyList<DivisionRow>> RowsAsync(string region, CancellationToken ct)
    {
        var entries = await data.FunctionDivisionEntries.AsNoTracking().ToListAsync(ct);
        return FunctionDivision.Resolve(RegionCode.TryParse(region, out var code) ? code.Value : CatalogVocabulary.NationalScope, entries);
    }
}
