using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Jiuzhu.Matching;
using Jiuzhu.Matching.Files;

namespace Jiuzhu.Cli;

/// <summary>
/// `jiuzhu match --needs needs.csv --providers providers.csv [--minutes 15] [--speed 1.0] [--detour 1.3] --out
/// assignment.csv`: the optimal assignment of needs to providers within reach (docs/matching.md), one JSON summary on
/// stdout. Needs no database, so it builds no host.
/// </summary>
internal static class MatchCommands
{
    public static Command Create()
    {
        var needs = new Option<string?>("--needs") { Description = "需求 CSV：need_id,lat,lon,item,priority（1 最紧急）/ needs: need_id,lat,lon,item,priority (1 most urgent)" };
        var providers = new Option<string?>("--providers") { Description = "服务机构 CSV：provider_id,lat,lon,items（分号分隔）,capacity / providers: provider_id,lat,lon,items (semicolon-separated),capacity" };
        var minutes = new Option<double>("--minutes") { Description = "可达时间（分钟）/ reach in minutes", DefaultValueFactory = _ => Reach.Walking.Minutes };
        var speed = new Option<double>("--speed") { Description = "速度（米/秒）/ speed in metres per second", DefaultValueFactory = _ => Reach.Walking.MetresPerSecond };
        var detour = new Option<double>("--detour") { Description = "绕行系数 / detour factor over the straight line", DefaultValueFactory = _ => Reach.Walking.DetourFactor };
        var output = new Option<string?>("--out") { Description = "分配结果 CSV：need_id,provider_id,distance_m / assignment output" };
        var command = new Command("match", "需求与服务机构最优匹配（先红、再黄、再绿，再最短总距离）/ optimal needs-to-providers matching")
        {
            needs, providers, minutes, speed, detour, output,
        };
        command.SetAction(result => Run(
            result.GetValue(needs), result.GetValue(providers),
            new Reach(result.GetValue(minutes), result.GetValue(speed), result.GetValue(detour)),
            result.GetValue(output), Console.Out));
        return command;
    }

    internal static int Run(string? needsPath, string? providersPath, Reach reach, string? outPath, TextWriter stdout)
    {
        var clock = Stopwatch.StartNew();
        if (string.IsNullOrWhiteSpace(needsPath) || string.IsNullOrWhiteSpace(providersPath) || string.IsNullOrWhiteSpace(outPath))
        {
            return JiuzhuCommandLine.Fail("需要 --needs、--providers 和 --out / usage: jiuzhu match --needs needs.csv --providers providers.csv [--minutes 15] [--speed 1.0] [--detour 1.3] --out assignment.csv");
        }

        if (reach.Problem is { } problem)
        {
            return JiuzhuCommandLine.Fail($"--minutes/--speed/--detour: {problem}");
        }

        var needs = MatchFiles.ReadNeeds(needsPath);
        if (!needs.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(needs.Error!.Message);
        }

        var providers = MatchFiles.ReadProviders(providersPath);
        if (!providers.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(providers.Error!.Message);
        }

        var edges = ItemEdges.Build(needs.Value, providers.Value, reach);
        var result = Matcher.Solve(new MatchingProblem(
            [.. needs.Value.Select(n => n.Priority)], [.. providers.Value.Select(p => p.Capacity)], edges));
        WriteAssignment(outPath, needs.Value, providers.Value, result);
        stdout.WriteLine(Render(result, clock.Elapsed.TotalSeconds));
        return 0;
    }

    /// <summary>Writes beside the target and renames, so a failed run never leaves a partial file.</summary>
    private static void WriteAssignment(string path, List<NeedRow> needs, List<ProviderRow> providers, MatchingResult result)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            writer.NewLine = "\n";
            writer.WriteLine("need_id,provider_id,distance_m");
            for (var i = 0; i < needs.Count; i++)
            {
                var r = result.ResourceOf(i);
                if (r >= 0)
                {
                    writer.WriteLine($"{Csv(needs[i].Id)},{Csv(providers[r].Id)},{Metres(result.MillimetresOf(i)).ToString("0.000", CultureInfo.InvariantCulture)}");
                }
            }
        }

        File.Move(temporary, full, overwrite: true);
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static decimal Metres(long millimetres) => millimetres / 1000m;

    /// <summary>The documented summary (docs/matching.md), keys in this order.</summary>
    internal static string Render(MatchingResult result, double seconds)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JiuzhuCommandLine.Json.Encoder }))
        {
            json.WriteStartObject();
            json.WriteNumber("needs", result.NeedCount);
            json.WriteNumber("assigned", result.Assigned);
            json.WriteNumber("unassigned", result.Unassigned);
            json.WriteNumber("total_distance_m", Metres(result.TotalMillimetres));
            json.WriteStartObject("by_priority");
            for (var p = 1; p <= MatchingProblem.LowestPriority; p++)
            {
                var count = result.ByPriority(p);
                json.WriteStartObject(p.ToString(CultureInfo.InvariantCulture));
                json.WriteNumber("needs", count.Needs);
                json.WriteNumber("assigned", count.Assigned);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteNumber("seconds", Math.Round(seconds, 3));
            json.WriteStartObject("unassigned_reasons");
            var reasons = Enumerable.Range(0, result.NeedCount).Select(result.ReasonOf).ToList();
            json.WriteNumber("no_provider_in_reach", reasons.Count(r => r == UnassignedReason.NoResourceInReach));
            json.WriteNumber("capacity_full", reasons.Count(r => r == UnassignedReason.CapacityFull));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
