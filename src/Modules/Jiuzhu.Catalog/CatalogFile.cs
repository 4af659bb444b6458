using System.Text.Json;
using System.Text.Json.Serialization;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Catalog;

/// <summary>A function-division row of the catalog file.</summary>
public sealed record DivisionSeed(string Code, string Name, string OwnerDepartment, string Why);

/// <summary>
/// The national base catalog file (schema jiuzhu-catalog/1): items, packages and the function-division list, checked
/// in full against the catalog's vocabulary before anything is written.
/// </summary>
public sealed record CatalogFile(
    IReadOnlyList<(string Code, ItemContent Content)> Items,
    IReadOnlyList<(string Code, PackageContent Content)> Packages,
    IReadOnlyList<DivisionSeed> Division)
{
    public const string Schema = "jiuzhu-catalog/1";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, AllowTrailingCommas = true };

    public static async Task<Result<CatalogFile>> LoadAsync(string path, CancellationToken ct = default)
    {
        FileDto? dto;
        try
        {
            await using var stream = File.OpenRead(path);
            dto = await JsonSerializer.DeserializeAsync<FileDto>(stream, Json, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return Invalid($"无法读取服务目录文件 {path}：{ex.Message}");
        }

        return Parse(dto);
    }

    public static Result<CatalogFile> Parse(string json)
    {
        try
        {
            return Parse(JsonSerializer.Deserialize<FileDto>(json, Json));
        }
        catch (JsonException ex)
        {
            return Invalid($"服务目录文件不是有效的 JSON：{ex.Message}");
        }
    }

    private static Result<CatalogFile> Parse(FileDto? dto)
    {
        if (dto?.Schema != Schema)
        {
            return Invalid($"服务目录文件的 schema 须为 {Schema}。");
        }

        var items = new List<(string, ItemContent)>();
        foreach (var i in dto.Items ?? [])
        {
            if (!CatalogVocabulary.TryParseFrequency(i.DefaultFrequency, out var frequency))
            {
                return Invalid($"项目 {i.Code} 的频次“{i.DefaultFrequency}”无法识别。");
            }

            if (!CatalogVocabulary.FileDepartments.TryGetValue(i.OwnerDepartment ?? string.Empty, out var department))
            {
                return Invalid($"项目 {i.Code} 的主管部门“{i.OwnerDepartment}”无法识别。");
            }

            if (CatalogVocabulary.LayerOf(i.Category ?? string.Empty) is { } layer && layer != i.Layer)
            {
                return Invalid($"项目 {i.Code} 的层级“{i.Layer}”与服务领域 {i.Category} 的层级“{layer}”不一致。");
            }

            var content = new ItemContent(i.NameZh ?? string.Empty, i.Category ?? string.Empty, i.UnitZh ?? string.Empty, i.Standard, i.StandardRef,
                frequency, i.DefaultDurationMinutes, i.DemoUnitPriceCny, i.TargetGroups ?? [], i.NeedFlags ?? [], department, i.ProviderTypes ?? []);
            if ((CatalogRules.CheckCode(i.Code) ?? CatalogRules.CheckContent(content)) is { } error)
            {
                return Invalid($"项目 {i.Code}：{error.Message}");
            }

            items.Add((i.Code!, content));
        }

        if (items.GroupBy(i => i.Item1).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Invalid($"项目编码 {twice.Key} 重复。");
        }

        var codes = items.Select(i => i.Item1).ToHashSet(StringComparer.Ordinal);
        var packages = new List<(string, PackageContent)>();
        foreach (var p in dto.Packages ?? [])
        {
            var content = new PackageContent(p.NameZh ?? string.Empty, p.BaseItems ?? [], p.OptionalModules ?? [], p.TypicalNeedFlags ?? []);
            if ((CatalogRules.CheckCode(p.Code) ?? content.Check(codes)) is { } error)
            {
                return Invalid($"服务包 {p.Code}：{error.Message}");
            }

            packages.Add((p.Code!, content));
        }

        var division = new List<DivisionSeed>();
        foreach (var d in dto.FunctionDivision ?? [])
        {
            if (!CatalogVocabulary.FileDepartments.TryGetValue(d.OwnerDepartment ?? string.Empty, out var department))
            {
                return Invalid($"职能划分 {d.Code} 的部门“{d.OwnerDepartment}”无法识别。");
            }

            if (CatalogRules.CheckCode(d.Code) is not null || string.IsNullOrWhiteSpace(d.NameZh))
            {
                return Invalid($"职能划分 {d.Code} 的编码或名称有误。");
            }

            division.Add(new DivisionSeed(d.Code!, d.NameZh!, department, d.Why ?? string.Empty));
        }

        return new CatalogFile(items, packages, division);
    }

    private static Error Invalid(string message) => Error.Validation("catalog.bad_file", message);

    private sealed record FileDto(string? Schema, List<ItemDto>? Items, List<PackageDto>? Packages, List<DivisionDto>? FunctionDivision);

    private sealed record ItemDto(
        string? Code, string? Category, string? Layer, string? NameZh, string? UnitZh, string? DefaultFrequency, int DefaultDurationMinutes,
        decimal DemoUnitPriceCny, string? OwnerDepartment, List<string>? TargetGroups, List<string>? NeedFlags, List<string>? ProviderTypes,
        string? Standard, [property: JsonPropertyName("standard_ref")] string? StandardRef);

    private sealed record PackageDto(string? Code, string? NameZh, List<string>? BaseItems, List<string>? OptionalModules, List<string>? TypicalNeedFlags);

    private sealed record DivisionDto(string? Code, string? NameZh, string? OwnerDepartment, string? Why);
}
