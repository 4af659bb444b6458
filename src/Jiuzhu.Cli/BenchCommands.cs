using System.CommandLine;
using System.Text.Json;
using Jiuzhu.Cli.Bench;
using Jiuzhu.Cli.Demo;
using Jiuzhu.Data;

namespace Jiuzhu.Cli;

/// <summary>`jiuzhu bench registry [--persons N] [--provider sqlite|postgres]…`: scenario benchmarks that print one JSON object.</summary>
internal static class BenchCommands
{
    public static Command Create()
    {
        var persons = new Option<int>("--persons") { Description = "合成人口数 / synthetic persons to search over", DefaultValueFactory = _ => 1_000_000 };
        var import = new Option<int>("--import-households") { Description = "导入对比的户数 / households imported for the import comparison", DefaultValueFactory = _ => 100_000 };
        var repeat = new Option<int>("--repeat") { Description = "每个查询的重复次数 / runs of each query", DefaultValueFactory = _ => 20 };
        var provider = new Option<string?>("--provider") { Description = "sqlite 或 postgres（缺省取 Database:Provider）/ sqlite or postgres (default: Database:Provider)" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var database = new Option<string?>("--database") { Description = "SQLite 文件（缺省为新的临时文件）/ SQLite file (default: a new temporary file)" };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL 连接串（缺省取 Database:ConnectionString）/ PostgreSQL connection string" };
        var registry = new Command("registry", "登记库基准：百万人口检索与批量导入对比（只能在空数据库上运行）/ registry benchmark: search over a million persons, import against a bulk insert (empty database only)")
        {
            persons, import, repeat, provider, database, connection,
        };
        registry.SetAction((result, ct) => JiuzhuCommandLine.Guard(() => RunAsync(
            result.GetValue(provider), result.GetValue(database), result.GetValue(connection),
            host => new RegistryBenchmark(host.Services, Console.Error).RunAsync(
                new RegistryBenchmarkOptions(result.GetValue(persons), result.GetValue(import), result.GetValue(repeat), "371121", 20261129), ct),
            ct)));

        var households = new Option<int>("--households") { Description = "合成家庭户数 / synthetic households", DefaultValueFactory = _ => 1_000_000 };
        var assessmentProvider = new Option<string?>("--provider") { Description = "sqlite 或 postgres（缺省取 Database:Provider）/ sqlite or postgres (default: Database:Provider)" };
        assessmentProvider.AcceptOnlyFromAmong("sqlite", "postgres");
        var assessmentDatabase = new Option<string?>("--database") { Description = "SQLite 文件（缺省为新的临时文件）/ SQLite file (default: a new temporary file)" };
        var assessmentConnection = new Option<string?>("--connection") { Description = "PostgreSQL 连接串（缺省取 Database:ConnectionString）/ PostgreSQL connection string" };
        var again = new Option<bool>("--again")
        {
            Description = "在此前基准留下的数据库上再测一次工具变更后的重算（收入临界值再提高 100 元）/ on a database an earlier run left, measure the batch after one more instrument change (income line +100 yuan)",
        };
        var assessment = new Command("assessment", "评估批量重算基准：百万户得分、预警和阶段重算（只能在空数据库上运行，或用 --again）/ assessment batch benchmark: recompute a million households' scores, tiers and phases (empty database, or --again)")
        {
            households, assessmentProvider, assessmentDatabase, assessmentConnection, again,
        };
        assessment.SetAction((result, ct) => JiuzhuCommandLine.Guard(() => RunAsync(
            result.GetValue(assessmentProvider), result.GetValue(assessmentDatabase), result.GetValue(assessmentConnection),
            host => new AssessmentBenchmark(host.Services, Console.Error).RunAsync(new AssessmentBenchmarkOptions(result.GetValue(households), "371121", 20261129, result.GetValue(again)), ct),
            ct)));

        var bench = new Command("bench", "场景基准测试 / scenario benchmarks");
        bench.Subcommands.Add(registry);
        bench.Subcommands.Add(assessment);
        return bench;
    }

    // Runs a scenario on a database chosen by the options (a new temporary SQLite file unless told otherwise) and prints its result.
    private static async Task<int> RunAsync(string? provider, string? database, string? connection, Func<Microsoft.Extensions.Hosting.IHost, Task<object>> scenario, CancellationToken ct)
    {
        var overrides = new Dictionary<string, string?> { ["Demo:Enabled"] = "true" };
        string? temporary = null;
        if (provider is { } p)
        {
            overrides["Database:Provider"] = p == "postgres" ? "Postgres" : "Sqlite";
        }

        if (connection is { } c)
        {
            overrides["Database:ConnectionString"] = c;
        }

        if (provider == "sqlite" || (provider is null && database is not null))
        {
            temporary = database is null ? Path.Combine(Path.GetTempPath(), $"jiuzhu-bench-{Guid.NewGuid():N}.db") : null;
            overrides["Database:SqlitePath"] = database ?? temporary;
        }

        try
        {
            using var host = CliHost.Build(overrides);
            await JiuzhuDatabase.MigrateAsync(host.Services, ct);
            var outcome = await scenario(host);
            Console.Out.WriteLine(JsonSerializer.Serialize(outcome, JiuzhuCommandLine.Json));
            return 0;
        }
        catch (DemoSeedException ex)
        {
            return JiuzhuCommandLine.Fail(ex.Message);
        }
        finally
        {
            if (temporary is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { temporary, temporary + "-wal", temporary + "-shm" }.Where(File.Exists))
                {
                    File.Delete(file);
                }
            }
        }
    }
}
