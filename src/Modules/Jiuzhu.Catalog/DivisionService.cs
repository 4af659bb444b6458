using Jiuzhu.Catalog.Data;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Catalog;

/// <summary>A region's function-division list, with the catalog items each department owns there.</summary>
public sealed record DivisionView(string Region, IReadOnlyList<DivisionRow> Rows, IReadOnlyList<DepartmentItems> ItemsByDepartment);

/// <summary>The items of a region's catalog one department owns.</summary>
public sealed record DepartmentItems(string Department, string DepartmentName, IReadOnlyList<string> Items);

/// <summary>A row a tier sets on its region's list: who owns this kind of service there, and on what basis.</summary>
public sealed record SaveDivisionRequest(string? Name, string? OwnerDepartment, string? Why);

/// <summary>A tier's row removed; <see cref="Inherited"/> is what the region now uses for the code, if anything.</summary>
public sealed record DivisionRemoved(string Code, DivisionRow? Inherited);

/// <summary>
/// The function-division list (职能划分清单) per region and the owner lookup that referrals use. Each tier (national,
/// province, county — the catalog's editors) keeps its own rows: a row for a kind the tier above lists overrides it for
/// the tier's region, a new code adds a kind; removing the tier's row lets the region inherit again.
/// </summary>
public sealed partial class DivisionService(ICatalogData data, CatalogService catalog, ICurrentActor actor, IAuditTrail audit, TimeProvider clock)
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

    /// <summary>Sets the tier's row for <paramref name="code"/> (adds it, or overrides the row the region inherits).</summary>
    public async Task<Result<DivisionRow>> SaveAsync(string scopeText, string code, SaveDivisionRequest request, CancellationToken ct = default)
    {
        var scoped = ScopeFor(scopeText);
        if (!scoped.IsSuccess)
        {
            return scoped.Error!;
        }

        var scope = scoped.Value;
        code = code?.Trim() ?? string.Empty;
        var name = request.Name?.Trim() ?? string.Empty;
        var owner = request.OwnerDepartment?.Trim() ?? string.Empty;
        var why = request.Why?.Trim() ?? string.Empty;
        if (!CodePattern().IsMatch(code))
        {
            return Error.Validation("division.bad_code", "编码须为 1–32 位字母、数字、连字符或下划线，例如 HEAVY-CARE。");
        }

        if (name.Length is 0 or > 100)
        {
            return Error.Validation("division.bad_name", "服务类别名称不能为空，且不超过 100 字。");
        }

        if (!Departments.IsKnown(owner))
        {
            return Error.Validation("division.unknown_department", $"“{owner}”不是已知的部门代码。");
        }

        if (why.Length is 0 or > 500)
        {
            return Error.Validation("division.bad_why", "请写明依据（文件或会议纪要），不超过 500 字。");
        }

        var now = clock.GetUtcNow();
        var inherited = FunctionDivision.Resolve(scope.PadRight(12, '0'),
            await data.FunctionDivisionEntries.AsNoTracking().Where(e => e.Scope != scope).ToListAsync(ct)).FirstOrDefault(r => r.Code == code);
        var own = await data.FunctionDivisionEntries.SingleOrDefaultAsync(e => e.Scope == scope && e.Code == code, ct);
        var before = own is not null ? $"{Departments.Name(own.OwnerDepartment)}" : inherited is not null ? $"{inherited.DepartmentName}（继承）" : "无";
        if (own is null)
        {
            own = new FunctionDivisionEntry(scope, code, name, owner, why, actor.Name, now);
            data.FunctionDivisionEntries.Add(own);
        }
        else
        {
            own.Update(name, owner, why, actor.Name, now);
        }

        audit.Record(new AuditEvent("division.save", "function-division", own.Id.ToString(), CatalogService.RegionOf(scope), AuditOutcome.Success,
            $"职能划分（{CatalogVocabulary.ScopeLabel(scope)}）{code} {name}：{before} → {Departments.Name(owner)}；依据：{why}"));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("division.stale", "这一行刚被别人改过，请刷新后再试。");
        }

        return new DivisionRow(own.Code, own.Name, own.OwnerDepartment, Departments.Name(own.OwnerDepartment), own.Why, own.Scope);
    }

    /// <summary>Removes the tier's own row: the region inherits the row of the tier above again, or loses the kind.</summary>
    public async Task<Result<DivisionRemoved>> RemoveAsync(string scopeText, string code, string? reason, CancellationToken ct = default)
    {
        var scoped = ScopeFor(scopeText);
        if (!scoped.IsSuccess)
        {
            return scoped.Error!;
        }

        var scope = scoped.Value;
        if (CatalogRules.CheckReason(reason) is { } tooLong)
        {
            return tooLong;
        }

        var own = await data.FunctionDivisionEntries.SingleOrDefaultAsync(e => e.Scope == scope && e.Code == code, ct);
        if (own is null)
        {
            return Error.NotFound("division.nothing_to_remove", $"本级清单中没有 {code}。");
        }

        data.FunctionDivisionEntries.Remove(own);
        audit.Record(new AuditEvent("division.remove", "function-division", own.Id.ToString(), CatalogService.RegionOf(scope), AuditOutcome.Success,
            $"职能划分（{CatalogVocabulary.ScopeLabel(scope)}）删除本级 {code} {own.Name}（{Departments.Name(own.OwnerDepartment)}）{(reason?.Trim() is { Length: > 0 } r ? "：" + r : string.Empty)}"));
        await data.SaveChangesAsync(ct);
        var inherited = FunctionDivision.Resolve(scope.PadRight(12, '0'),
            await data.FunctionDivisionEntries.AsNoTracking().ToListAsync(ct)).FirstOrDefault(r => r.Code == code);
        return new DivisionRemoved(code, inherited);
    }

    /// <summary>The tier scope an actor may edit, checked against the one named.</summary>
    private Result<string> ScopeFor(string scopeText)
    {
        if (CatalogVocabulary.ParseScope(scopeText) is not { } scope)
        {
            return Error.Validation("catalog.bad_scope", $"“{scopeText}”不是清单层级：全国用 national，省级用 2 位代码，县级用 6 位代码。");
        }

        return CatalogEditors.Check(actor, scope) is { } forbidden ? forbidden : scope;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial System.Text.RegularExpressions.Regex CodePattern();

    private async Task<IReadOnlyList<DivisionRow>> RowsAsync(string region, CancellationToken ct)
    {
        var entries = await data.FunctionDivisionEntries.AsNoTracking().ToListAsync(ct);
        return FunctionDivision.Resolve(RegionCode.TryParse(region, out var code) ? code.Value : CatalogVocabulary.NationalScope, entries);
    }
}
