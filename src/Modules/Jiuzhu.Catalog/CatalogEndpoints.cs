using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Catalog;

/// <summary>The catalog's vocabulary, for forms and department systems.</summary>
public sealed record CatalogVocabularyView(
    IReadOnlyList<Term> Layers, IReadOnlyList<CategoryTerm> Categories, IReadOnlyList<Term> TargetGroups, IReadOnlyList<Term> NeedFlags,
    IReadOnlyList<Term> Departments, IReadOnlyList<Term> Tiers, IReadOnlyList<Term> Frequencies);

/// <summary>The service catalog over HTTP: /api/v1/catalog/…</summary>
public static class CatalogEndpoints
{
    /// <summary>Every staff role and department systems read the catalog; what they may change the tier rules decide.</summary>
    public static readonly string[] Readers = [.. Roles.All, Roles.DepartmentSystem];

    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("catalog").RequireAuthorization(p => p.RequireRole(Readers));
        catalog.MapGet("/vocabulary", () => TypedResults.Ok(Vocabulary()));
        catalog.MapGet("/items", async Task<Results<Ok<EffectiveCatalogView>, ProblemHttpResult>> (
            string? region, DateOnly? asOf, string? layer, string? category, string? tier, string? targetGroup, string? needFlag, string? q, bool? includeOff,
            CatalogService service, CancellationToken ct) =>
        {
            CatalogTier? t = null;
            if (!string.IsNullOrWhiteSpace(tier))
            {
                if (!Enum.TryParse<CatalogTier>(tier, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return ProblemResults.From(Error.Validation("catalog.bad_tier", "tier 须为 national、provincial 或 county。"));
                }

                t = parsed;
            }

            return ProblemResults.Respond(await service.EffectiveAsync(region, asOf, new CatalogFilter(layer, category, t, targetGroup, needFlag, q, includeOff ?? false), ct));
        });
        catalog.MapGet("/items/{code}/versions", async (string code, string? region, CatalogService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.VersionsAsync(code, region, ct)));
        catalog.MapGet("/versions/{id:guid}", async (Guid id, CatalogService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.EntryAsync(id, ct)));

        catalog.MapGet("/versions/item", async (string ids, CatalogService service, CancellationToken ct) =>
        {
            var parsed = Codes(ids)?.Select(t => Guid.TryParse(t, out var g) ? g : (Guid?)null).ToList() ?? [];
            return parsed.Count == 0 || parsed.Any(g => g is null)
                ? ProblemResults.From(Error.Validation("catalog.bad_versions", "ids 须为逗号分隔的版本编号。"))
                : ProblemResults.Respond(await service.ItemOfVersionsAsync([.. parsed.Select(g => g!.Value)], ct));
        });

        var tiers = catalog.MapGroup("/tiers/{scope}");
        tiers.MapPut("/items/{code}", async (string scope, string code, DefineItemRequest body, CatalogService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.DefineAsync(scope, code, body, ct)));
        tiers.MapPut("/items/{code}/adjustment", async (string scope, string code, AdjustItemRequest body, CatalogService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.AdjustAsync(scope, code, body, ct)));
        tiers.MapPut("/items/{code}/switch-off", async (string scope, string code, TierChangeRequest body, CatalogService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.SwitchOffAsync(scope, code, body, ct)));
        tiers.MapPost("/items/{code}/withdraw", async (string scope, string code, TierChangeRequest body, CatalogService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.WithdrawAsync(scope, code, body, ct)));
        tiers.MapPut("/function-division/{code}", async (string scope, string code, SaveDivisionRequest body, DivisionService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.SaveAsync(scope, code, body, ct)));
        tiers.MapDelete("/function-division/{code}", async (string scope, string code, string? reason, DivisionService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.RemoveAsync(scope, code, reason, ct)));
        tiers.MapPut("/packages/{code}", async (string scope, string code, SavePackageRequest body, PackageService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.SaveAsync(scope, code, body, ct)));

        catalog.MapGet("/packages", async (string? region, PackageService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ListAsync(region, ct)));
        catalog.MapGet("/packages/{code}", async (string code, string? region, PackageService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.GetAsync(code, region, ct)));
        catalog.MapGet("/packages/{code}/expansion", async (string code, string? region, string? modules, string? needs, DateOnly? asOf, PackageService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ExpandAsync(code, region, Codes(modules), Codes(needs), asOf, ct)));

        catalog.MapGet("/adjustment", async (string? region, DateOnly? from, DateOnly? to, Adjustment.AdjustmentService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ReportAsync(region, from, to, ct)));
        catalog.MapGet("/adjustment.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            string? region, DateOnly? from, DateOnly? to, Adjustment.AdjustmentService service, CancellationToken ct) =>
        {
            var workbook = await service.WorkbookAsync(region, from, to, ct);
            return workbook.IsSuccess
                ? TypedResults.File(workbook.Value, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "动态调整分析.xlsx")
                : ProblemResults.From(workbook.Error!);
        });

        catalog.MapGet("/function-division", async (string? region, DivisionService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ListAsync(region, ct)));
        catalog.MapGet("/function-division/owner", async (string? region, string key, DivisionService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.OwnerAsync(region, key, ct)));
        return api;
    }

    public static CatalogVocabularyView Vocabulary() => new(
        CatalogVocabulary.Layers, CatalogVocabulary.Categories, CatalogVocabulary.TargetGroups, CatalogVocabulary.NeedFlags,
        [.. Departments.All.Select(d => new Term(d.Key, d.Value))],
        [.. Enum.GetValues<CatalogTier>().Select(t => new Term(t.ToString(), CatalogVocabulary.TierName(t)))],
        [.. Enum.GetValues<ServiceFrequency>().Select(f => new Term(f.ToString(), CatalogVocabulary.FrequencyName(f)))]);

    // null (not empty) when the parameter is absent: "no modules chosen" proposes modules by need, "" chooses none.
    private static string[]? Codes(string? text) => text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
