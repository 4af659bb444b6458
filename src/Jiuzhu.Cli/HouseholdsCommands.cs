using System.CommandLine;
using System.Text.Json;
using Jiuzhu.Data;
using Jiuzhu.Registry.ImportHouseholds;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

/// <summary>
/// `jiuzhu households import --file &lt;path&gt; [--village-scope CODE] [--skip-registered] [--report PATH] [--check]` and
/// `jiuzhu households template --out PATH`: bulk import of households from the documented template (docs/household-import.md).
/// </summary>
internal static class HouseholdsCommands
{
    /// <summary>Problems printed in the JSON result; the report file has them all.</summary>
    private const int ProblemsShown = 20;

    // Values such as 3.71121E+17 must read as typed: the line goes to a terminal or a pipe, never into a page.
    private static readonly JsonSerializerOptions Json = new(JiuzhuCommandLine.Json)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>What `households import` was asked to do.</summary>
    internal sealed record ImportOptions(string File, string? VillageScope, bool SkipRegistered, string? Report, bool CheckOnly, string? Encoding);

    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "导入文件（.xlsx 或 CSV）/ the file to import (.xlsx or CSV)", Required = true };
        var scope = new Option<string?>("--village-scope")
        {
            Description = "只允许导入这个区划范围内的村(社区)（任一级区划代码）/ only villages inside this region (a code of any level) may be imported",
        };
        var skip = new Option<bool>("--skip-registered") { Description = "跳过成员都已登记的户，只导入新增的户 / leave out households whose members are all registered already" };
        var report = new Option<string?>("--report") { Description = "把逐行错误报告写到这个文件（.xlsx 或 .csv）/ write the row-by-row error report here (.xlsx or .csv)" };
        var check = new Option<bool>("--check") { Description = "只校验，不写入（预检）/ validate only, write nothing" };
        var encoding = new Option<string?>("--encoding") { Description = "CSV 的编码：auto（默认）、utf-8 或 gb18030（gbk）/ CSV text encoding: auto (default), utf-8 or gb18030 (gbk)" };
        var import = new Command("import", "从模板文件批量导入家庭户（整份校验无误才写入，可重复执行）/ import households from the template (all or nothing, idempotent)")
        {
            file, scope, skip, report, check, encoding,
        };
        import.SetAction((result, ct) => JiuzhuCommandLine.Guard(() => ImportAsync(
            new ImportOptions(result.GetValue(file)!, result.GetValue(scope), result.GetValue(skip), result.GetValue(report), result.GetValue(check), result.GetValue(encoding)),
            null, Console.Out, ct)));

        var output = new Option<string>("--out") { Description = "模板保存位置（.xlsx 或 .csv）/ where to write the template (.xlsx or .csv)", Required = true };
        var template = new Command("template", "生成导入模板（表头和两行示例）/ write the import template (header and two example rows)") { output };
        template.SetAction(result =>
        {
            var path = result.GetValue(output)!;
            File.WriteAllBytes(path, ImportReport.IsXlsx(path) ? HouseholdImportTemplate.Xlsx() : HouseholdImportTemplate.Csv());
            JiuzhuCommandLine.WriteResult(new { template = Path.GetFullPath(path) });
            return 0;
        });

        var households = new Command("households", "家庭户 / households");
        households.Subcommands.Add(import);
        households.Subcommands.Add(template);
        return households;
    }

    /// <summary>Runs one import as the system actor and prints its JSON result on <paramref name="output"/>.</summary>
    internal static async Task<int> ImportAsync(ImportOptions options, IDictionary<string, string?>? overrides, TextWriter output, CancellationToken ct)
    {
        if (!File.Exists(options.File))
        {
            return JiuzhuCommandLine.Fail($"找不到文件 / file not found: {options.File}");
        }

        var content = await File.ReadAllBytesAsync(options.File, ct);
        using var host = CliHost.Build(overrides);
        await JiuzhuDatabase.MigrateAsync(host.Services, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<HouseholdImporter>().ImportAsync(
            new HouseholdImportRequest(Path.GetFileName(options.File), content, options.SkipRegistered, options.CheckOnly, options.Encoding, options.VillageScope), ct);
        if (!outcome.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(outcome.Error!.Message);
        }

        var r = outcome.Value;
        string? reportPath = null;
        if (options.Report is { Length: > 0 } path)
        {
            await File.WriteAllBytesAsync(path, ImportReport.Render(r.Problems, path).Content, ct);
            reportPath = Path.GetFullPath(path);
        }

        var summary = new
        {
            file = r.FileName, status = r.Status, format = r.Format, encoding = r.Encoding, rows = r.Rows, exampleRows = r.ExampleRows,
            households = r.Households, persons = r.Persons, importedHouseholds = r.ImportedHouseholds, importedPersons = r.ImportedPersons,
            importedCategories = r.ImportedCategories, skippedHouseholds = r.SkippedHouseholds, skippedPersons = r.SkippedPersons,
            problemCount = r.Problems.Count, problemLines = r.ProblemLines, problems = r.Problems.Take(ProblemsShown), report = reportPath, seconds = r.Seconds,
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(summary, Json));
        if (!r.IsRejected)
        {
            return 0;
        }

        var first = r.Problems[0];
        return JiuzhuCommandLine.Fail(
            $"文件有 {r.ProblemLines} 行共 {r.Problems.Count} 处错误，未导入任何数据 / {r.Problems.Count} problems, nothing imported. " +
            $"第一处 / first: 第 {first.Line} 行{(first.Column.Length > 0 ? $"“{first.Column}”" : string.Empty)}：{first.Message}" +
            (reportPath is null ? "（用 --report 保存全部错误 / use --report for all of them）" : $"；错误报告 / report: {reportPath}"));
    }
}
