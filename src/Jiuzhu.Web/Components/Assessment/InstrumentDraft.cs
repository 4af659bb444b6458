using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;

namespace Jiuzhu.Web.Components.Assessment;

/// <summary>
/// A draft instrument as the editor changes it: mutable copies of the definition's records, turned back into an
/// <see cref="InstrumentDefinition"/> to validate and save. Items added in this editor carry <c>IsNew</c>: only their
/// codes may still be chosen; codes already saved stay stable because stored answers refer to them.
/// </summary>
public sealed class InstrumentDraft
{
    public string Name { get; set; } = string.Empty;

    public string K { get; set; } = string.Empty;

    public List<DraftDimension> Dimensions { get; } = [];

    public static InstrumentDraft From(string name, InstrumentDefinition definition)
    {
        var draft = new InstrumentDraft { Name = name, K = definition.K };
        draft.Dimensions.AddRange(definition.Dimensions.Select(DraftDimension.From));
        return draft;
    }

    public InstrumentDefinition ToDefinition() =>
        new(K.Trim(), [.. Dimensions.Select(d => d.ToDefinition())]);

    public IEnumerable<DraftIndicator> Indicators => Dimensions.SelectMany(d => d.Indicators);

    /// <summary>The sum of the dimension weights that are fractions.</summary>
    public Fraction WeightSum() => Sum(Dimensions.Select(d => d.Weight));

    public DraftDimension AddDimension()
    {
        var dimension = new DraftDimension
        {
            Code = FreeCode("dimension", Dimensions.Select(d => d.Code)),
            Weight = string.Empty,
            Missing = MissingPolicy.Reweight,
            IsNew = true,
        };
        Dimensions.Add(dimension);
        AddIndicator(dimension, IndicatorKind.YesNo);
        return dimension;
    }

    public DraftIndicator AddIndicator(DraftDimension dimension, IndicatorKind kind)
    {
        var indicator = new DraftIndicator
        {
            Code = FreeCode("indicator", Indicators.Select(i => i.Code)),
            Share = dimension.Indicators.Count == 0 ? "1" : string.Empty,
            IsNew = true,
        };
        indicator.SetKind(kind);
        dimension.Indicators.Add(indicator);
        return indicator;
    }

    internal static Fraction Sum(IEnumerable<string> fractions)
    {
        var sum = Fraction.Zero;
        foreach (var text in fractions)
        {
            if (Fraction.TryParse(text, out var f))
            {
                sum += f;
            }
        }

        return sum;
    }

    private static string FreeCode(string prefix, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var code = $"{prefix}_{n}";
            if (!used.Contains(code))
            {
                return code;
            }
        }
    }
}

public sealed class DraftDimension
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Weight { get; set; } = string.Empty;

    public MissingPolicy Missing { get; set; }

    public bool IsNew { get; init; }

    public List<DraftIndicator> Indicators { get; } = [];

    public Fraction ShareSum() => InstrumentDraft.Sum(Indicators.Select(i => i.Share));

    public static DraftDimension From(DimensionDefinition d)
    {
        var dimension = new DraftDimension { Code = d.Code, Name = d.Name, Weight = d.Weight, Missing = d.Missing };
        dimension.Indicators.AddRange(d.Indicators.Select(DraftIndicator.From));
        return dimension;
    }

    public DimensionDefinition ToDefinition() =>
        new(Code.Trim(), Name.Trim(), Weight.Trim(), Missing, [.. Indicators.Select(i => i.ToDefinition())]);
}

public sealed class DraftIndicator
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Question { get; set; } = string.Empty;

    public IndicatorKind Kind { get; private set; }

    public string Share { get; set; } = string.Empty;

    public RuleOperator Operator { get; set; }

    public decimal? Cutoff { get; set; }

    /// <summary>The option values that make a choice indicator deprived (operator In).</summary>
    public SortedSet<int> Deprived { get; } = [];

    public string? Unit { get; set; }

    public string? Help { get; set; }

    public ScaleMeasure? Scale { get; set; }

    public List<DraftOption> Options { get; } = [];

    public bool IsNew { get; init; }

    public static DraftIndicator From(IndicatorDefinition i)
    {
        var indicator = new DraftIndicator
        {
            Code = i.Code,
            Name = i.Name,
            Question = i.Question,
            Kind = i.Kind,
            Share = i.Share,
            Operator = i.Rule.Operator,
            Cutoff = i.Rule.Cutoff,
            Unit = i.Unit,
            Help = i.Help,
            Scale = i.Scale,
        };
        indicator.Deprived.UnionWith(i.Rule.Values ?? []);
        indicator.Options.AddRange((i.Options ?? []).Select(o => new DraftOption { Value = o.Value, Label = o.Label }));
        return indicator;
    }

    /// <summary>Changes how the indicator is answered; the rule starts again from the kind's usual operator.</summary>
    public void SetKind(IndicatorKind kind)
    {
        Kind = kind;
        Operator = InstrumentText.OperatorsFor(kind)[0];

        if (kind == IndicatorKind.Choice && Options.Count == 0)
        {
            Options.Add(new DraftOption { Value = 1 });
            Options.Add(new DraftOption { Value = 2 });
        }

        if (kind == IndicatorKind.Scale)
        {
            Scale ??= ScaleMeasure.BarthelTotal;
        }
    }

    public DraftOption AddOption()
    {
        var option = new DraftOption { Value = Options.Count == 0 ? 1 : Options.Max(o => o.Value) + 1 };
        Options.Add(option);
        return option;
    }

    public void RemoveOption(DraftOption option)
    {
        Options.Remove(option);
        Deprived.Remove(option.Value);
    }

    public DeprivationRule Rule() => Operator switch
    {
        RuleOperator.Yes or RuleOperator.No => new(Operator),
        RuleOperator.In => new(Operator, Values: [.. Deprived.Where(v => Options.Any(o => o.Value == v))]),
        _ => new(Operator, Cutoff),
    };

    public IndicatorDefinition ToDefinition() => new(
        Code.Trim(),
        Name.Trim(),
        Question.Trim(),
        Kind,
        Share.Trim(),
        Rule(),
        string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim(),
        Kind == IndicatorKind.Choice ? [.. Options.Select(o => new ChoiceOption(o.Value, o.Label.Trim()))] : null,
        Kind == IndicatorKind.Scale ? Scale : null,
        string.IsNullOrWhiteSpace(Help) ? null : Help.Trim());
}

public sealed class DraftOption
{
    public int Value { get; set; }

    public string Label { get; set; } = string.Empty;
}
