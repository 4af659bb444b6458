using System.CommandLine;
using System.Text;
using System.Text.Json;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Assessment.Mpi.Files;

namespace Jiuzhu.Cli;

/// <summary>
/// `jiuzhu mpi --spec spec.json --data data.csv [--k K] [--by COLUMN] [--weight COLUMN]`: the Alkire–Foster
/// multidimensional poverty index of a CSV file, as one JSON object. Needs no database, so it builds no host.
/// </summary>
internal static class MpiCommands
{
    public static Command Create()
    {
        var spec = new Option<string?>("--spec") { Description = "指标规格 JSON：k、指标、列、规则、临界值、权重 / spec: k and indicators (column, rule, cutoff, weight)" };
        var data = new Option<string?>("--data") { Description = "数据 CSV：表头加每个单位一行 / data: a header and one row per unit" };
        var k = new Option<string?>("--k") { Description = "贫困临界值，覆盖规格中的 k，如 1/3 或 0.4 / poverty cutoff, overrides the spec's k" };
        var by = new Option<string?>("--by") { Description = "分组列，输出子群分解 / subgroup column: adds the decomposition" };
        var weight = new Option<string?>("--weight") { Description = "人口权重列（如家庭人口数）/ population weight column (e.g. household size)" };
        var command = new Command("mpi", "多维贫困指数（Alkire–Foster，精确计算）/ multidimensional poverty index (exact Alkire–Foster)")
        {
            spec, data, k, by, weight,
        };
        command.SetAction(result => Run(
            result.GetValue(spec), result.GetValue(data), result.GetValue(k), result.GetValue(by), result.GetValue(weight), Console.Out));
        return command;
    }

    internal static int Run(string? specPath, string? dataPath, string? kText, string? by, string? weightColumn, TextWriter output)
    {
        if (string.IsNullOrWhiteSpace(specPath) || string.IsNullOrWhiteSpace(dataPath))
        {
            return JiuzhuCommandLine.Fail("需要 --spec 和 --data / usage: jiuzhu mpi --spec spec.json --data data.csv [--k K] [--by COLUMN] [--weight COLUMN]");
        }

        var spec = MpiSpec.Load(specPath);
        if (!spec.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(spec.Error!.Message);
        }

        var k = spec.Value.K;
        if (kText is not null && !Fraction.TryParse(kText, out k))
        {
            return JiuzhuCommandLine.Fail($"--k “{kText}”不是数或分数 / --k is not a number or fraction");
        }

        var design = spec.Value.Design(specPath);
        if (!design.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(design.Error!.Message);
        }

        var dataset = MpiDataset.Load(spec.Value, dataPath, weightColumn, by);
        if (!dataset.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(dataset.Error!.Message);
        }

        var (matrix, weights, subgroups) = dataset.Value;
        var computed = AlkireFoster.Compute(design.Value, matrix, new MpiCutoffs(k), weights, subgroups);
        if (!computed.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(kText is not null && computed.Error!.Code == "mpi.k_range"
                ? $"--k: {computed.Error.Message}"
                : $"{specPath}: {computed.Error!.Message}");
        }

        output.WriteLine(Render(computed.Value, subgroups is not null));
        return 0;
    }

    /// <summary>The documented output (docs/assessment-engine.md): keys in this order; subgroups only with --by.</summary>
    internal static string Render(MpiResult result, bool withSubgroups)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JiuzhuCommandLine.Json.Encoder }))
        {
            json.WriteStartObject();
            WriteAggregates(json, result.N, result.Q, result.H, result.A, result.M0);
            json.WriteNumber("incomplete", result.IncompleteUnits);
            json.WriteStartObject("indicators");
            foreach (var indicator in result.Indicators)
            {
                json.WriteStartObject(indicator.Name);
                Write(json, "uncensored", indicator.Uncensored);
                Write(json, "censored", indicator.Censored);
                Write(json, "contribution", indicator.Contribution * 100);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            if (withSubgroups)
            {
                json.WriteStartObject("subgroups");
                foreach (var group in result.Subgroups)
                {
                    json.WriteStartObject(group.Label);
                    WriteAggregates(json, group.N, group.Q, group.H, group.A, group.M0);
                    Write(json, "share", group.Share * 100);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteAggregates(Utf8JsonWriter json, Fraction n, Fraction q, Fraction h, Fraction a, Fraction m0)
    {
        Write(json, "n", n);
        Write(json, "q", q);
        Write(json, "H", h);
        Write(json, "A", a);
        Write(json, "M0", m0);
    }

    // Whole numbers print as integers (counts without weights), everything else as the nearest double.
    private static void Write(Utf8JsonWriter json, string name, Fraction value)
    {
        if (value.Denominator.IsOne && value.Numerator >= long.MinValue && value.Numerator <= long.MaxValue)
        {
            json.WriteNumber(name, (long)value.Numerator);
        }
        else
        {
            json.WriteNumber(name, value.ToDouble());
        }
    }
}
