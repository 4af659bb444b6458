using System.CommandLine;
using System.Text.Json;
using Jiuzhu.Assessment.Batch;
using Jiuzhu.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

/// <summary>`jiuzhu assessment recompute`: the batch recomputation of every household's score, tier and phase.</summary>
internal static class AssessmentCommands
{
    public static Command Create()
    {
        var recompute = new Command("recompute",
            "按现行评估工具版本和政策重算全部家庭的得分、预警等级和阶段（原子切换）/ recompute every household's score, tier and phase under the instrument version and policies in force (atomic switch)");
        recompute.SetAction((_, ct) => JiuzhuCommandLine.Guard(() => RecomputeAsync(null, Console.Out, ct)));
        var assessment = new Command("assessment", "需求评估 / needs assessment");
        assessment.Subcommands.Add(recompute);
        return assessment;
    }

    internal static async Task<int> RecomputeAsync(IDictionary<string, string?>? overrides, TextWriter output, CancellationToken ct)
    {
        using var host = CliHost.Build(overrides);
        await JiuzhuDatabase.MigrateAsync(host.Services, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StandingBatch>().RunAsync(ct);
        if (!result.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(result.Error!.Message);
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(result.Value, JiuzhuCommandLine.Json));
        return 0;
    }
}
