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
        decimal? worst = null;
        if (indicator.Kind == IndicatorKind.Scale)
        {
            var results = scales.Where(s => s.Measure == indicator.Scale).ToList();
            if (results.Count > 0)
            {
                // The worst member decides: the lowest Barthel total, the highest ability level.
                worst = indicator.Scale == ScaleMeasure.BarthelTotal ? results.Min(r => r.Value) : results.Max(r => r.Value);
            }
        }

        var state = StateOf(indicator, value, worst);
        if (indicator.Kind == IndicatorKind.Scale)
        {
            value = worst;
        }

        return state;
    }

    /// <summary>
    /// The rule of every kind in one place: a scale indicator reads its worst member's result, and without one is not
    /// deprived only when answered "not applicable"; any other indicator without an answer is missing.
    /// </summary>
    private static Deprivation StateOf(IndicatorDefinition indicator, decimal? answer, decimal? worstScale)
    {
        if (indicator.Kind == IndicatorKind.Scale)
        {
            return worstScale is { } worst
                ? indicator.Rule.IsDeprived(worst) ? Deprivation.Deprived : Deprivation.NotDeprived
                : answer == NotApplicable ? Deprivation.NotDeprived : Deprivation.Missing;
        }

        return answer is not { } v ? Deprivation.Missing : indicator.Rule.IsDeprived(v) ? Deprivation.Deprived : Deprivation.NotDeprived;
    }

    /// <summary>
    /// The same as <see cref="Fill"/>, reading the stored JSON of <see cref="AssessmentAnswers"/> directly, without
    /// building objects: the batch recomputation reads a million of them. Values of unknown codes, item scores and notes
    /// are skipped; a scale's stored result is read (it was computed from its items when the assessment was saved).
    /// </summary>
    public static void FillUtf8(CompiledInstrument instrument, ReadOnlySpan<byte> json, Span<byte> row)
    {
        var n = instrument.Indicators.Length;
        Span<decimal> values = stackalloc decimal[n];
        Span<bool> present = stackalloc bool[n];
        ParseUtf8(instrument, json, values, present, out var worst);
        FillStates(instrument, values, present, worst, row);
    }

    /// <summary>
    /// Reads the stored JSON of <see cref="AssessmentAnswers"/> into values in the instrument's column order (an
    /// indicator without a number is not present) and the worst member result of each scale.
    /// </summary>
    public static void ParseUtf8(CompiledInstrument instrument, ReadOnlySpan<byte> json, Span<decimal> values, Span<bool> present, out ScaleWorst worst)
    {
        present.Clear();
        worst = default;
        var reader = new System.Text.Json.Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("values"u8))
            {
                reader.Read();
                var next = 0;
                while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
                {
                    var j = instrument.Find(ref reader, next);
                    reader.Read();
                    if (j >= 0)
                    {
                        next = j + 1;
                        if (reader.TokenType == System.Text.Json.JsonTokenType.Number)
                        {
                            values[j] = reader.GetDecimal();
                            present[j] = true;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("scales"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.StartObject)
                {
                    ScaleMeasure? measure = null;
                    decimal value = 0;
                    while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("measure"u8))
                        {
                            reader.Read();
                            measure = reader.ValueTextEquals("BarthelTotal"u8) ? ScaleMeasure.BarthelTotal
                                : reader.ValueTextEquals("ElderlyAbilityLevel"u8) ? ScaleMeasure.ElderlyAbilityLevel : null;
                        }
                        else if (reader.ValueTextEquals("value"u8))
                        {
                            reader.Read();
                            value = reader.GetDecimal();
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }

                    if (measure is { } m)
                    {
                        worst = worst.With(m, value);
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>The same values from answer objects, in the instrument's column order.</summary>
    public static void Collect(
        CompiledInstrument instrument, IReadOnlyDictionary<string, decimal?> answers, IReadOnlyList<MemberScaleResult> scales, Span<decimal> values, Span<bool> present,
        out ScaleWorst worst)
    {
        present.Clear();
        worst = default;
        for (var j = 0; j < instrument.Indicators.Length; j++)
        {
            if (answers.TryGetValue(instrument.Indicators[j].Code, out var v) && v is { } value)
            {
                values[j] = value;
                present[j] = true;
            }
        }

        foreach (var s in scales)
        {
            worst = worst.With(s.Measure, s.Value);
        }
    }

    /// <summary>Deprivation states of the instrument's indicators from values in its column order.</summary>
    public static void FillStates(CompiledInstrument instrument, ReadOnlySpan<decimal> values, ReadOnlySpan<bool> present, ScaleWorst worst, Span<byte> row)
    {
        var indicators = instrument.Indicators;
        for (var j = 0; j < indicators.Length; j++)
        {
            var indicator = indicators[j];
            decimal? scale = indicator.Kind != IndicatorKind.Scale ? null : worst.Of(indicator.Scale);
            row[j] = (byte)StateOf(indicator, present[j] ? values[j] : null, scale);
        }
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

/// <summary>The worst member result of each ability scale (the lowest Barthel total, the highest elderly-ability level), if any member has one.</summary>
public readonly record struct ScaleWorst(bool HasBarthel, decimal Barthel, bool HasElderly, decimal Elderly)
{
    public ScaleWorst With(ScaleMeasure measure, decimal value) => measure switch
    {
        ScaleMeasure.BarthelTotal => this with { HasBarthel = true, Barthel = HasBarthel ? Math.Min(Barthel, value) : value },
        ScaleMeasure.ElderlyAbilityLevel => this with { HasElderly = true, Elderly = HasElderly ? Math.Max(Elderly, value) : value },
        _ => this,
    };

    public decimal? Of(ScaleMeasure? measure) => measure switch
    {
        ScaleMeasure.BarthelTotal => HasBarthel ? Barthel : null,
        ScaleMeasure.ElderlyAbilityLevel => HasElderly ? Elderly : null,
        _ => null,
    };
}

/// <summary>An instrument version prepared for reading many stored answers: indicators in column order and their codes as UTF-8.</summary>
public sealed class CompiledInstrument
{
    private readonly byte[][] _codes;

    public CompiledInstrument(InstrumentDefinition definition)
    {
        Definition = definition;
        Indicators = [.. definition.Indicators];
        _codes = [.. Indicators.Select(i => System.Text.Encoding.UTF8.GetBytes(i.Code))];
    }

    public InstrumentDefinition Definition { get; }

    public IndicatorDefinition[] Indicators { get; }

    /// <summary>For each column of <paramref name="source"/>, the column of the indicator with the same code here, or −1.</summary>
    public int[] MapFrom(CompiledInstrument source) =>
        [.. source.Indicators.Select(i => Array.FindIndex(Indicators, t => string.Equals(t.Code, i.Code, StringComparison.Ordinal)))];

    /// <summary>The column of the property name under the reader; answers are usually stored in column order, so <paramref name="expected"/> is tried first.</summary>
    internal int Find(ref System.Text.Json.Utf8JsonReader reader, int expected)
    {
        if (expected < _codes.Length && reader.ValueTextEquals(_codes[expected]))
        {
            return expected;
        }

        for (var j = 0; j < _codes.Length; j++)
        {
            if (reader.ValueTextEquals(_codes[j]))
            {
                return j;
            }
        }

        return -1;
    }
}
