using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>Bulk import over HTTP: POST /households/import, the template, and the error reports of rejected files.</summary>
internal static class HouseholdImportEndpoints
{
    /// <summary>Problems listed in a 400 answer; the full list is in the downloadable report.</summary>
    public const int ProblemsInAnswer = 100;

    public static void Map(RouteGroupBuilder households)
    {
        households.MapPost("/import", ImportAsync)
            .WithName("ImportHouseholds")
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(HouseholdImporter.MaxUploadBytes + (1 << 20)))
            // Cookies are SameSite=Lax, so a cross-site form cannot post with a session; department systems send an
            // API key and have no antiforgery token to send.
            .DisableAntiforgery();
        households.MapGet("/import/template", Template).WithName("HouseholdImportTemplate");
        households.MapGet("/import/reports/{id:guid}", Report).WithName("HouseholdImportReport");
    }

    private static async Task<Results<Ok<HouseholdImportResult>, ProblemHttpResult>> ImportAsync(
        IFormFile file,
        [FromForm] bool? skipRegistered,
        [FromForm] bool? checkOnly,
        [FromForm] string? encoding,
        HouseholdImporter importer,
        ImportReportStore reports,
        ICurrentActor actor,
        CancellationToken ct)
    {
        if (file.Length > HouseholdImporter.MaxUploadBytes)
        {
            return ProblemResults.From(new Error("import.too_large", $"文件不能超过 {HouseholdImporter.MaxUploadBytes / (1 << 20)} MB，请分成几个文件导入", 413));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var outcome = await importer.ImportAsync(
            new HouseholdImportRequest(file.FileName, buffer.ToArray(), skipRegistered ?? false, checkOnly ?? false, encoding), ct);
        if (!outcome.IsSuccess)
        {
            return ProblemResults.From(outcome.Error!);
        }

        var result = outcome.Value;
        if (!result.IsRejected)
        {
            return TypedResults.Ok(result);
        }

        var reportId = reports.Save(ImportReportStore.OwnerOf(actor), result.FileName, result.Problems);
        return TypedResults.Problem(
            title: "请求有误",
            detail: $"文件有 {result.ProblemLines} 行共 {result.Problems.Count} 处错误，未导入任何数据。请按错误报告修改后重新导入。",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "import.invalid_file",
                ["fileName"] = result.FileName,
                ["rows"] = result.Rows,
                ["problemCount"] = result.Problems.Count,
                ["problemLines"] = result.ProblemLines,
                ["problems"] = result.Problems.Take(ProblemsInAnswer).ToList(),
                ["reportId"] = reportId,
                ["reportUrl"] = ImportReportStore.Url(reportId),
                ["reportCsvUrl"] = ImportReportStore.Url(reportId, "csv"),
            });
    }

    private static FileContentHttpResult Template(string? format) =>
        ImportReport.IsXlsx(format ?? "xlsx")
            ? TypedResults.File(HouseholdImportTemplate.Xlsx(), ImportReport.XlsxContentType, "家庭户导入模板.xlsx")
            : TypedResults.File(HouseholdImportTemplate.Csv(), ImportReport.CsvContentType, "家庭户导入模板.csv");

    private static Results<FileContentHttpResult, ProblemHttpResult> Report(Guid id, string? format, ImportReportStore reports, ICurrentActor actor, HttpContext http)
    {
        if (reports.Find(id, ImportReportStore.OwnerOf(actor)) is not { } report)
        {
            return ProblemResults.From(Error.NotFound("import.report_not_found", "错误报告不存在或已过期（保留 1 小时，只有上传文件的人可以下载），请重新预检文件。"));
        }

        var (content, type, extension) = ImportReport.Render(report.Problems, format ?? "xlsx");
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(content, type, $"{Path.GetFileNameWithoutExtension(report.FileName)}-错误报告{extension}");
    }
}
