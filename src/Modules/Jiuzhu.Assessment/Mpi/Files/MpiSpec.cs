using System.Globalization;
using System.Text.Json;
using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Mpi.Files;

/// <summary>How a data column becomes deprived / not deprived.</summary>
internal enum IndicatorRule
{
    /// <summary>Deprived when value &lt; cutoff (income below the line).</summary>
    Below,

    /// <summary>Deprived when value ≥ cutoff (medical spending at least a share of income).</summary>
    AtLeast,

    /// <summary>The column already holds 1 (deprived) or 0.</summary>
    Flag,
}

internal sealed record MpiSpecIndicator(string Name, string Column, IndicatorRule Rule, decimal? Cutoff, Fraction Weight, string Dimension)
{
    /// <summary>0/1 for a value of the column, or an error text (without the location).</summary>
    public bool TryClassify(string value, out byte deprived, out string? error)
    {
        deprived = 0;
        error = null;
        if (Rule == IndicatorRule.Flag)
        {
            switch (value)
            {
                case "1":
                    deprived = 1;
                    return true;
                case "0":
                    return true;
                default:
                    error = $"“{value}”不是 0 或 1 / flag must be 0 or 1";
                    return false;
            }
        }

        if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            error = $"“{value}”不是数字 / not a number";
            return false;
        }

        deprived = (Rule == IndicatorRule.Below ? number < Cutoff!.Value : number >= Cutoff!.Value) ? (byte)1 : (byte)0;
        return true;
    }
}

/// <summary>
/// The `jiuzhu mpi` spec file: k, the missing-value policy, and the indicators (column, rule, cutoff, weight,
/// optional dimension). See docs/assessment-engine.md.
/// </summary>
internal sealed record MpiSpec(Fraction K, MissingPolicy Missing, IReadOnlyList<MpiSpecIndicator> Indicators)
{
    public static Result<MpiSpec> Load(string path)
    {
        if (!File.Exists(path))
        {
            return Fail(path, "文件不存在 / file not found");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static Result<MpiSpec> Parse(string json, string file)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Fail(file, $"不是有效的 JSON（第 {ex.LineNumber + 1} 行）/ invalid JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail(file, "应为 JSON 对象 / expected a JSON object");
        }

        if (!root.TryGetProperty("k", out var kElement) || !TryFraction(kElement, out var k))
        {
            return Fail(file, "缺少 k 或 k 不是数或分数（如 \"1/3\"）/ k missing or not a number or fraction");
        }

        var missing = MissingPolicy.Incomplete;
        if (root.TryGetProperty("missing", out var missingElement))
        {
            switch (missingElement.ValueKind == JsonValueKind.String ? missingElement.GetString() : null)
            {
                case "incomplete":
                    break;
                case "reweight":
                    missing = MissingPolicy.Reweight;
                    break;
                default:
                    return Fail(file, $"missing 只能是 \"incomplete\" 或 \"reweight\"，收到 {missingElement.GetRawText()} / missing must be incomplete or reweight");
            }
        }

        if (!root.TryGetProperty("indicators", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return Fail(file, "缺少 indicators 数组 / indicators array missing or empty");
        }

        var indicators = new List<MpiSpecIndicator>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var indicator = ParseIndicator(item, $"{file}: indicators[{index++}]");
            if (!indicator.IsSuccess)
            {
                return indicator.Error!;
            }

            indicators.Add(indicator.Value);
        }

        return new MpiSpec(k, missing, indicators);
    }

    /// <summary>The engine's design: an indicator without a dimension is a dimension of its own.</summary>
    public Result<MpiDesign> Design(string file)
    {
        var design = MpiDesign.Create([.. Indicators.Select(i => new MpiIndicator(i.Name, i.Dimension, i.Weight))], Missing);
        return design.IsSuccess ? design : Fail(file, design.Error!.Message);
    }

    private static Result<MpiSpecIndicator> ParseIndicator(JsonElement item, string where)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Error.Validation("mpi.spec", $"{where}: 应为对象 / expected an object");
        }

        var name = Text(item, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            return Error.Validation("mpi.spec", $"{where}: 缺少 name / name missing");
        }

        where = $"{where} ({name})";
        var column = Text(item, "column") ?? name;
        var ruleText = Text(item, "rule");
        IndicatorRule rule;
        switch (ruleText)
        {
            case "below":
                rule = IndicatorRule.Below;
                break;
            case "at_least":
                rule = IndicatorRule.AtLeast;
                break;
            case "flag":
                rule = IndicatorRule.Flag;
                break;
            default:
                return Error.Validation("mpi.spec", $"{where}: 未知规则 \"{ruleText}\"（可用 below、at_least、flag）/ unknown rule");
        }

        decimal? cutoff = null;
        if (item.TryGetProperty("cutoff", out var cutoffElement) && cutoffElement.ValueKind != JsonValueKind.Null)
        {
            var raw = cutoffElement.ValueKind == JsonValueKind.String ? cutoffElement.GetString() : cutoffElement.GetRawText();
            if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return Error.Validation("mpi.spec", $"{where}: cutoff “{raw}”不是数字 / cutoff is not a number");
            }

            cutoff = value;
        }

        if (rule != IndicatorRule.Flag && cutoff is null)
        {
            return Error.Validation("mpi.spec", $"{where}: 规则 {ruleText} 需要 cutoff / rule {ruleText} needs a cutoff");
        }

        if (!item.TryGetProperty("weight", out var weightElement) || !TryFraction(weightElement, out var weight))
        {
            return Error.Validation("mpi.spec", $"{where}: 缺少 weight 或不是数或分数 / weight missing or not a number or fraction");
        }

        return new MpiSpecIndicator(name, column, rule, cutoff, weight, Text(item, "dimension") ?? name);
    }

    private static string? Text(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryFraction(JsonElement element, out Fraction value)
    {
        value = Fraction.Zero;
        return element.ValueKind switch
        {
            JsonValueKind.String => Fraction.TryParse(element.GetString(), out value),
            JsonValueKind.Number => Fraction.TryParse(element.GetRawText(), out value),
            _ => false,
        };
    }

    private static Error Fail(string file, string message) => Error.Validation("mpi.spec", $"{file}: {message}");
}
