using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Mpi;

/// <summary>What to do with a unit whose value for an indicator is missing. Never "not deprived".</summary>
public enum MissingPolicy
{
    /// <summary>The unit is left out of identification and aggregation, and counted as incomplete.</summary>
    Incomplete,

    /// <summary>
    /// The missing indicator's weight goes to the unit's observed indicators of the same dimension, pro rata to their
    /// weights; a unit with the whole dimension missing is incomplete.
    /// </summary>
    Reweight,
}

/// <summary>One indicator of a measure with its flat weight (already the dimension's weight times its share).</summary>
public sealed record MpiIndicator(string Name, string Dimension, Fraction Weight);

/// <summary>An indicator's share of its dimension's weight, for nested weighting.</summary>
public sealed record MpiIndicatorShare(string Name, Fraction Share);

/// <summary>A dimension: its weight, its indicators' shares of that weight, and its missing-value policy.</summary>
public sealed record MpiDimension(string Name, Fraction Weight, IReadOnlyList<MpiIndicatorShare> Indicators, MissingPolicy Missing = MissingPolicy.Incomplete)
{
    /// <summary>A dimension whose weight is split equally over its indicators.</summary>
    public static MpiDimension Equal(string name, Fraction weight, MissingPolicy missing, params string[] indicators) =>
        new(name, weight, [.. indicators.Select(i => new MpiIndicatorShare(i, Fraction.Create(1, indicators.Length)))], missing);
}

/// <summary>
/// The structure of a measure: indicators in column order, each in a dimension, with weights summing to exactly 1,
/// and one missing-value policy per dimension. Immutable once created.
/// </summary>
public sealed class MpiDesign
{
    /// <summary>Indicators are tracked in a 64-bit mask per unit; far more than any instrument uses.</summary>
    public const int MaxIndicators = 64;

    private readonly string[] _dimensions;

    private MpiDesign(MpiIndicator[] indicators, string[] dimensions, int[] dimensionOf, MissingPolicy[] policies)
    {
        Indicators = indicators;
        _dimensions = dimensions;
        DimensionOf = dimensionOf;
        Policies = policies;
    }

    public IReadOnlyList<MpiIndicator> Indicators { get; }

    /// <summary>Dimension names in order of first appearance.</summary>
    public IReadOnlyList<string> Dimensions => _dimensions;

    internal int[] DimensionOf { get; }

    internal MissingPolicy[] Policies { get; }

    public MissingPolicy PolicyOf(string dimension) => Policies[Array.IndexOf(_dimensions, dimension)];

    /// <summary>
    /// A measure from flat weights. <paramref name="policies"/> sets a dimension's missing-value policy; dimensions
    /// not named there get <paramref name="defaultPolicy"/>.
    /// </summary>
    public static Result<MpiDesign> Create(
        IReadOnlyList<MpiIndicator> indicators,
        MissingPolicy defaultPolicy = MissingPolicy.Incomplete,
        IReadOnlyDictionary<string, MissingPolicy>? policies = null)
    {
        if (indicators.Count == 0)
        {
            return Error.Validation("mpi.no_indicators", "至少需要一个指标");
        }

        if (indicators.Count > MaxIndicators)
        {
            return Error.Validation("mpi.too_many_indicators", $"指标最多 {MaxIndicators} 个，收到 {indicators.Count} 个");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var sum = Fraction.Zero;
        foreach (var indicator in indicators)
        {
            if (string.IsNullOrWhiteSpace(indicator.Name))
            {
                return Error.Validation("mpi.indicator_name", "指标名称不能为空");
            }

            if (!names.Add(indicator.Name))
            {
                return Error.Validation("mpi.duplicate_indicator", $"指标“{indicator.Name}”重复");
            }

            if (indicator.Weight.Sign <= 0)
            {
                return Error.Validation("mpi.weight_not_positive", $"指标“{indicator.Name}”的权重必须大于 0，收到 {indicator.Weight}");
            }

            sum += indicator.Weight;
        }

        if (sum != Fraction.One)
        {
            return Error.Validation("mpi.weights_sum", $"指标权重之和必须等于 1，现在是 {sum}（约 {sum.ToDouble():0.######}）");
        }

        var dimensions = indicators.Select(i => i.Dimension).Distinct(StringComparer.Ordinal).ToArray();
        var dimensionOf = indicators.Select(i => Array.IndexOf(dimensions, i.Dimension)).ToArray();
        var policyArray = dimensions
            .Select(d => policies is not null && policies.TryGetValue(d, out var p) ? p : defaultPolicy)
            .ToArray();
        return new MpiDesign([.. indicators], dimensions, dimensionOf, policyArray);
    }

    /// <summary>A measure from nested weights: each indicator's weight is its dimension's weight times its share.</summary>
    public static Result<MpiDesign> Nested(IReadOnlyList<MpiDimension> dimensions)
    {
        var indicators = new List<MpiIndicator>();
        var policies = new Dictionary<string, MissingPolicy>(StringComparer.Ordinal);
        foreach (var dimension in dimensions)
        {
            if (!policies.TryAdd(dimension.Name, dimension.Missing))
            {
                return Error.Validation("mpi.duplicate_dimension", $"维度“{dimension.Name}”重复");
            }

            var shares = dimension.Indicators.Aggregate(Fraction.Zero, (s, i) => s + i.Share);
            if (dimension.Indicators.Count == 0 || shares != Fraction.One)
            {
                return Error.Validation("mpi.shares_sum", $"维度“{dimension.Name}”内各指标份额之和必须等于 1，现在是 {shares}");
            }

            indicators.AddRange(dimension.Indicators.Select(i => new MpiIndicator(i.Name, dimension.Name, dimension.Weight * i.Share)));
        }

        return Create(indicators, MissingPolicy.Incomplete, policies);
    }
}

/// <summary>
/// The poverty cutoff k, and optionally the cutoffs of the global MPI's "vulnerable" band [v, k) and "severe" band
/// [s, 1]. All exact.
/// </summary>
public sealed record MpiCutoffs(Fraction K, Fraction? VulnerableFrom = null, Fraction? SevereFrom = null)
{
    internal Result Validate()
    {
        if (K.Sign <= 0 || K > Fraction.One)
        {
            return Error.Validation("mpi.k_range", $"贫困临界值 k 必须大于 0 且不超过 1，收到 {K}");
        }

        if (VulnerableFrom is { } v && (v.Sign <= 0 || v >= K))
        {
            return Error.Validation("mpi.vulnerable_range", $"脆弱临界值必须大于 0 且小于 k，收到 {v}");
        }

        if (SevereFrom is { } s && (s < K || s > Fraction.One))
        {
            return Error.Validation("mpi.severe_range", $"深度贫困临界值必须不小于 k 且不超过 1，收到 {s}");
        }

        return Result.Ok();
    }
}
