using System.CommandLine;
using Jiuzhu.Data;
using Jiuzhu.Geo.ImportRegions;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

/// <summary>`jiuzhu regions import --dir &lt;folder&gt; [--county 371121]…`: loads the national division list.</summary>
internal static class RegionsCommands
{
    public static Command Create()
    {
        var dir = new Option<string>("--dir")
        {
            Description = "区划文件所在文件夹 / folder with provinces.csv, cities.csv, areas.csv, streets.csv and villages.csv.gz",
            Required = true,
        };
        var county = new Option<string[]>("--county")
        {
            Description = "只导入这些县（6 位代码，可重复）/ import only these counties (6-digit code, repeatable)",
        };
        var import = new Command("import", "导入统计用区划代码（可重复执行）/ import the division codes (idempotent)") { dir, county };
        import.SetAction((result, ct) => JiuzhuCommandLine.Guard(async () =>
        {
            var folder = result.GetValue(dir) ?? string.Empty;
            var counties = result.GetValue(county) ?? [];
            using var host = CliHost.Build();
            await JiuzhuDatabase.MigrateAsync(host.Services, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<RegionImporter>();
            var outcome = await importer.ImportAsync(folder, counties, new ConsoleProgress(), ct);
            if (!outcome.IsSuccess)
            {
                return JiuzhuCommandLine.Fail(outcome.Error!.Message);
            }

            var r = outcome.Value;
            JiuzhuCommandLine.WriteResult(new { files = r.Files, read = r.Read, inserted = r.Inserted, updated = r.Updated, unchanged = r.Unchanged, merged = r.Merged, notInFiles = r.NotInFiles, seconds = r.Seconds });
            return 0;
        }));

        var regions = new Command("regions", "行政区划 / regions");
        regions.Subcommands.Add(import);
        return regions;
    }

    // Progress<T> posts to the thread pool, so lines could arrive after the JSON result; this writes at once.
    private sealed class ConsoleProgress : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine(value);
    }
}
