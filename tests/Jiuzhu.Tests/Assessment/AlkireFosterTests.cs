using System.Numerics;
using Jiuzhu.Assessment.Mpi;

namespace Jiuzhu.Tests.Assessment;

public sealed class AlkireFosterTests
{
    private static Fraction F(string text) => Fraction.Parse(text);

    private static DeprivationMatrix Matrix(params int?[][] rows) =>
        DeprivationMatrix.FromRows([.. rows.Select(r => (IReadOnlyList<int?>)r)], rows[0].Length);

    private static MpiDesign Flat(params string[] weights) =>
        MpiDesign.Create([.. weights.Select((w, j) => new MpiIndicator($"i{j}", $"d{j}", F(w)))]).Value;

    [Fact]
    public void Three_thirds_reach_k_equal_to_one()
    {
        var result = AlkireFoster.Compute(Flat("1/3", "1/3", "1/3"), Matrix([1, 1, 1], [1, 1, 0]), new MpiCutoffs(Fraction.One)).Value;
        Assert.True(result.IsPoor(0));
        Assert.False(result.IsPoor(1));
        Assert.Equal(Fraction.One, result.Score(0));
        Assert.Equal(Fraction.Create(1, 2), result.M0);
    }

    [Fact]
    public void Eight_tenths_is_poor_at_k_0_8_although_doubles_would_say_otherwise()
    {
        var doubleSum = 0.0;
        for (var i = 0; i < 8; i++)
        {
            doubleSum += 0.1;
        }

        Assert.True(doubleSum < 0.8); // 0.7999999999999999: why the engine does not add doubles

        var design = Flat([.. Enumerable.Repeat("0.1", 10)]);
        var result = AlkireFoster.Compute(
            design,
            Matrix([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]),
            new MpiCutoffs(F("0.8"))).Value;
        Assert.True(result.IsPoor(0));
        Assert.Equal(F("4/5"), result.Score(0));
        Assert.False(result.IsPoor(1));
        Assert.Equal(F("1/2"), result.H);
    }

    [Fact]
    public void Sixths_and_eighteenths_meet_one_third_exactly()
    {
        var design = Flat("1/6", "1/6", "1/18", "1/18", "1/18", "1/18", "1/18", "1/18", "1/6", "1/6");
        var result = AlkireFoster.Compute(
            design,
            Matrix(
                [1, 0, 1, 1, 1, 0, 0, 0, 0, 0], // 1/6 + 3/18
                [0, 0, 1, 1, 1, 1, 1, 1, 0, 0], // 6/18
                [1, 0, 1, 1, 0, 0, 0, 0, 0, 0], // 5/18
                [0, 0, 1, 1, 1, 1, 1, 0, 0, 0]), // 5/18
            new MpiCutoffs(F("1/3"))).Value;
        Assert.Equal([true, true, false, false], Enumerable.Range(0, 4).Select(result.IsPoor));
        Assert.Equal(F("1/3"), result.A);
    }

    [Fact]
    public void Weights_must_sum_to_exactly_one()
    {
        var design = MpiDesign.Create([new MpiIndicator("a", "x", F("1/3")), new MpiIndicator("b", "x", F("0.3333"))]);
        Assert.False(design.IsSuccess);
        Assert.Equal("mpi.weights_sum", design.Error!.Code);
        Assert.Contains("权重之和必须等于 1", design.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1/3")]
    [InlineData("1.01")]
    public void K_outside_zero_to_one_is_refused(string k)
    {
        var result = AlkireFoster.Compute(Flat("1"), Matrix([1]), new MpiCutoffs(F(k)));
        Assert.Equal("mpi.k_range", result.Error!.Code);
    }

    [Fact]
    public void Household_sizes_identify_households_and_count_people()
    {
        var result = AlkireFoster.Compute(
            Flat("1/2", "1/2"),
            Matrix([1, 1], [1, 0], [0, 0]),
            new MpiCutoffs(F("1/2")),
            UnitWeights.FromIntegers([5, 1, 4]).Value).Value;
        Assert.Equal(F("10"), result.N);
        Assert.Equal(F("6"), result.Q);
        Assert.Equal(F("3/5"), result.H);
        Assert.Equal(F("11/12"), result.A); // (5·1 + 1·1/2) / 6
        Assert.Equal(F("11/20"), result.M0);
        Assert.Equal(F("3/5"), result.Indicators[0].Censored);
        Assert.Equal(F("1/2"), result.Indicators[1].Censored);
    }

    [Fact]
    public void Decimal_population_weights_stay_exact()
    {
        var weights = UnitWeights.FromFractions([F("1.5"), F("0.25"), F("1/3")]).Value;
        var result = AlkireFoster.Compute(Flat("1"), Matrix([1], [0], [1]), new MpiCutoffs(Fraction.One), weights).Value;
        Assert.Equal(F("25/12"), result.N);
        Assert.Equal(F("11/6"), result.Q);
        Assert.Equal(F("22/25"), result.H);
    }

    [Fact]
    public void Reweighting_moves_a_missing_weight_to_the_observed_indicators_of_its_dimension()
    {
        var design = MpiDesign.Nested(
        [
            new MpiDimension("A", F("5/18"), [new MpiIndicatorShare("a1", F("3/5")), new MpiIndicatorShare("a2", F("1/5")), new MpiIndicatorShare("a3", F("1/5"))], MissingPolicy.Reweight),
            MpiDimension.Equal("B", F("13/18"), MissingPolicy.Reweight, "b1"),
        ]).Value;
        Assert.Equal([F("1/6"), F("1/18"), F("1/18"), F("13/18")], design.Indicators.Select(i => i.Weight));

        var result = AlkireFoster.Compute(
            design,
            Matrix(
                [null, 1, 0, 0], // a1 (1/6) missing: a2 and a3 get 5/36 each; score 5/36
                [0, null, 1, 0], // a2 missing: a1 gets 5/24, a3 5/72; score 5/72
                [null, null, null, 1], // dimension A missing entirely: incomplete
                [1, 1, 1, null]), // B missing entirely: incomplete
            new MpiCutoffs(F("5/36"))).Value;

        Assert.Equal(F("5/36"), result.Score(0));
        Assert.True(result.IsPoor(0));
        Assert.Equal(F("5/72"), result.Score(1));
        Assert.False(result.IsPoor(1));
        Assert.True(result.IsIncomplete(2));
        Assert.True(result.IsIncomplete(3));
        Assert.Null(result.Score(2));
        Assert.Equal(2, result.IncompleteUnits);
        Assert.Equal(2, result.ReweightedUnits);
        Assert.Equal(F("2"), result.N);
        Assert.Equal(F("1/2"), result.H);
        Assert.Equal([2, 2, 1, 1], result.Indicators.Select(i => i.MissingUnits));
        Assert.Equal(Fraction.One, result.Indicators.Aggregate(Fraction.Zero, (s, i) => s + i.Contribution));
        Assert.Equal(Fraction.One, result.Indicators[1].Contribution); // the one poor unit is deprived only in a2
    }

    [Fact]
    public void Incomplete_policy_leaves_the_unit_out_and_never_counts_it_as_not_deprived()
    {
        var design = MpiDesign.Create([new MpiIndicator("a", "A", F("1/2")), new MpiIndicator("b", "A", F("1/2"))], MissingPolicy.Incomplete).Value;
        var result = AlkireFoster.Compute(design, Matrix([1, 1], [0, null], [null, null]), new MpiCutoffs(F("1/2")),
            UnitWeights.FromIntegers([1, 3, 2]).Value).Value;
        Assert.Equal(2, result.IncompleteUnits);
        Assert.Equal(F("5"), result.IncompletePopulation);
        Assert.Equal(Fraction.One, result.N);
        Assert.Equal(Fraction.One, result.H);
        Assert.Equal(Fraction.One, result.Indicators[1].Uncensored);
    }

    [Fact]
    public void Policies_are_per_dimension()
    {
        var design = MpiDesign.Create(
            [new MpiIndicator("a1", "A", F("1/4")), new MpiIndicator("a2", "A", F("1/4")), new MpiIndicator("b1", "B", F("1/4")), new MpiIndicator("b2", "B", F("1/4"))],
            MissingPolicy.Incomplete,
            new Dictionary<string, MissingPolicy> { ["A"] = MissingPolicy.Reweight }).Value;
        Assert.Equal(MissingPolicy.Reweight, design.PolicyOf("A"));
        var result = AlkireFoster.Compute(design, Matrix([null, 1, 0, 0], [1, 1, null, 0]), new MpiCutoffs(F("1/2"))).Value;
        Assert.False(result.IsIncomplete(0));
        Assert.Equal(F("1/2"), result.Score(0));
        Assert.True(result.IsIncomplete(1));
    }

    [Fact]
    public void Subgroup_shares_are_population_shares_of_m0()
    {
        var result = AlkireFoster.Compute(
            Flat("1/4", "1/4", "1/4", "1/4"),
            Matrix([0, 0, 0, 0], [1, 0, 0, 1], [1, 1, 1, 1], [0, 1, 0, 0]),
            new MpiCutoffs(F("1/2")),
            subgroups: Subgroups.FromLabels(["城镇", "农村", "农村", "城镇"])).Value;
        Assert.Equal(["城镇", "农村"], result.Subgroups.Select(s => s.Label));
        var rural = result.Subgroups[1];
        Assert.Equal(F("2"), rural.N);
        Assert.Equal(Fraction.One, rural.H);
        Assert.Equal(F("3/4"), rural.M0);
        Assert.Equal(Fraction.One, rural.Share);
        Assert.Equal(Fraction.Zero, result.Subgroups[0].M0);
        Assert.Equal(Fraction.Zero, result.Subgroups[0].A);
    }

    [Fact]
    public void An_empty_population_gives_zeros_not_a_division_by_zero()
    {
        var result = AlkireFoster.Compute(Flat("1"), new DeprivationMatrix(0, 1), new MpiCutoffs(Fraction.One)).Value;
        Assert.Equal(Fraction.Zero, result.H);
        Assert.Equal(Fraction.Zero, result.M0);
        Assert.Equal(Fraction.Zero, result.Indicators[0].Contribution);
    }

    [Fact]
    public void A_million_units_of_fifteen_indicators_give_the_closed_form_headcount()
    {
        // Each 15-bit pattern appears 30 times (983,040 units): H at k = 1/3 (five of fifteen) is the binomial tail.
        const int m = 15, repeats = 30, patterns = 1 << m;
        var matrix = new DeprivationMatrix(patterns * repeats, m);
        var sizes = new long[matrix.Units];
        for (var i = 0; i < matrix.Units; i++)
        {
            var bits = i % patterns;
            var row = matrix.Row(i);
            for (var j = 0; j < m; j++)
            {
                row[j] = (byte)(bits >> j & 1);
            }

            sizes[i] = 1 + i % 3;
        }

        var design = Flat([.. Enumerable.Repeat("1/15", m)]);
        var result = AlkireFoster.Compute(design, matrix, new MpiCutoffs(F("1/3")), UnitWeights.FromIntegers(sizes).Value).Value;

        BigInteger poorPatterns = 0, poorDeprivations = 0;
        for (var c = 5; c <= m; c++)
        {
            poorPatterns += Binomial(m, c);
            poorDeprivations += Binomial(m, c) * c;
        }

        Assert.Equal(Fraction.Create(poorPatterns, patterns), result.H);
        Assert.Equal(Fraction.Create(poorDeprivations, poorPatterns * m), result.A);
        Assert.Equal(F("1/2"), result.Indicators[7].Uncensored);
        Assert.Equal(Fraction.One, result.Indicators.Aggregate(Fraction.Zero, (s, i) => s + i.Contribution));
        Assert.True(result.IsPoor(0b11111));
        Assert.False(result.IsPoor(0b1111));
    }

    private static BigInteger Binomial(int n, int k)
    {
        BigInteger r = 1;
        for (var i = 1; i <= k; i++)
        {
            r = r * (n - k + i) / i;
        }

        return r;
    }
}
