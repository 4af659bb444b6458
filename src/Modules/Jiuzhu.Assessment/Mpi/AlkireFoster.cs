using System.Numerics;
using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Mpi;

/// <summary>
/// The Alkire–Foster counting method (adjusted headcount ratio M0), computed exactly.
/// <para>
/// Weights and cutoffs are rationals. Before the pass over the units they are multiplied by L, the least common
/// multiple of all their denominators, so every weight is an integer W_j, a unit's score is the integer sum of the
/// W_j it is deprived in, and "c_i ≥ k" is the integer comparison "S_i ≥ k·L": exact whatever the weights
/// (1/3, 1/6, 1/18, eight times 0.1 against k = 0.8). A unit with missing values under the reweighting policy gets
/// weights of its own; units sharing the same pattern of missing indicators share them, so they are computed once
/// per pattern and scaled the same way. Aggregates are summed as integers and turned into exact fractions at the end.
/// </para>
/// </summary>
public static class AlkireFoster
{
    // Scores are long; weights scaled to at most 2^62 keep every score and sum of a row within range.
    private static readonly BigInteger MaxScale = BigInteger.One << 62;

    /// <summary>
    /// Identifies the poor and aggregates. <paramref name="weights"/> are population weights per unit (household
    /// size, survey weight; default 1), <paramref name="subgroups"/> the decomposition groups (optional). A wrong
    /// shape (counts that do not match the design) is a bug and throws; weights too fine to scale come back as an
    /// error.
    /// </summary>
    public static Result<MpiResult> Compute(
        MpiDesign design,
        DeprivationMatrix matrix,
        MpiCutoffs cutoffs,
        UnitWeights? weights = null,
        Subgroups? subgroups = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(cutoffs);
        var m = design.Indicators.Count;
        if (matrix.Indicators != m)
        {
            throw new ArgumentException($"The matrix has {matrix.Indicators} indicators, the design {m}.", nameof(matrix));
        }

        if (weights is not null && weights.Count != matrix.Units)
        {
            throw new ArgumentException($"{weights.Count} weights for {matrix.Units} units.", nameof(weights));
        }

        if (subgroups is not null && subgroups.Count != matrix.Units)
        {
            throw new ArgumentException($"{subgroups.Count} subgroup labels for {matrix.Units} units.", nameof(subgroups));
        }

        if (matrix.FirstInvalidCell() is var bad and >= 0)
        {
            throw new ArgumentException($"Cell {bad} of the matrix is not 0, 1 or 2.", nameof(matrix));
        }

        var valid = cutoffs.Validate();
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        return new Run(design, cutoffs, subgroups?.Labels.Count ?? 1).Execute(matrix, weights, subgroups);
    }

    /// <summary>Integer weights and cutoffs for one pattern of missing indicators (the empty pattern: all observed).</summary>
    internal sealed class Pattern(int indicators, int groups)
    {
        public bool Incomplete;
        public Error? Error;
        public long Scale = 1;
        public long[] W = new long[indicators];
        public long K;
        public long V = long.MaxValue; // vulnerable from (unused when no vulnerability cutoff)
        public long S = long.MaxValue; // severe from
        public Int128 PoorScore;
        public long[] Censored = new long[indicators];
        public Int128[] GroupPoorScore = new Int128[groups];
    }

    private sealed class Run(MpiDesign design, MpiCutoffs cutoffs, int groups)
    {
        private readonly List<Pattern> _patterns = [];
        private readonly Dictionary<ulong, int> _patternIndex = [];

        public int PatternFor(ulong mask)
        {
            if (_patternIndex.TryGetValue(mask, out var index))
            {
                return index;
            }

            index = _patterns.Count;
            _patternIndex.Add(mask, index);
            _patterns.Add(Build(mask));
            return index;
        }

        public Result<MpiResult> Execute(DeprivationMatrix matrix, UnitWeights? weights, Subgroups? subgroups)
        {
            var m = matrix.Indicators;
            var units = matrix.Units;
            var cells = matrix.Cells;
            var pop = weights?.Scaled;
            var groupOf = subgroups?.GroupOf;
            var basePattern = _patterns[PatternFor(0)];
            if (basePattern.Error is not null)
            {
                return basePattern.Error;
            }

            var w = basePattern.W;

            var scores = new long[units];
            var patternOf = new int[units];
            var uncensored = new long[m];
            var missing = new int[m];
            var groupN = new long[groups];
            var groupQ = new long[groups];
            var groupUnits = new int[groups];
            var groupIncomplete = new int[groups];
            long n = 0, q = 0, vulnerable = 0, severe = 0, incompletePopulation = 0;
            int incompleteUnits = 0, reweightedUnits = 0;

            for (var i = 0; i < units; i++)
            {
                var row = cells.AsSpan(i * m, m);
                long score = 0;
                ulong mask = 0;
                for (var j = 0; j < m; j++)
                {
                    int v = row[j];
                    score += w[j] & -(long)(v & 1);
                    mask |= (ulong)(v >> 1) << j;
                }

                var p = 0;
                var pattern = basePattern;
                var g = groupOf is null ? 0 : groupOf[i];
                var size = pop is null ? 1L : pop[i];
                groupUnits[g]++;
                if (mask != 0)
                {
                    for (var bits = mask; bits != 0; bits &= bits - 1)
                    {
                        missing[BitOperations.TrailingZeroCount(bits)]++;
                    }

                    p = PatternFor(mask);
                    pattern = _patterns[p];
                    if (pattern.Error is not null)
                    {
                        return pattern.Error;
                    }

                    if (pattern.Incomplete)
                    {
                        patternOf[i] = -1;
                        incompleteUnits++;
                        incompletePopulation += size;
                        groupIncomplete[g]++;
                        continue;
                    }

                    reweightedUnits++;
                    score = 0;
                    for (var j = 0; j < m; j++)
                    {
                        score += pattern.W[j] & -(long)(row[j] & 1);
                    }
                }

                scores[i] = score;
                patternOf[i] = p;
                n += size;
                groupN[g] += size;
                for (var j = 0; j < m; j++)
                {
                    uncensored[j] += size & -(long)(row[j] & 1);
                }

                if (score >= pattern.K)
                {
                    q += size;
                    groupQ[g] += size;
                    var weighted = (Int128)size * score;
                    pattern.PoorScore += weighted;
                    pattern.GroupPoorScore[g] += weighted;
                    var censored = pattern.Censored;
                    for (var j = 0; j < m; j++)
                    {
                        censored[j] += size & -(long)(row[j] & 1);
                    }

                    if (score >= pattern.S)
                    {
                        severe += size;
                    }
                }
                else if (score >= pattern.V)
                {
                    vulnerable += size;
                }
            }

            return Summarize(new Counts(
                units, n, q, vulnerable, severe, incompleteUnits, incompletePopulation, reweightedUnits,
                uncensored, missing, groupN, groupQ, groupUnits, groupIncomplete), weights, subgroups, scores, patternOf);
        }

        private MpiResult Summarize(Counts c, UnitWeights? weights, Subgroups? subgroups, long[] scores, int[] patternOf)
        {
            var m = design.Indicators.Count;
            var denominator = weights?.Denominator ?? BigInteger.One;
            Fraction Ratio(BigInteger part, BigInteger whole) => whole.IsZero ? Fraction.Zero : Fraction.Create(part, whole);

            // T: the population-weighted sum of censored scores, in the scaled population unit.
            var total = _patterns.Aggregate(Fraction.Zero, (t, p) => t + Fraction.Create(ToBig(p.PoorScore), p.Scale));
            var m0 = c.N == 0 ? Fraction.Zero : total / c.N;

            var indicators = new MpiIndicatorResult[m];
            for (var j = 0; j < m; j++)
            {
                BigInteger censored = 0;
                var contribution = Fraction.Zero;
                foreach (var p in _patterns)
                {
                    censored += p.Censored[j];
                    contribution += Fraction.Create(new BigInteger(p.Censored[j]) * p.W[j], p.Scale);
                }

                var indicator = design.Indicators[j];
                indicators[j] = new MpiIndicatorResult(
                    indicator.Name,
                    indicator.Dimension,
                    indicator.Weight,
                    Ratio(c.Uncensored[j], c.N),
                    Ratio(censored, c.N),
                    total.IsZero ? Fraction.Zero : contribution / total,
                    c.Missing[j]);
            }

            var groupResults = new List<MpiSubgroupResult>();
            if (subgroups is not null)
            {
                for (var g = 0; g < subgroups.Labels.Count; g++)
                {
                    var groupTotal = _patterns.Aggregate(Fraction.Zero, (t, p) => t + Fraction.Create(ToBig(p.GroupPoorScore[g]), p.Scale));
                    groupResults.Add(new MpiSubgroupResult(
                        subgroups.Labels[g],
                        Fraction.Create(c.GroupN[g], denominator),
                        Fraction.Create(c.GroupQ[g], denominator),
                        Ratio(c.GroupQ[g], c.GroupN[g]),
                        c.GroupQ[g] == 0 ? Fraction.Zero : groupTotal / c.GroupQ[g],
                        c.GroupN[g] == 0 ? Fraction.Zero : groupTotal / c.GroupN[g],
                        total.IsZero ? Fraction.Zero : groupTotal / total,
                        c.GroupUnits[g],
                        c.GroupIncomplete[g]));
                }
            }

            return new MpiResult(
                cutoffs,
                c.Units,
                c.IncompleteUnits,
                Fraction.Create(c.IncompletePopulation, denominator),
                c.ReweightedUnits,
                Fraction.Create(c.N, denominator),
                Fraction.Create(c.Q, denominator),
                Ratio(c.Q, c.N),
                c.Q == 0 ? Fraction.Zero : total / c.Q,
                m0,
                cutoffs.VulnerableFrom is null ? null : Ratio(c.Vulnerable, c.N),
                cutoffs.SevereFrom is null ? null : Ratio(c.Severe, c.N),
                indicators,
                groupResults,
                scores,
                patternOf,
                [.. _patterns]);
        }

        private static BigInteger ToBig(Int128 value) => (BigInteger)value;

        private Pattern Build(ulong mask)
        {
            var m = design.Indicators.Count;
            var pattern = new Pattern(m, groups);
            var weights = design.Indicators.Select(i => i.Weight).ToArray();
            if (mask != 0)
            {
                var dimensions = design.Dimensions.Count;
                var observed = new Fraction[dimensions];
                var whole = new Fraction[dimensions];
                var touched = new bool[dimensions];
                for (var j = 0; j < m; j++)
                {
                    var d = design.DimensionOf[j];
                    whole[d] += weights[j];
                    if ((mask >> j & 1) != 0)
                    {
                        touched[d] = true;
                        if (design.Policies[d] == MissingPolicy.Incomplete)
                        {
                            pattern.Incomplete = true;
                            return pattern;
                        }
                    }
                    else
                    {
                        observed[d] += weights[j];
                    }
                }

                for (var d = 0; d < dimensions; d++)
                {
                    if (touched[d] && observed[d].IsZero)
                    {
                        pattern.Incomplete = true; // the whole dimension is missing: nothing to reweight onto
                        return pattern;
                    }
                }

                for (var j = 0; j < m; j++)
                {
                    var d = design.DimensionOf[j];
                    weights[j] = (mask >> j & 1) != 0 ? Fraction.Zero
                        : touched[d] ? weights[j] * whole[d] / observed[d]
                        : weights[j];
                }
            }

            BigInteger scale = cutoffs.K.Denominator;
            scale = Fraction.LeastCommonMultiple(scale, cutoffs.VulnerableFrom?.Denominator ?? 1);
            scale = Fraction.LeastCommonMultiple(scale, cutoffs.SevereFrom?.Denominator ?? 1);
            foreach (var weight in weights)
            {
                scale = Fraction.LeastCommonMultiple(scale, weight.Denominator);
                if (scale >= MaxScale)
                {
                    pattern.Error = Error.Validation(
                        "mpi.weights_too_fine", "权重或临界值的分母组合过大（最小公倍数超过 2^62），无法精确计算，请简化权重");
                    return pattern;
                }
            }

            pattern.Scale = (long)scale;
            for (var j = 0; j < m; j++)
            {
                pattern.W[j] = (long)(weights[j].Numerator * (scale / weights[j].Denominator));
            }

            pattern.K = Scaled(cutoffs.K, scale);
            if (cutoffs.VulnerableFrom is { } v)
            {
                pattern.V = Scaled(v, scale);
            }

            if (cutoffs.SevereFrom is { } s)
            {
                pattern.S = Scaled(s, scale);
            }

            return pattern;
        }

        private static long Scaled(Fraction value, BigInteger scale) => (long)(value.Numerator * (scale / value.Denominator));
    }

    private sealed record Counts(
        int Units,
        long N,
        long Q,
        long Vulnerable,
        long Severe,
        int IncompleteUnits,
        long IncompletePopulation,
        int ReweightedUnits,
        long[] Uncensored,
        int[] Missing,
        long[] GroupN,
        long[] GroupQ,
        int[] GroupUnits,
        int[] GroupIncomplete);
}

/// <summary>One indicator's figures. <see cref="Contribution"/> is its share of M0 (0–1; ×100 for per cent).</summary>
public sealed record MpiIndicatorResult(
    string Name,
    string Dimension,
    Fraction Weight,
    Fraction Uncensored,
    Fraction Censored,
    Fraction Contribution,
    int MissingUnits);

/// <summary>
/// One subgroup's figures. <see cref="Share"/> is its share of the total M0, (n_l/n)·M0_l/M0 (0–1). N and Q are
/// population-weighted; <see cref="Units"/> counts rows, <see cref="IncompleteUnits"/> the rows left out.
/// </summary>
public sealed record MpiSubgroupResult(
    string Label,
    Fraction N,
    Fraction Q,
    Fraction H,
    Fraction A,
    Fraction M0,
    Fraction Share,
    int Units,
    int IncompleteUnits);

/// <summary>
/// The outcome of <see cref="AlkireFoster.Compute"/>: aggregates (exact), per indicator and per subgroup, and each
/// unit's score on demand. N and Q are population-weighted counts of the complete units; H = Q/N, A the mean
/// censored score of the poor, M0 = H·A. Exact values are fractions; call <see cref="Fraction.ToDouble"/> to report.
/// </summary>
public sealed class MpiResult
{
    private readonly long[] _scores;
    private readonly int[] _patternOf;
    private readonly AlkireFoster.Pattern[] _patterns;

    internal MpiResult(
        MpiCutoffs cutoffs,
        int units,
        int incompleteUnits,
        Fraction incompletePopulation,
        int reweightedUnits,
        Fraction n,
        Fraction q,
        Fraction h,
        Fraction a,
        Fraction m0,
        Fraction? vulnerable,
        Fraction? severe,
        IReadOnlyList<MpiIndicatorResult> indicators,
        IReadOnlyList<MpiSubgroupResult> subgroups,
        long[] scores,
        int[] patternOf,
        AlkireFoster.Pattern[] patterns)
    {
        Cutoffs = cutoffs;
        Units = units;
        IncompleteUnits = incompleteUnits;
        IncompletePopulation = incompletePopulation;
        ReweightedUnits = reweightedUnits;
        N = n;
        Q = q;
        H = h;
        A = a;
        M0 = m0;
        Vulnerable = vulnerable;
        Severe = severe;
        Indicators = indicators;
        Subgroups = subgroups;
        _scores = scores;
        _patternOf = patternOf;
        _patterns = patterns;
    }

    public MpiCutoffs Cutoffs { get; }

    /// <summary>Rows in the matrix, complete or not.</summary>
    public int Units { get; }

    /// <summary>Rows left out because of missing values (never counted as not deprived).</summary>
    public int IncompleteUnits { get; }

    public Fraction IncompletePopulation { get; }

    /// <summary>Rows scored with reweighted indicators because some values were missing.</summary>
    public int ReweightedUnits { get; }

    public Fraction N { get; }

    public Fraction Q { get; }

    /// <summary>Headcount ratio (发生率).</summary>
    public Fraction H { get; }

    /// <summary>Intensity: mean censored score among the poor (强度).</summary>
    public Fraction A { get; }

    /// <summary>Adjusted headcount ratio (多维贫困指数).</summary>
    public Fraction M0 { get; }

    /// <summary>Share of N with vulnerable ≤ c &lt; k; null without a vulnerability cutoff.</summary>
    public Fraction? Vulnerable { get; }

    /// <summary>Share of N with c ≥ the severity cutoff; null without one.</summary>
    public Fraction? Severe { get; }

    public IReadOnlyList<MpiIndicatorResult> Indicators { get; }

    /// <summary>Empty unless subgroups were given.</summary>
    public IReadOnlyList<MpiSubgroupResult> Subgroups { get; }

    public bool IsIncomplete(int unit) => _patternOf[unit] < 0;

    /// <summary>The deprivation score c_i (with the unit's own weights if it was reweighted); null if incomplete.</summary>
    public Fraction? Score(int unit) =>
        _patternOf[unit] is var p and >= 0 ? Fraction.Create(_scores[unit], _patterns[p].Scale) : null;

    public bool IsPoor(int unit) => _patternOf[unit] is var p and >= 0 && _scores[unit] >= _patterns[p].K;

    /// <summary>The score as the integer numerator over the unit's weight scale, reduced (no big-integer work); false if incomplete.</summary>
    public bool TryGetScore(int unit, out long numerator, out long denominator)
    {
        (numerator, denominator) = (0, 1);
        if (_patternOf[unit] is not (var p and >= 0))
        {
            return false;
        }

        var scale = _patterns[p].Scale;
        long a = _scores[unit], b = scale;
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        var gcd = Math.Max(1, Math.Abs(a));
        (numerator, denominator) = (_scores[unit] / gcd, scale / gcd);
        return true;
    }

    /// <summary>c_i(k): the score if poor, else 0; null if incomplete.</summary>
    public Fraction? CensoredScore(int unit) =>
        IsIncomplete(unit) ? null : IsPoor(unit) ? Score(unit) : Fraction.Zero;
}
