using Jiuzhu.Assessment;
using Jiuzhu.Assessment.Batch;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli.Demo;

/// <summary>
/// Synthetic assessment answers, drawn to fit a household's need flags (a seriously ill member makes serious illness
/// and high medical spending likely, a dependent member a low Barthel…), so that every tier and phase occurs.
/// </summary>
internal static class DemoAssessments
{
    public static AssessmentAnswers Answers(NeedFlags needs, Random random)
    {
        decimal? YesNo(double p) => random.NextDouble() < p ? 1 : 0;
        var ill = needs.HasFlag(NeedFlags.SeriouslyIll);
        var disabled = needs.HasFlag(NeedFlags.SevereDisability);
        var child = needs.HasFlag(NeedFlags.ChildInDifficulty) || needs.HasFlag(NeedFlags.LeftBehindChild);
        var alone = needs.HasFlag(NeedFlags.ElderlyLivingAlone);
        var values = new Dictionary<string, decimal?>
        {
            ["income"] = random.Next(needs.HasFlag(NeedFlags.WorkingAgeAble) ? 600 : 300, 2600),
            ["rigid_spending"] = random.Next(0, ill ? 80 : 60),
            ["serious_illness"] = ill ? 1 : YesNo(0.05),
            ["severe_disability"] = disabled ? 1 : 0,
            ["barthel"] = needs.HasFlag(NeedFlags.Dependent) ? null : InstrumentEvaluation.NotApplicable,
            ["elderly_ability"] = InstrumentEvaluation.NotApplicable,
            ["school_dropout"] = child ? YesNo(0.1) : 0,
            ["adult_schooling"] = random.Next(1, 6),
            ["unsafe_housing"] = YesNo(0.12),
            ["water_sanitation"] = YesNo(0.15),
            ["no_stable_work"] = needs.HasFlag(NeedFlags.LongTermUnemployed) ? 1 : YesNo(0.2),
            ["no_caregiver"] = alone || needs.HasFlag(NeedFlags.Dependent) ? YesNo(0.5) : 0,
            ["child_guardianship"] = child ? YesNo(0.15) : 0,
            ["no_support_network"] = YesNo(alone ? 0.4 : 0.15),
            ["isolation"] = alone ? YesNo(0.6) : YesNo(0.1),
        };

        // A dependent member has a Barthel index recorded only in a real assessment (with the person); here the worker
        // left it open, and the dimension's other indicator carries its weight.
        return new AssessmentAnswers(values, [], null);
    }

    /// <summary>
    /// Gives every household of the county without an assessment one, recorded as made before the platform (imported),
    /// and computes the standings, tiers and phases with the batch, as a county moving onto the platform would.
    /// </summary>
    public static async Task<int> EnsureAsync(IServiceProvider services, RegionCode county, int seed, TextWriter progress, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorOverride>().Actor = FixedActor.System("demo-seed");
        var data = sp.GetRequiredService<IAssessmentData>();
        var prefix = county.Prefix;
        if (await data.Assessments.AnyAsync(a => a.RegionCode.StartsWith(prefix), ct))
        {
            return 0;
        }

        var households = await sp.GetRequiredService<IRegistryData>().Households.AsNoTracking()
            .Where(h => h.RegionCode.StartsWith(prefix) && h.MergedIntoId == null)
            .OrderBy(h => h.Id)
            .Select(h => new { h.Id, h.RegionCode, h.Needs })
            .ToListAsync(ct);
        if (households.Count == 0)
        {
            return 0;
        }

        progress.WriteLine($"生成 {households.Count} 份演示评估并计算预警等级 / assessing {households.Count} demo households and computing their tiers…");
        var instrument = await sp.GetRequiredService<InstrumentCatalog>().EnsureDefaultAsync(ct);
        var protector = sp.GetRequiredService<IFieldProtector>();
        var system = FixedActor.System("demo-seed");
        var random = new Random(seed);
        var when = sp.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-30);
        var rows = households.Select(h =>
        {
            var a = new HouseholdAssessment(h.Id, null, h.RegionCode, instrument, system, when);
            a.RecordImported(protector.Protect(Answers(h.Needs, random).ToJson()), when);
            return a;
        }).ToList();
        await using (var tx = await data.Database.BeginTransactionAsync(ct))
        {
            await StandingBulkWriter.WriteAssessmentsAsync(data, rows, ct);
            await tx.CommitAsync(ct);
        }

        var batch = await sp.GetRequiredService<StandingBatch>().RunAsync(ct);
        return batch.IsSuccess ? rows.Count : throw new DemoSeedException($"演示评估重算失败 / demo recomputation failed: {batch.Error!.Message}");
    }
}
