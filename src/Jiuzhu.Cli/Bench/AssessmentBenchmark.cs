using System.Diagnostics;
using Jiuzhu.Assessment;
using Jiuzhu.Assessment.Batch;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Cli.Demo;
using Jiuzhu.Data;
using Jiuzhu.Geo.Data;
using Jiuzhu.Geo.ImportRegions;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Jiuzhu.Registry.ImportHouseholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli.Bench;

/// <summary>What `jiuzhu bench assessment` was asked to do.</summary>
internal sealed record AssessmentBenchmarkOptions(int Households, string County, int Seed, bool Again = false);

/// <summary>
/// Scenario benchmark of issue #4's batch: on an empty database, loads the demo county's regions, the given number of
/// households and one submitted assessment each (encrypted answers, written with the bulk path), then times the batch
/// recomputation of every household's score, tier and phase: first with no standings yet, then after a new instrument
/// version is published (the income cutoff raised), which is the case the 10-second goal is about. Prints one JSON object.
/// </summary>
internal sealed class AssessmentBenchmark(IServiceProvider services, TextWriter progress)
{
    private const int Chunk = 50_000;

    public async Task<object> RunAsync(AssessmentBenchmarkOptions options, CancellationToken ct)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        int existing;
        await using (var scope = services.CreateAsyncScope())
        {
            existing = await scope.ServiceProvider.GetRequiredService<IRegistryData>().Households.IgnoreQueryFilters().CountAsync(ct);
        }

        if (options.Again)
        {
            if (existing == 0)
            {
                throw new DemoSeedException("--again 需要此前基准留下的数据库 / --again needs the database an earlier run left");
            }

            var line = await PublishNewVersionAsync(ct);
            progress.WriteLine($"已发布评估工具新版本（收入临界值 {line} 元）；批量重算… / published a new instrument version (income line {line}); batch…");
            var again = await RecomputeAsync(ct);
            progress.WriteLine($"  {again.Seconds["total"]:F2} s");
            return new { scenario = "assessment-batch-again", provider = database.IsPostgres ? "postgres" : "sqlite", households = existing, afterInstrumentChange = again };
        }

        if (existing > 0)
        {
            throw new DemoSeedException("基准测试只能在空数据库上运行 / the benchmark needs a database without households");
        }

        var county = RegionCode.Parse(options.County);
        var villages = await EnsureRegionsAsync(county, ct);
        var watch = Stopwatch.StartNew();
        await SeedAsync(villages, options, ct);
        var seedSeconds = Math.Round(watch.Elapsed.TotalSeconds, 2);

        progress.WriteLine("批量重算（首次，尚无结果）/ batch: first run, no standings yet…");
        var first = await RecomputeAsync(ct);
        progress.WriteLine($"  {first.Seconds["total"]:F2} s");

        progress.WriteLine("发布评估工具第 2 版（收入临界值 900 → 1000 元）/ publishing instrument version 2 (income cutoff 900 → 1000)…");
        await PublishNewVersionAsync(ct);
        progress.WriteLine("批量重算（工具变更后）/ batch after the instrument change…");
        var second = await RecomputeAsync(ct);
        progress.WriteLine($"  {second.Seconds["total"]:F2} s");

        return new
        {
            scenario = "assessment-batch",
            provider = database.IsPostgres ? "postgres" : "sqlite",
            county = county.Prefix,
            villages = villages.Count,
            households = options.Households,
            seedSeconds,
            first,
            afterInstrumentChange = second,
        };
    }

    private async Task<BatchResult> RecomputeAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StandingBatch>().RunAsync(ct);
        return result.IsSuccess ? result.Value : throw new DemoSeedException(result.Error!.Message);
    }

    // Raises the income line by 100 yuan (900 → 1,000 on the first change), so every change moves a similar share of households.
    private async Task<decimal> PublishNewVersionAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorOverride>().Actor = new FixedActor(ActorKind.User, Guid.NewGuid(), "bench", [Roles.RegionalAdmin], null);
        var catalog = sp.GetRequiredService<InstrumentCatalog>();
        var current = await catalog.CurrentAsync(DefaultInstrument.Code, ct);
        var draft = (await catalog.NewVersionAsync(current.Id, ct)).Value;
        var definition = (await catalog.GetAsync(draft.Id, ct)).Value.Definition;
        var line = definition.Indicators.Single(i => i.Code == "income").Rule.Cutoff!.Value + 100m;
        var changed = definition with
        {
            Dimensions = [.. definition.Dimensions.Select(d => d with
            {
                Indicators = [.. d.Indicators.Select(i => i.Code == "income" ? i with { Rule = i.Rule with { Cutoff = line } } : i)],
            })],
        };
        var edited = (await catalog.EditAsync(draft.Id, draft.Name, changed, draft.ConcurrencyStamp, ct)).Value;
        var published = await catalog.PublishAsync(edited.Id, edited.ConcurrencyStamp, ct);
        if (!published.IsSuccess)
        {
            throw new DemoSeedException(published.Error!.Message);
        }

        return line;
    }

    private Task<List<DemoVillage>> EnsureRegionsAsync(RegionCode county, CancellationToken ct) =>
        BenchRegions.EnsureAsync(services, county, progress, ct);

    // Households (without members: the batch reads households' need flags, not persons) and one imported, submitted
    // assessment each, with answers drawn so that every tier and phase occurs.
    private async Task SeedAsync(List<DemoVillage> villages, AssessmentBenchmarkOptions options, CancellationToken ct)
    {
        Instrument instrument;
        await using (var scope = services.CreateAsyncScope())
        {
            instrument = await scope.ServiceProvider.GetRequiredService<InstrumentCatalog>().EnsureDefaultAsync(ct);
        }

        var random = new Random(options.Seed);
        var categories = Enum.GetValues<AssistanceCategory>();
        var system = FixedActor.System("bench");
        var written = 0;
        var watch = Stopwatch.StartNew();
        while (written < options.Households)
        {
            var count = Math.Min(Chunk, options.Households - written);
            var now = DateTimeOffset.UtcNow;
            var households = new List<Household>(count);
            var needs = new NeedFlags[count];
            var answers = new AssessmentAnswers[count];
            for (var i = 0; i < count; i++)
            {
                var village = villages[random.Next(villages.Count)];
                households.Add(new Household(RegionCode.Parse(village.Code), $"{village.Name}{random.Next(1, 300)}号", categories[random.Next(categories.Length)], now));
                needs[i] = Needs(random);
                answers[i] = DemoAssessments.Answers(needs[i], random);
            }

            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var protector = sp.GetRequiredService<IFieldProtector>();
            var assessments = new HouseholdAssessment[count];
            Parallel.For(0, count, i =>
            {
                var a = new HouseholdAssessment(households[i].Id, null, households[i].RegionCode, instrument, system, now);
                a.RecordImported(protector.Protect(answers[i].ToJson()), now);
                assessments[i] = a;
            });

            var registry = sp.GetRequiredService<IRegistryData>();
            await using var tx = await registry.Database.BeginTransactionAsync(ct);
            await HouseholdBulkWriter.InsertAsync(registry, households, ct);
            await StandingBulkWriter.WriteAssessmentsAsync(sp.GetRequiredService<IAssessmentData>(), assessments, ct);
            var ids = households.Select(h => h.Id).ToList();
            for (var flag = 0; flag < 13; flag++)
            {
                var bit = (NeedFlags)(1 << flag);
                foreach (var marked in ids.Where((_, i) => needs[i].HasFlag(bit)).Chunk(2_000))
                {
                    await registry.Households.Where(h => marked.Contains(h.Id)).ExecuteUpdateAsync(u => u.SetProperty(h => h.Needs, h => h.Needs | bit), ct);
                }
            }

            await tx.CommitAsync(ct);
            written += count;
            progress.WriteLine($"  {written:N0} / {options.Households:N0} households and assessments written ({watch.Elapsed.TotalSeconds:F0} s)");
        }
    }

    private static NeedFlags Needs(Random random)
    {
        var needs = NeedFlags.None;
        if (random.NextDouble() < 0.4)
        {
            needs |= NeedFlags.WorkingAgeAble;
        }

        if (random.NextDouble() < 0.15)
        {
            needs |= NeedFlags.ElderlyLivingAlone;
        }

        if (random.NextDouble() < 0.1)
        {
            needs |= NeedFlags.Dependent;
        }

        if (random.NextDouble() < 0.1)
        {
            needs |= NeedFlags.SeriouslyIll;
        }

        return needs;
    }
}
