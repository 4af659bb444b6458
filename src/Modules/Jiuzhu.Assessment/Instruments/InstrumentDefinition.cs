using System.Text.Json;
using System.Text.Json.Serialization;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Instruments;

/// <summary>How an indicator is answered.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndicatorKind>))]
public enum IndicatorKind
{
    /// <summary>A number the worker enters (yuan, percent, months…).</summary>
    Number,

    /// <summary>是 / 否.</summary>
    YesNo,

    /// <summary>One of a list of ordered options, each with an integer value.</summary>
    Choice,

    /// <summary>Computed from the members' ability-scale results (Barthel index, GB/T 42195 level).</summary>
    Scale,
}

/// <summary>The comparison that makes a value deprived.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleOperator>))]
public enum RuleOperator
{
    /// <summary>value &lt; cutoff.</summary>
    Below,

    /// <summary>value ≤ cutoff.</summary>
    AtMost,

    /// <summary>value ≥ cutoff.</summary>
    AtLeast,

    /// <summary>value &gt; cutoff.</summary>
    Above,

    /// <summary>The answer is 是 (yes/no indicators).</summary>
    Yes,

    /// <summary>The answer is 否 (yes/no indicators).</summary>
    No,

    /// <summary>The chosen option is one of <see cref="DeprivationRule.Values"/>.</summary>
    In,
}

/// <summary>Which ability scale a scale indicator reads, and which of its results.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScaleMeasure>))]
public enum ScaleMeasure
{
    /// <summary>Barthel index total, 0–100 (lower is worse).</summary>
    BarthelTotal,

    /// <summary>GB/T 42195-2022 ability level, 0 能力完好 … 4 完全失能 (higher is worse).</summary>
    ElderlyAbilityLevel,
}

/// <summary>A deprivation rule: when the answer (or the scale result) counts as deprived.</summary>
public sealed record DeprivationRule(RuleOperator Operator, decimal? Cutoff = null, IReadOnlyList<int>? Values = null)
{
    /// <summary>Whether a value is deprived under this rule (yes/no answers are 1 and 0).</summary>
    public bool IsDeprived(decimal value) => Operator switch
    {
        RuleOperator.Below => value < Cutoff!.Value,
        RuleOperator.AtMost => value <= Cutoff!.Value,
        RuleOperator.AtLeast => value >= Cutoff!.Value,
        RuleOperator.Above => value > Cutoff!.Value,
        RuleOperator.Yes => value == 1,
        RuleOperator.No => value == 0,
        RuleOperator.In => Values!.Contains((int)value) && value == decimal.Truncate(value),
        _ => throw new InvalidOperationException($"Unknown operator {Operator}"),
    };

    /// <summary>The rule in words, for the explanation shown to a social worker.</summary>
    public string Describe(IndicatorDefinition indicator)
    {
        var unit = string.IsNullOrEmpty(indicator.Unit) ? "" : " " + indicator.Unit;
        return Operator switch
        {
            RuleOperator.Below => $"低于 {Cutoff:0.##}{unit}",
            RuleOperator.AtMost => $"不高于 {Cutoff:0.##}{unit}",
            RuleOperator.AtLeast => $"不低于 {Cutoff:0.##}{unit}",
            RuleOperator.Above => $"高于 {Cutoff:0.##}{unit}",
            RuleOperator.Yes => "回答“是”",
            RuleOperator.No => "回答“否”",
            RuleOperator.In => "选择" + string.Join("、", (Values ?? []).Select(v => $"“{indicator.Options?.FirstOrDefault(o => o.Value == v)?.Label ?? v.ToString(System.Globalization.CultureInfo.InvariantCulture)}”")),
            _ => Operator.ToString(),
        };
    }
}

/// <summary>An option of a choice indicator.</summary>
public sealed record ChoiceOption(int Value, string Label);

/// <summary>
/// One indicator: its question in Chinese, how it is answered, its share of the dimension's weight, and the rule
/// that makes a household deprived in it.
/// </summary>
public sealed record IndicatorDefinition(
    string Code,
    string Name,
    string Question,
    IndicatorKind Kind,
    string Share,
    DeprivationRule Rule,
    string? Unit = null,
    IReadOnlyList<ChoiceOption>? Options = null,
    ScaleMeasure? Scale = null,
    string? Help = null);

/// <summary>A dimension: its weight, its indicators and what a missing answer does.</summary>
public sealed record DimensionDefinition(
    string Code,
    string Name,
    string Weight,
    MissingPolicy Missing,
    IReadOnlyList<IndicatorDefinition> Indicators);

/// <summary>
/// The content of one instrument version: dimensions with nested weights, indicators with their rules, and the
/// poverty cutoff k. Weights and k are exact fractions written as text ("1/8", "0.25").
/// </summary>
public sealed record InstrumentDefinition(string K, IReadOnlyList<DimensionDefinition> Dimensions)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Indicators in column order (dimension by dimension).</summary>
    public IEnumerable<IndicatorDefinition> Indicators => Dimensions.SelectMany(d => d.Indicators);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Result<InstrumentDefinition> FromJson(string json)
    {
        InstrumentDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<InstrumentDefinition>(json, Json);
        }
        catch (JsonException e)
        {
            return Error.Validation("instrument.bad_json", $"评估工具定义不是有效的 JSON：{e.Message}");
        }

        if (definition is null)
        {
            return Error.Validation("instrument.bad_json", "评估工具定义为空");
        }

        var valid = definition.Validate();
        return valid.IsSuccess ? definition : valid.Error!;
    }

    /// <summary>
    /// Checks everything a published version must satisfy: codes unique, fractions valid, dimension weights summing
    /// to 1 and shares within each dimension summing to 1, a rule that fits the indicator's kind. Every problem is
    /// reported at once, in Chinese.
    /// </summary>
    public Result Validate()
    {
        var problems = new List<string>();
        if (!Fraction.TryParse(K, out var k) || k.Sign <= 0 || k > Fraction.One)
        {
            problems.Add($"贫困临界值 k“{K}”必须是 0 到 1 之间的分数或小数（大于 0）");
        }

        if (Dimensions is null || Dimensions.Count == 0)
        {
            problems.Add("至少需要一个维度");
            return Fail(problems);
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var weightSum = Fraction.Zero;
        var count = 0;
        foreach (var d in Dimensions)
        {
            var label = $"维度“{d.Name}”";
            if (string.IsNullOrWhiteSpace(d.Code) || !codes.Add("d:" + d.Code))
            {
                problems.Add($"{label}的代码为空或重复");
            }

            if (string.IsNullOrWhiteSpace(d.Name))
            {
                problems.Add($"维度 {d.Code} 缺少名称");
            }

            if (!Fraction.TryParse(d.Weight, out var w) || w.Sign <= 0)
            {
                problems.Add($"{label}的权重“{d.Weight}”必须是大于 0 的分数或小数");
            }
            else
            {
                weightSum += w;
            }

            if (d.Indicators is null || d.Indicators.Count == 0)
            {
                problems.Add($"{label}至少需要一个指标");
                continue;
            }

            var shareSum = Fraction.Zero;
            foreach (var i in d.Indicators)
            {
                count++;
                ValidateIndicator(i, codes, problems, ref shareSum);
            }

            if (shareSum != Fraction.One)
            {
                problems.Add($"{label}内各指标份额之和必须等于 1，现在是 {shareSum}");
            }
        }

        if (weightSum != Fraction.One)
        {
            problems.Add($"各维度权重之和必须等于 1，现在是 {weightSum}");
        }

        if (count > MpiDesign.MaxIndicators)
        {
            problems.Add($"指标最多 {MpiDesign.MaxIndicators} 个，现在有 {count} 个");
        }

        return problems.Count == 0 ? Result.Ok() : Fail(problems);
    }

    private static void ValidateIndicator(IndicatorDefinition i, HashSet<string> codes, List<string> problems, ref Fraction shareSum)
    {
        var label = $"指标“{i.Name}”";
        if (string.IsNullOrWhiteSpace(i.Code) || !codes.Add("i:" + i.Code))
        {
            problems.Add($"{label}的代码为空或重复");
        }

        if (string.IsNullOrWhiteSpace(i.Name) || string.IsNullOrWhiteSpace(i.Question))
        {
            problems.Add($"指标 {i.Code} 缺少名称或问题");
        }

        if (!Fraction.TryParse(i.Share, out var share) || share.Sign <= 0)
        {
            problems.Add($"{label}的份额“{i.Share}”必须是大于 0 的分数或小数");
        }
        else
        {
            shareSum += share;
        }

        if (i.Rule is null)
        {
            problems.Add($"{label}缺少剥夺规则");
            return;
        }

        var comparison = i.Rule.Operator is RuleOperator.Below or RuleOperator.AtMost or RuleOperator.AtLeast or RuleOperator.Above;
        switch (i.Kind)
        {
            case IndicatorKind.Number when !comparison || i.Rule.Cutoff is null:
                problems.Add($"{label}是数值题，规则须为低于/不高于/不低于/高于某个临界值");
                break;
            case IndicatorKind.YesNo when i.Rule.Operator is not (RuleOperator.Yes or RuleOperator.No):
                problems.Add($"{label}是是非题，规则须为“是”或“否”");
                break;
            case IndicatorKind.Choice when i.Options is null || i.Options.Count < 2:
                problems.Add($"{label}是选择题，至少需要两个选项");
                break;
            case IndicatorKind.Choice when i.Options.Select(o => o.Value).Distinct().Count() != i.Options.Count:
                problems.Add($"{label}的选项取值重复");
                break;
            case IndicatorKind.Choice when i.Rule.Operator == RuleOperator.In
                && (i.Rule.Values is null || i.Rule.Values.Count == 0 || i.Rule.Values.Any(v => i.Options.All(o => o.Value != v))):
                problems.Add($"{label}的剥夺选项必须是已列出的选项");
                break;
            case IndicatorKind.Choice when i.Rule.Operator != RuleOperator.In && (!comparison || i.Rule.Cutoff is null):
                problems.Add($"{label}是选择题，规则须为“选择某些选项”或与临界值比较");
                break;
            case IndicatorKind.Scale when i.Scale is null:
                problems.Add($"{label}是量表题，须指明量表（Barthel 指数或老年人能力等级）");
                break;
            case IndicatorKind.Scale when !comparison || i.Rule.Cutoff is null:
                problems.Add($"{label}是量表题，规则须与临界值比较");
                break;
        }
    }

    private static Result Fail(List<string> problems) =>
        Error.Validation("instrument.invalid", string.Join("；", problems));

    /// <summary>The Alkire–Foster design of this definition (call on a validated definition).</summary>
    public MpiDesign ToDesign()
    {
        var dimensions = Dimensions
            .Select(d => new MpiDimension(
                d.Code,
                Fraction.Parse(d.Weight),
                [.. d.Indicators.Select(i => new MpiIndicatorShare(i.Code, Fraction.Parse(i.Share)))],
                d.Missing))
            .ToList();
        var design = MpiDesign.Nested(dimensions);
        return design.IsSuccess ? design.Value! : throw new InvalidOperationException(design.Error!.Message);
    }

    public MpiCutoffs Cutoffs => new(Fraction.Parse(K));
}
