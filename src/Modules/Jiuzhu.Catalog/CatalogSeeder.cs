using Jiuzhu.Catalog.Data;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Catalog;

/// <summary>What a seed of the national base added.</summary>
public sealed record CatalogSeedResult(int Items, int Packages, int Division);

/// <summary>
/// Puts the national base in place from the catalog file: items, packages and function-division rows that the
/// database lacks are added (in force from the day of seeding); what exists is left alone, so it is safe on every start.
/// </summary>
public sealed class CatalogSeeder(ICatalogData data, IAuditTrail audit, TimeProvider clock)
{
    public const string SeededBy = "system:catalog-seed";

    public async Task<CatalogSeedResult> EnsureNationalBaseAsync(CatalogFile file, CancellationToken ct = default)
    {
        var national = CatalogVocabulary.NationalScope;
        var haveItems = (await data.CatalogEntries.AsNoTracking().Where(e => e.Scope == national).Select(e => e.ItemCode).Distinct().ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var havePackages = (await data.CatalogPackages.AsNoTracking().Where(p => p.Scope == national).Select(p => p.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var haveDivision = (await data.FunctionDivisionEntries.AsNoTracking().Where(d => d.Scope == national).Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var items = file.Items.Where(i => !haveItems.Contains(i.Code)).ToList();
        var packages = file.Packages.Where(p => !havePackages.Contains(p.Code)).ToList();
        var division = file.Division.Where(d => !haveDivision.Contains(d.Code)).ToList();
        if (items.Count + packages.Count + division.Count == 0)
        {
            return new CatalogSeedResult(0, 0, 0);
        }

        foreach (var (code, content) in items)
        {
            data.CatalogEntries.Add(CatalogEntry.Define(national, code, 1, content, today, "国家基本目录初始版本（服务目录文件）", SeededBy, now));
        }

        foreach (var (code, content) in packages)
        {
            data.CatalogPackages.Add(new CatalogPackage(national, code, content, SeededBy, now));
        }

        foreach (var d in division)
        {
            data.FunctionDivisionEntries.Add(new FunctionDivisionEntry(national, d.Code, d.Name, d.OwnerDepartment, d.Why, SeededBy, now));
        }

        audit.Record(new AuditEvent("catalog.seed", "catalog", null, null, AuditOutcome.Success,
            $"载入国家基本目录：{items.Count} 个服务项目、{packages.Count} 个服务包、{division.Count} 条职能划分"));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process seeded at the same moment; theirs stands.
            return new CatalogSeedResult(0, 0, 0);
        }

        return new CatalogSeedResult(items.Count, packages.Count, division.Count);
    }
}
