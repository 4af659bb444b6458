using System.Text.Json;
using Jiuzhu.Geo.Domain;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Geo.Browse;

/// <summary>A region in API responses; level and kind as stable lower-case words.</summary>
public sealed record RegionDto(string Code, string Name, string Level, string Kind, string KindName, string? ParentCode)
{
    public static RegionDto From(RegionSummary r) =>
        new(r.Code, r.Name, Word(r.Level.ToString()), Word(r.Kind.ToString()), RegionKinds.ChineseName(r.Kind), r.ParentCode);

    private static string Word(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}

/// <summary>GET /geo/regions/{code}: the region, its full name and its ancestors.</summary>
public sealed record RegionDetailsDto(
    RegionDto Region, string FullName, IReadOnlyList<RegionDto> Path, double? Latitude, double? Longitude, string? Boundary);

/// <summary>The region endpoints: reads only, within the caller's jurisdiction (see <see cref="RegionDirectory"/>).</summary>
internal static class RegionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var regions = api.MapGroup("/geo/regions").WithTags("geo");
        regions.MapGet("/", RootsAsync).WithName("ListTopRegions");
        regions.MapGet("/{code}", GetAsync).WithName("GetRegion");
        regions.MapGet("/{code}/children", ChildrenAsync).WithName("ListRegionChildren");
    }

    private static async Task<Ok<IReadOnlyList<RegionDto>>> RootsAsync(RegionDirectory directory, CancellationToken ct)
    {
        var children = await directory.ChildrenAsync(null, ct) ?? [];
        return TypedResults.Ok<IReadOnlyList<RegionDto>>(children.Select(RegionDto.From).ToList());
    }

    private static async Task<Results<Ok<RegionDetailsDto>, ProblemHttpResult>> GetAsync(string code, RegionDirectory directory, CancellationToken ct)
    {
        if (!RegionCode.TryParse(code, out var parsed))
        {
            return BadCode(code);
        }

        var details = await directory.GetAsync(parsed, ct);
        if (details is null)
        {
            return NotFound(code);
        }

        return TypedResults.Ok(new RegionDetailsDto(
            RegionDto.From(details.Region),
            details.FullName,
            details.Path.Select(RegionDto.From).ToList(),
            details.Latitude,
            details.Longitude,
            details.Boundary));
    }

    private static async Task<Results<Ok<IReadOnlyList<RegionDto>>, ProblemHttpResult>> ChildrenAsync(string code, RegionDirectory directory, CancellationToken ct)
    {
        if (!RegionCode.TryParse(code, out var parsed))
        {
            return BadCode(code);
        }

        var children = await directory.ChildrenAsync(parsed, ct);
        if (children is null)
        {
            return NotFound(code);
        }

        return TypedResults.Ok<IReadOnlyList<RegionDto>>(children.Select(RegionDto.From).ToList());
    }

    // Absent and out-of-jurisdiction look the same, so the answer does not reveal what exists elsewhere.
    private static ProblemHttpResult NotFound(string code) => Problem(
        StatusCodes.Status404NotFound, "geo.region_not_found", "区划不存在", $"找不到区划 {code}，或它不在您的管辖范围内。");

    private static ProblemHttpResult BadCode(string code) => Problem(
        StatusCodes.Status400BadRequest, "geo.region_code_invalid", "区划代码无效", $"“{code}”不是有效的统计用区划代码（应为 2、4、6、9 或 12 位数字）。");

    private static ProblemHttpResult Problem(int status, string errorCode, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = errorCode });
}
