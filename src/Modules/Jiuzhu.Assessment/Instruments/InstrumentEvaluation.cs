using Jiuzhu.Assessment.Mpi;

namespace Jiuzhu.Assessment.Instruments;

/// <summary>A member's ability-scale result, as a scale indicator reads it.</summary>
public sealed record MemberScaleResult(Guid PersonId, ScaleMeasure Measure, decimal Value);

/// <summary>One indicator of an evaluated assessment, with what the explanation needs.</summary>
public sealed record IndicatorOutcome(
    string Code,
    string Name,
    string Dimension,
    Deprivation State,
    decimal? Value,
    string Rule,
    Fraction Weight,
    Fraction EffectiveWeight);

/// <summary>One dimension of an evaluated assessment: its weight and the part of it the household is deprived in.</summary>
public sealed record DimensionOutcome(string Code, string Name, Fraction Weight, Fraction Deprived, bool Missing);

/// <summary>
/// A household's evaluated assessment: its deprivation score c (exact), whether it is poor (c ≥ k), or that it is
/// incomplete (a missing answer under the "incomplete" policy, or a whole dimension missing), with the per-indicator
/// and per-dimension explanation.
/// </summary>
public sealed record AssessmentOutcome(
    Fraction? Score,
    Fraction K,
    bool Poor,
    bool Incomplete,
    IReadOnlyList<IndicatorOutcome> Indicators,
    IReadOnlyList<DimensionOutcome> Dimensions)
{
    /// <summary>Bit j set when the household is deprived in indicator j (column order).</summary>
    public long DeprivedMask => Mask(Deprivation.Deprived);

    /// <summary>Bit j set when indicator j is missing.</summary>
    public long MissingMask => Mask(Deprivation.Missing);

    private long Mask(Deprivation state)
    {
        long mask = 0;
        for (var j = 0; j < Indicators.Count; j++)
        {
            if (Indicators[j].State == state)
            {
                mask |= 1L << j;
            }
        }

        return mask;
    }
}

/// <summary>Turns answers into deprivation states and a household's outcome under an instrument version.</summary>
public static class InstrumentEvaluation
{
    /// <summary>The answer that a scale indicator does not apply to the household (no member needs the scale).</summary>
    public const decimal NotApplicable = 0m;

    /// <summary>
    /// Fills one row of the deprivation matrix. Number, yes/no (1/0) and choice answers are read from
    /// <paramref name="answers"/>; a scale indicator is deprived when any member's result meets the rule, not deprived
    /// when none does, and, when no member has that scale, not deprived only if the worker answered
    /// <see cref="NotApplicable"/>; otherwise the value is missing.
    /// </summary>
    public static void Fill(
        InstrumentDefinition definition,
        IReadOnlyDictionary<string, decimal?> answers,
        IReadOnlyList<MemberScaleResult> scales,
        Span<byte> row)
    {
        var j = 0;
        foreach (var indicator in definition.Indicators)
        {
            row[j++] = (byte)State(indicator, answers, scales, out _);
        }
    }

    private static Deprivation State(
        IndicatorDefinition indicator,
        IReadOnlyDictionary<string, decimal?> answers,
        IReadOnlyList<MemberScaleResult> scales,
        out decimal? value)
    {
        answers.TryGetValue(indicator.Code, out value);
        if (indicator.Kind == IndicatorKind.Scale)
        {
            var results = scales.Where(s => s.Measure == indicator.Scale).ToList();
            if (results.Count > 0)
            {
                // The worst member decides: the lowest Barthel total, the highest ability level.
                value = indicator.Scale == ScaleMeasure.BarthelTotal ? results.Min(r => r.Value) : results.Max(r => r.Value);
                return indicator.Rule.IsDeprived(value.Value) ? Deprivation.Deprived : Deprivation.NotDeprived;
            }

            value = null;
            return answers.TryGetValue(indicator.Code, out var answer) && answer == NotApplicable
                ? Deprivation.NotDeprived
                : Deprivation.Missing;
        }

        if (value is not { } v)
        {
            return Deprivation.Missing;
        }

        return indicator.Rule.IsDeprived(v) ? Deprivation.Deprived : Deprivation.NotDeprived;
    }

    /// <summary>Evaluates one household: the states, the exact score against k, and the explanation.</summary>
    public static AssessmentOutcome Evaluate(
        InstrumentDefinition definition,
        IReadOnlyDictionary<string, decimal?> answers,
        IReadOnlyList<MemberScaleResult> scales)
    {
        var design = definition.ToDesign();
        var cutoffs = definition.Cutoffs;
        var indicators = new List<IndicatorOutcome>();
        var dimensions = new List<DimensionOutcome>();
        var incomplete = false;
        var score = Fraction.Zero;
        foreach (var d in definition.Dimensions)
        {
            var weight = Fraction.Parse(d.Weight);
            var states = d.Indicators.Select(i => (Indicator: i, State: State(i, answers, scales, out var value), Value: value)).ToList();
            var flat = d.Indicators.Select(i => weight * Fraction.Parse(i.Share)).ToList();
            var observed = states.Select((s, n) => s.State == Deprivation.Missing ? Fraction.Zero : flat[n]).Aggregate(Fraction.Zero, (a, b) => a + b);
            var anyMissing = states.Any(s => s.State == Deprivation.Missing);
            if (anyMissing && (d.Missing == MissingPolicy.Incomplete || observed.IsZero))
            {
                incomplete = true;
            }

            var deprived = Fraction.Zero;
            for (var n = 0; n < states.Count; n++)
            {
                // Under reweighting the observed indicators share the dimension's whole weight, pro rata.
                var effective = states[n].State == Deprivation.Missing || observed.IsZero
                    ? Fraction.Zero
                    : anyMissing && d.Missing == MissingPolicy.Reweight ? flat[n] * weight / observed : flat[n];
                if (states[n].State == Deprivation.Deprived)
                {
                    deprived += effective;
                }

                var i = states[n].Indicator;
                indicators.Add(new IndicatorOutcome(i.Code, i.Name, d.Code, states[n].State, states[n].Value, i.Rule.Describe(i), flat[n], effective));
            }

            score += deprived;
            dimensions.Add(new DimensionOutcome(d.Code, d.Name, weight, deprived, anyMissing));
        }

        // The engine decides; the explanation above must agree with it, which the tests check.
        var matrix = new DeprivationMatrix(1, indicators.Count);
        Fill(definition, answers, scales, matrix.Row(0));
        var result = AlkireFoster.Compute(design, matrix, cutoffs).Value;
        var engineIncomplete = result.IsIncomplete(0);
        if (engineIncomplete != incomplete || (!incomplete && result.Score(0) != score))
        {
            throw new InvalidOperationException("The explanation disagrees with the Alkire–Foster engine.");
        }

        return new AssessmentOutcome(incomplete ? null : score, cutoffs.K, !incomplete && result.IsPoor(0), incomplete, indicators, dimensions);
    }
}
