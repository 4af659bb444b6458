using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Scales;

/// <summary>A scored scale result whose named measures ("total", "level", …) a rule can read.</summary>
public interface IScaleResult
{
    /// <summary>The scale's key: <see cref="BarthelIndex.Key"/> or <see cref="ElderlyAbility.Key"/>.</summary>
    string Scale { get; }

    bool TryGetMeasure(string measure, out int value);
}

/// <summary>How a measure is compared with the threshold.</summary>
public enum ScaleComparison
{
    Below, // value < threshold
    AtMost, // value ≤ threshold
    AtLeast, // value ≥ threshold
    Above, // value > threshold
}

/// <summary>
/// Turns a scale result into an indicator's deprivation, as plain data an instrument can store:
/// {"scale": "gbt42195", "measure": "level", "comparison": "at_least", "threshold": 2} is "deprived if the
/// GB/T 42195 level is 2 (中度失能) or worse"; {"scale": "barthel", "measure": "total", "comparison": "at_most",
/// "threshold": 60} is "deprived if the Barthel total is 60 or less".
/// </summary>
public sealed record ScaleRule(string Scale, string Measure, ScaleComparison Comparison, int Threshold)
{
    /// <summary>Checks that the scale and measure exist.</summary>
    public static Result<ScaleRule> Create(string scale, string measure, ScaleComparison comparison, int threshold)
    {
        var measures = scale switch
        {
            BarthelIndex.Key => BarthelIndex.Measures,
            ElderlyAbility.Key => ElderlyAbility.Measures,
            _ => null,
        };
        if (measures is null)
        {
            return Error.Validation("scale_rule.unknown_scale", $"未知量表“{scale}”（可用 {BarthelIndex.Key}、{ElderlyAbility.Key}）");
        }

        if (!measures.Contains(measure))
        {
            return Error.Validation("scale_rule.unknown_measure", $"量表“{scale}”没有“{measure}”这一结果（可用 {string.Join("、", measures)}）");
        }

        return new ScaleRule(scale, measure, comparison, threshold);
    }

    /// <summary>Deprived or not; <see cref="Deprivation.Missing"/> when the person has no result of this scale.</summary>
    public Deprivation Evaluate(IScaleResult? result)
    {
        if (result is null)
        {
            return Deprivation.Missing;
        }

        if (result.Scale != Scale || !result.TryGetMeasure(Measure, out var value))
        {
            throw new ArgumentException($"A {result.Scale} result cannot answer the rule on {Scale}.{Measure}.", nameof(result));
        }

        var deprived = Comparison switch
        {
            ScaleComparison.Below => value < Threshold,
            ScaleComparison.AtMost => value <= Threshold,
            ScaleComparison.AtLeast => value >= Threshold,
            _ => value > Threshold,
        };
        return deprived ? Deprivation.Deprived : Deprivation.NotDeprived;
    }
}
