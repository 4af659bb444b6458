using Jiuzhu.Catalog.Data;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Catalog;

/// <summary>A package's lists as a tier saves them.</summary>
public sealed record SavePackageRequest(PackageContent Content, Guid? Stamp = null);

/// <summary>
/// Service packages per region (longest prefix wins, like the catalog tiers), their editing by each tier's editors,
/// and their expansion into proposed plan items against a region's effective catalog.
/// </summary>
public sealed class PackageService(ICatalogData data, ICurrentActor actor, IAuditTrail audit, TimeProvider clock, CatalogService catalog)
{
    public async Task<Result<IReadOnlyList<PackageView>>> ListAsync(string? region, CancellationToken ct = default)
    {
        region = string.IsNullOrWhiteSpace(region) ? catalog.DefaultRegion : region.Trim();
        if (CatalogService.ChainOf(region) is not { } chain)
        {
            return Error.Validation("catalog.bad_region", $"“{region}”不是区划代码（或 national 表示国家基本目录）。");
        }

        var scopes = chain.ToList();
        var rows = await data.CatalogPackages.AsNoTracking().Where(p => scopes.Contains(p.Scope)).ToListAsync(ct);
        return Result<IReadOnlyList<PackageView>>.Ok([.. rows
            .GroupBy(p => p.Code)
            .Select(g => g.MaxBy(p => p.Scope.Length)!)
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(View)]);
    }

    public async Task<Result<PackageView>> GetAsync(string code, string? region, CancellationToken ct = default)
    {
        var list = await ListAsync(region, ct);
        if (!list.IsSuccess)
        {
            return list.Error!;
        }

        return list.Value.FirstOrDefault(p => p.Code == code) is { } view
            ? view
            : Error.NotFound("package.not_found", $"该地区没有服务包 {code}。");
    }

    /// <summary>Saves a tier's own lists for a package; they must fit the catalog the tier's region sees today.</summary>
    public async Task<Result<PackageView>> SaveAsync(string scopeText, string code, SavePackageRequest request, CancellationToken ct = default)
    {
        if (CatalogVocabulary.ParseScope(scopeText) is not { } scope)
        {
            return Error.Validation("catalog.bad_scope", $"“{scopeText}”不是目录层级：国家基本目录用 national，地方拓展用 2 位省级代码，社区补充用 6 位县级代码。");
        }

        if (CatalogEditors.Check(actor, scope) is { } forbidden)
        {
            return forbidden;
        }

        if (CatalogRules.CheckCode(code) is { } badCode)
        {
            return badCode;
        }

        var effective = await catalog.EffectiveAsync(CatalogVocabulary.ScopeLabel(scope), null, new CatalogFilter(IncludeSwitchedOff: true), ct);
        if (request.Content is null)
        {
            return Error.Validation("package.invalid", "缺少服务包内容。");
        }

        if (request.Content.Check(effective.Value.Items.Where(i => !i.SwitchedOff).Select(i => i.Code).ToHashSet(StringComparer.Ordinal)) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var own = await data.CatalogPackages.FirstOrDefaultAsync(p => p.Scope == scope && p.Code == code, ct);
        if (own is null)
        {
            own = new CatalogPackage(scope, code, request.Content, actor.Name, now);
            data.CatalogPackages.Add(own);
        }
        else if (own.Stamp != request.Stamp)
        {
            return Error.Conflict("package.stale", "服务包已被他人修改，请刷新后再保存。");
        }
        else
        {
            own.Replace(request.Content, actor.Name, now);
        }

        audit.Record(new AuditEvent("package.save", "catalog-package", code, CatalogService.RegionOf(scope), AuditOutcome.Success,
            $"{CatalogVocabulary.TierName(CatalogVocabulary.TierOf(scope)!.Value)}（{CatalogVocabulary.ScopeLabel(scope)}）保存服务包 {code} {own.Name}：基础目录 {string.Join("、", request.Content.BaseItems)}；弹性模块 {string.Join("、", request.Content.OptionalModules)}"));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("package.stale", "服务包已被他人修改，请刷新后再保存。");
        }

        return View(own);
    }

    /// <summary>Proposed plan items of a package for a region (see <see cref="PackageExpander"/>).</summary>
    public async Task<Result<PackageExpansion>> ExpandAsync(
        string code, string? region, IReadOnlyCollection<string>? modules, IReadOnlyCollection<string>? needs, DateOnly? asOf, CancellationToken ct = default)
    {
        var package = await GetAsync(code, region, ct);
        if (!package.IsSuccess)
        {
            return package.Error!;
        }

        var effective = await catalog.EffectiveAsync(region, asOf, new CatalogFilter(IncludeSwitchedOff: true), ct);
        return PackageExpander.Expand(code, package.Value.Content, effective.Value.Items, modules, needs);
    }

    private static PackageView View(CatalogPackage p) =>
        new(p.Code, p.Scope, CatalogVocabulary.TierOf(p.Scope) ?? CatalogTier.National, p.Content(), p.Stamp, p.UpdatedAt, p.UpdatedBy);
}
