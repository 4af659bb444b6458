using Jiuzhu.Assessment.Mpi;

namespace Jiuzhu.Tests.Assessment;

/// <summary>
/// Seeded random matrices, weights and cutoffs, checked against a plain fraction-by-fraction reference and against
/// the method's identities.
/// </summary>
public sealed class AlkireFosterPropertyTests
{
    private const int Cases = 400;

    private sealed record Case(
        MpiDesign Design, int?[][] Rows, DeprivationMatrix Matrix, Fraction K, long[]? Sizes, string[]? Groups)
    {
        public UnitWeights? Weights => Sizes is null ? null : UnitWeights.FromIntegers(Sizes).Value;

        public Subgroups? Subgroups => Groups is null ? null : Jiuzhu.Assessment.Mpi.Subgroups.FromLabels(Groups);
    }

    private static Case Generate(Random random, bool allowMissing)
    {
        var dimensionCount = random.Next(1, 5);
        var dimensionParts = Enumerable.Range(0, dimensionCount).Select(_ => random.Next(1, 7)).ToArray();
        var dimensions = new List<MpiDimension>();
        var j = 0;
        for (var d = 0; d < dimensionCount; d++)
        {
            var count = random.Next(1, 5);
            var parts = Enumerable.Range(0, count).Select(_ => random.Next(1, 6)).ToArray();
            var policy = allowMissing && random.Next(3) > 0 ? MissingPolicy.Reweight : MissingPolicy.Incomplete;
            dimensions.Add(new MpiDimension(
                $"D{d}",
                Fraction.Create(dimensionParts[d], dimensionParts.Sum()),
                [.. parts.Select(p => new MpiIndicatorShare($"I{j++}", Fraction.Create(p, parts.Sum())))],
                policy));
        }

        var design = MpiDesign.Nested(dimensions).Value;
        var m = design.Indicators.Count;
        var units = random.Next(1, 60);
        var density = random.NextDouble();
        var rows = new int?[units][];
        for (var i = 0; i < units; i++)
        {
            rows[i] = new int?[m];
            for (var c = 0; c < m; c++)
            {
                rows[i][c] = allowMissing && random.Next(12) == 0 ? null : random.NextDouble() < density ? 1 : 0;
            }
        }

        // k: sometimes a random fraction, often exactly some unit's score (the boundary), sometimes 1.
        Fraction k = random.Next(4) switch
        {
            0 => Fraction.Create(random.Next(1, 13), 12),
            1 => Fraction.One,
            _ => Reference.ScoreOf(design, rows[random.Next(units)]) is { IsZero: false } s ? s : design.Indicators[0].Weight,
        };

        var sizes = random.Next(2) == 0 ? null : Enumerable.Range(0, units).Select(_ => (long)random.Next(1, 9)).ToArray();
        var groups = random.Next(2) == 0 ? null : Enumerable.Range(0, units).Select(_ => "abc"[random.Next(3)].ToString()).ToArray();
        return new Case(design, rows, DeprivationMatrix.FromRows([.. rows.Select(r => (IReadOnlyList<int?>)r)], m), k, sizes, groups);
    }

    private static MpiResult Compute(Case c, Fraction? k = null) =>
        AlkireFoster.Compute(c.Design, c.Matrix, new MpiCutoffs(k ?? c.K), c.Weights, c.Subgroups).Value;

    [Fact]
    public void Engine_agrees_with_a_plain_fraction_reference_including_missing_values()
    {
        var random = new Random(20261129);
        for (var run = 0; run < Cases; run++)
        {
            var c = Generate(random, allowMissing: run % 2 == 0);
            var result = Compute(c);
            var sizes = c.Sizes ?? [.. c.Rows.Select(_ => 1L)];
            Fraction n = 0, q = 0, total = 0;
            for (var i = 0; i < c.Rows.Length; i++)
            {
                var score = Reference.ScoreOf(c.Design, c.Rows[i]);
                Assert.Equal(score, result.Score(i));
                if (score is not { } s)
                {
                    continue;
                }

                n += sizes[i];
                Assert.Equal(s >= c.K, result.IsPoor(i));
                if (s >= c.K)
                {
                    q += sizes[i];
                    total += s * sizes[i];
                }
            }

            Assert.Equal(n, result.N);
            Assert.Equal(q, result.Q);
            Assert.Equal(n.IsZero ? Fraction.Zero : q / n, result.H);
            Assert.Equal(n.IsZero ? Fraction.Zero : total / n, result.M0);
            Assert.Equal(q.IsZero ? Fraction.Zero : total / q, result.A);
        }
    }

    [Fact]
    public void M0_is_H_times_A_and_the_weighted_sum_of_censored_headcounts()
    {
        var random = new Random(1);
        for (var run = 0; run < Cases; run++)
        {
            var c = Generate(random, allowMissing: false);
            var result = Compute(c);
            Assert.Equal(result.H * result.A, result.M0);
            Assert.Equal(result.M0, result.Indicators.Aggregate(Fraction.Zero, (s, i) => s + i.Weight * i.Censored));
        }
    }

    [Fact]
    public void Contributions_sum_to_one_hundred_percent_whenever_anyone_is_poor()
    {
        var random = new Random(2);
        for (var run = 0; run < Cases; run++)
        {
            var c = Generate(random, allowMissing: run % 2 == 0);
            var result = Compute(c);
            var sum = result.Indicators.Aggregate(Fraction.Zero, (s, i) => s + i.Contribution);
            Assert.Equal(result.M0.IsZero ? Fraction.Zero : Fraction.One, sum);
            Assert.Equal(result.H * result.A, result.M0);
        }
    }

    [Fact]
    public void Population_weighted_subgroup_m0_adds_up_to_the_total()
    {
        var random = new Random(3);
        for (var run = 0; run < Cases; run++)
        {
            var c = Generate(random, allowMissing: run % 2 == 0) is { Groups: null } g
                ? g with { Groups = [.. g.Rows.Select((_, i) => (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture))] }
                : Generate(random, allowMissing: false);
            if (c.Groups is null)
            {
                continue;
            }

            var result = Compute(c);
            Assert.Equal(result.N, result.Subgroups.Aggregate(Fraction.Zero, (s, l) => s + l.N));
            Assert.Equal(result.Q, result.Subgroups.Aggregate(Fraction.Zero, (s, l) => s + l.Q));
            if (!result.N.IsZero)
            {
                Assert.Equal(result.M0, result.Subgroups.Aggregate(Fraction.Zero, (s, l) => s + l.N / result.N * l.M0));
            }

            Assert.Equal(result.M0.IsZero ? Fraction.Zero : Fraction.One, result.Subgroups.Aggregate(Fraction.Zero, (s, l) => s + l.Share));
            Assert.All(result.Subgroups, l => Assert.Equal(l.H * l.A, l.M0));
        }
    }

    [Fact]
    public void Headcount_never_rises_as_k_rises()
    {
        var random = new Random(4);
        var ks = Enumerable.Range(1, 36).Select(i => Fraction.Create(i, 36)).ToArray();
        for (var run = 0; run < Cases / 4; run++)
        {
            var c = Generate(random, allowMissing: run % 2 == 0);
            var previous = Fraction.One;
            foreach (var k in ks)
            {
                var h = Compute(c, k).H;
                Assert.True(h <= previous, $"H rose from {previous} to {h} at k = {k}");
                previous = h;
            }
        }
    }

    [Fact]
    public void Reordering_units_changes_nothing()
    {
        var random = new Random(5);
        for (var run = 0; run < Cases; run++)
        {
            var c = Generate(random, allowMissing: run % 2 == 0);
            var order = Enumerable.Range(0, c.Rows.Length).OrderBy(_ => random.Next()).ToArray();
            var rows = order.Select(i => c.Rows[i]).ToArray();
            var shuffled = c with
            {
                Rows = rows,
                Matrix = DeprivationMatrix.FromRows([.. rows.Select(r => (IReadOnlyList<int?>)r)], c.Design.Indicators.Count),
                Sizes = c.Sizes is null ? null : [.. order.Select(i => c.Sizes[i])],
                Groups = c.Groups is null ? null : [.. order.Select(i => c.Groups[i])],
            };

            var a = Compute(c);
            var b = Compute(shuffled);
            Assert.Equal((a.N, a.Q, a.H, a.A, a.M0, a.IncompleteUnits), (b.N, b.Q, b.H, b.A, b.M0, b.IncompleteUnits));
            Assert.Equal(a.Indicators, b.Indicators);
            Assert.Equal(a.Subgroups.OrderBy(s => s.Label, StringComparer.Ordinal), b.Subgroups.OrderBy(s => s.Label, StringComparer.Ordinal));
        }
    }

    /// <summary>The textbook definition, one fraction at a time, with the missing-value policies.</summary>
    private static class Reference
    {
        public static Fraction? ScoreOf(MpiDesign design, int?[] row)
        {
            var indicators = design.Indicators;
            Fraction score = 0;
            foreach (var dimension in design.Dimensions)
            {
                var members = Enumerable.Range(0, indicators.Count).Where(j => indicators[j].Dimension == dimension).ToArray();
                var whole = members.Aggregate(Fraction.Zero, (s, j) => s + indicators[j].Weight);
                var observed = members.Where(j => row[j] is not null).Aggregate(Fraction.Zero, (s, j) => s + indicators[j].Weight);
                if (observed != whole && (design.PolicyOf(dimension) == MissingPolicy.Incomplete || observed.IsZero))
                {
                    return null;
                }

                foreach (var j in members.Where(j => row[j] == 1))
                {
                    score += indicators[j].Weight * whole / observed;
                }
            }

            return score;
        }
    }
}
