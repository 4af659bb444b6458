using System.CommandLine;
using System.Text.Json;
using Jiuzhu.Catalog;
using Jiuzhu.Data;
using Jiuzhu.Kernel;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

/// <summary>`jiuzhu catalog import [--file &lt;json&gt;]`: puts the national base catalog in place (idempotent).</summary>
public static class CatalogCommands
{
    internal static Command Create()
    {
        var file = new Option<string?>("--file")
        {
            Description = "服务目录文件（jiuzhu-catalog/1），缺省为 ../shared/data/catalog.json / catalog file (default: the shared one)",
        };
        var import = new Command("import", "载入国家基本目录中缺少的项目、服务包和职能划分（可重复执行）/ add what the national base lacks (idempotent)") { file };
        import.SetAction((result, ct) => JiuzhuCommandLine.Guard(() => ImportAsync(result.GetValue(file), null, Console.Out, ct)));

        var catalog = new Command("catalog", "服务目录 / service catalog");
        catalog.Subcommands.Add(import);
        return catalog;
    }

    internal static async Task<int> ImportAsync(string? file, IDictionary<string, string?>? overrides, TextWriter output, CancellationToken ct)
    {
        using var host = CliHost.Build(overrides);
        await JiuzhuDatabase.MigrateAsync(host.Services, ct);
        var seeded = await EnsureNationalBaseAsync(host.Services, file, ct);
        if (!seeded.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(seeded.Error!.Message);
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(seeded.Value, JiuzhuCommandLine.Json));
        return 0;
    }

    /// <summary>
    /// Adds what the national base lacks from the catalog file (the configured one, else ../shared/data/catalog.json), as
    /// the platform itself. Used on every start of the web host, by the demo seed and by `jiuzhu catalog import`.
    /// </summary>
    public static async Task<Result<CatalogSeedResult>> EnsureNationalBaseAsync(IServiceProvider services, string? file, CancellationToken ct = default)
    {
        var path = string.IsNullOrWhiteSpace(file) ? SharedDataFolder.Find(SharedDataFolder.Catalog) : file;
        if (path is null || !File.Exists(path))
        {
            return Error.NotFound("catalog.file_not_found",
                $"找不到服务目录文件 {path ?? "../shared/data/" + SharedDataFolder.Catalog}，请设置 Catalog:File 或用 --file 指定 / catalog file not found");
        }

        var parsed = await CatalogFile.LoadAsync(path, ct);
        if (!parsed.IsSuccess)
        {
            return parsed.Error!;
        }

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = FixedActor.System("catalog-seed");
        return await scope.ServiceProvider.GetRequiredService<CatalogSeeder>().EnsureNationalBaseAsync(parsed.Value, ct);
    }
}
