using Jiuzhu.Cli;
using Jiuzhu.Geo.ImportRegions;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Geo;

/// <summary>The shared division files, small hand-written ones, and the importer running as the command line does.</summary>
internal static class GeoFixtures
{
    public const string Wulian = "371121";

    /// <summary>../shared/data/divisions from the repository root.</summary>
    public static string SharedDivisions
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Jiuzhu.slnx")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "divisions"));
                }
            }

            throw new DirectoryNotFoundException("Repository root (Jiuzhu.slnx) not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Runs the importer in a command-line host on the test database, as the system actor.</summary>
    public static async Task<Result<RegionImportResult>> ImportAsync(TestDatabase db, string directory, params string[] counties)
    {
        var settings = new Dictionary<string, string?>(db.Settings) { ["Demo:Enabled"] = "true" };
        using var host = CliHost.Build(settings);
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegionImporter>().ImportAsync(directory, counties);
    }

    /// <summary>Everything an import could touch, to prove a refused import changed nothing.</summary>
    public static async Task<string> SnapshotAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        var regions = await context.Regions.AsNoTracking().OrderBy(r => r.Code)
            .Select(r => r.Code + "|" + r.Name + "|" + r.Level + "|" + r.ParentCode + "|" + r.Kind + "|" + r.Latitude + "|" + r.Longitude + "|" + r.Boundary)
            .ToListAsync();
        var audit = await context.AuditEntries.IgnoreQueryFilters().CountAsync();
        return $"{audit} audit entries\n{string.Join('\n', regions)}";
    }

    /// <summary>A temporary folder with the five division files; each argument is a file's data lines (header added).</summary>
    public sealed class Folder : IDisposable
    {
        public Folder(string[] provinces, string[] cities, string[] areas, string[] streets, string[] villages, string villagesFile = "villages.csv")
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "jiuzhu-tests", "divisions-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
            Write("provinces.csv", "code,name", provinces);
            Write("cities.csv", "code,name,provinceCode", cities);
            Write("areas.csv", "code,name,cityCode,provinceCode", areas);
            Write("streets.csv", "code,name,areaCode,provinceCode,cityCode", streets);
            Write(villagesFile, "code,name,streetCode,provinceCode,cityCode,areaCode", villages);
        }

        public string Path { get; }

        /// <summary>五莲县's first rows: 洪凝街道 with two communities, 街头镇 with one village.</summary>
        public static Folder Small(string[]? streets = null, string[]? villages = null) => new(
            ["37,\"山东省\""],
            ["3711,\"日照市\",37"],
            ["371121,\"五莲县\",3711,37"],
            streets ?? ["371121001,\"洪凝街道\",371121,37,3711", "371121102,\"街头镇\",371121,37,3711"],
            villages ??
            [
                "371121001001,\"洪凝社区居民委员会\",371121001,37,3711,371121",
                "371121001002,\"集后社区居民委员会\",371121001,37,3711,371121",
                "371121102201,\"后街头村村民委员会\",371121102,37,3711,371121",
            ]);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }

        private void Write(string name, string header, string[] lines) =>
            File.WriteAllText(System.IO.Path.Combine(Path, name), header + "\n" + string.Join("\n", lines) + "\n");
    }
}
