using System.Text.Json;
using Jiuzhu.Assessment.Mpi;

namespace Jiuzhu.Tests.Assessment;

/// <summary>Every value in ../shared/data/vectors/alkire-foster.json.</summary>
public sealed class AlkireFosterVectorTests
{
    private static readonly JsonElement Vectors =
        JsonDocument.Parse(File.ReadAllText(SharedData.Path("vectors", "alkire-foster.json"))).RootElement.Clone();

    public static TheoryData<string> ExampleIds()
    {
        var ids = new TheoryData<string>();
        foreach (var example in Vectors.GetProperty("examples").EnumerateArray())
        {
            ids.Add(example.GetProperty("id").GetString()!);
        }

        return ids;
    }

    private static JsonElement Example(string id) =>
        Vectors.GetProperty("examples").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

    /// <summary>A number or a fraction string ("1/2", "0", 0).</summary>
    internal static Fraction Exact(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? Fraction.Parse(value.GetString()!)
        : Fraction.Parse(value.GetRawText());

    internal static (MpiDesign Design, DeprivationMatrix Matrix, Fraction K) Load(JsonElement example)
    {
        var names = example.GetProperty("indicators").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var dimensionOf = new Dictionary<string, string>();
        foreach (var dimension in example.GetProperty("dimensions").EnumerateObject())
        {
            foreach (var indicator in dimension.Value.EnumerateArray())
            {
                dimensionOf[indicator.GetString()!] = dimension.Name;
            }
        }

        var weights = example.GetProperty("weights").EnumerateArray().Select(Exact).ToArray();
        var design = MpiDesign.Create([.. names.Select((n, j) => new MpiIndicator(n, dimensionOf[n], weights[j]))]).Value;
        var rows = example.GetProperty("deprivation_matrix_g0").EnumerateArray()
            .Select(r => (IReadOnlyList<int?>)[.. r.EnumerateArray().Select(c => (int?)c.GetInt32())])
            .ToList();
        return (design, DeprivationMatrix.FromRows(rows, names.Length), Exact(example.GetProperty("k")));
    }

    [Theory]
    [MemberData(nameof(ExampleIds))]
    public void Published_expectations_hold(string id)
    {
        var example = Example(id);
        var (design, matrix, k) = Load(example);
        var result = AlkireFoster.Compute(design, matrix, new MpiCutoffs(k)).Value;

        var published = example.GetProperty("published_test_expectations");
        Assert.Equal(published.GetProperty("H").GetDouble(), result.H.ToDouble(), 12);
        Assert.Equal(published.GetProperty("A").GetDouble(), result.A.ToDouble(), 12);
        Assert.Equal(published.GetProperty("M0").GetDouble(), result.M0.ToDouble(), 12);
        var sum = result.Indicators.Aggregate(Fraction.Zero, (s, i) => s + i.Contribution) * 100;
        Assert.Equal(Fraction.Parse(published.GetProperty("sum_of_contributions_percent").GetRawText()), sum);
    }

    [Theory]
    [MemberData(nameof(ExampleIds))]
    public void Every_computed_value_matches_exactly(string id)
    {
        var example = Example(id);
        var (design, matrix, k) = Load(example);
        var result = AlkireFoster.Compute(design, matrix, new MpiCutoffs(k)).Value;
        var computed = example.GetProperty("computed");

        var c = computed.GetProperty("c").EnumerateArray().Select(Exact).ToArray();
        var cFloat = computed.GetProperty("c_float").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var poor = computed.GetProperty("is_poor").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
        var censored = computed.GetProperty("censored_c").EnumerateArray().Select(Exact).ToArray();
        Assert.Equal(matrix.Units, c.Length);
        for (var i = 0; i < matrix.Units; i++)
        {
            Assert.Equal(c[i], result.Score(i));
            Assert.Equal(cFloat[i], result.Score(i)!.Value.ToDouble(), 12);
            Assert.Equal(poor[i], result.IsPoor(i));
            Assert.Equal(censored[i], result.CensoredScore(i));
        }

        Assert.Equal(Exact(computed.GetProperty("H")), result.H);
        Assert.Equal(Exact(computed.GetProperty("A")), result.A);
        Assert.Equal(Exact(computed.GetProperty("M0")), result.M0);
        Assert.Equal(computed.GetProperty("H_float").GetDouble(), result.H.ToDouble(), 12);
        Assert.Equal(computed.GetProperty("A_float").GetDouble(), result.A.ToDouble(), 12);
        Assert.Equal(computed.GetProperty("M0_float").GetDouble(), result.M0.ToDouble(), 12);

        var uncensored = computed.GetProperty("uncensored_headcount").EnumerateArray().Select(Exact).ToArray();
        var censoredHeadcount = computed.GetProperty("censored_headcount").EnumerateArray().Select(Exact).ToArray();
        var percent = computed.GetProperty("percent_contribution").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var j = 0; j < design.Indicators.Count; j++)
        {
            Assert.Equal(uncensored[j], result.Indicators[j].Uncensored);
            Assert.Equal(censoredHeadcount[j], result.Indicators[j].Censored);
            Assert.Equal(percent[j], Math.Round((result.Indicators[j].Contribution * 100).ToDouble(), 4));
        }
    }

    [Theory]
    [MemberData(nameof(ExampleIds))]
    public void Nested_weights_give_the_same_flat_weights_as_the_example(string id)
    {
        var example = Example(id);
        var (flat, _, _) = Load(example);
        var dimensions = example.GetProperty("dimensions").EnumerateObject()
            .Select(d =>
            {
                var members = d.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
                var weight = flat.Indicators.Where(i => members.Contains(i.Name)).Aggregate(Fraction.Zero, (s, i) => s + i.Weight);
                return new MpiDimension(d.Name, weight, [.. members.Select(n => new MpiIndicatorShare(n, flat.Indicators.Single(i => i.Name == n).Weight / weight))]);
            })
            .ToList();

        var nested = MpiDesign.Nested(dimensions).Value;
        Assert.Equal(flat.Indicators, nested.Indicators);
    }

    [Fact]
    public void Global_mpi_reference_weights_are_nested_thirds_and_sum_to_one()
    {
        var reference = Vectors.GetProperty("global_mpi_reference");
        var indicators = reference.GetProperty("indicators").EnumerateArray()
            .Select(e => new MpiIndicator(e.GetProperty("indicator").GetString()!, e.GetProperty("dimension").GetString()!, Exact(e.GetProperty("weight"))))
            .ToList();

        var design = MpiDesign.Create(indicators);
        Assert.True(design.IsSuccess);
        Assert.Equal(["Health", "Education", "Living standards"], design.Value.Dimensions);
        foreach (var dimension in design.Value.Dimensions)
        {
            Assert.Equal(Fraction.Create(1, 3), indicators.Where(i => i.Dimension == dimension).Aggregate(Fraction.Zero, (s, i) => s + i.Weight));
        }

        var nested = MpiDesign.Nested(
        [
            MpiDimension.Equal("Health", Fraction.Create(1, 3), MissingPolicy.Incomplete, "Nutrition", "Child mortality"),
            MpiDimension.Equal("Education", Fraction.Create(1, 3), MissingPolicy.Incomplete, "Years of schooling", "School attendance"),
            MpiDimension.Equal("Living standards", Fraction.Create(1, 3), MissingPolicy.Incomplete, "Cooking fuel", "Sanitation", "Drinking water", "Electricity", "Housing", "Assets"),
        ]).Value;
        Assert.Equal(design.Value.Indicators, nested.Indicators);
    }

    [Fact]
    public void Global_mpi_reference_bands_are_exact_at_their_boundaries()
    {
        var reference = Vectors.GetProperty("global_mpi_reference");
        var indicators = reference.GetProperty("indicators").EnumerateArray()
            .Select(e => new MpiIndicator(e.GetProperty("indicator").GetString()!, e.GetProperty("dimension").GetString()!, Exact(e.GetProperty("weight"))))
            .ToList();
        var design = MpiDesign.Create(indicators).Value;
        var k = Exact(reference.GetProperty("k"));
        var range = reference.GetProperty("vulnerable_range").GetString()!; // "[0.20,1/3)"
        var vulnerableFrom = Fraction.Parse(range[1..range.IndexOf(',', StringComparison.Ordinal)]);
        Assert.Equal(k, Fraction.Parse(range[(range.IndexOf(',', StringComparison.Ordinal) + 1)..^1]));
        var severeFrom = Fraction.Parse(reference.GetProperty("severe_poverty").GetString()!.TrimStart('>', '='));

        // Columns: Nutrition, Child mortality, Years of schooling, School attendance, then six living standards (1/18 each).
        int?[][] rows =
        [
            [1, 0, 1, 0, 0, 0, 0, 0, 0, 0], // 1/6 + 1/6 = 1/3 = k: poor
            [0, 0, 0, 0, 1, 1, 1, 1, 1, 1], // 6/18 = 1/3: poor
            [1, 0, 0, 0, 1, 1, 1, 0, 0, 0], // 1/6 + 3/18 = 1/3: poor
            [1, 0, 0, 0, 1, 1, 0, 0, 0, 0], // 5/18: vulnerable
            [0, 0, 0, 0, 1, 1, 1, 1, 0, 0], // 4/18 ≥ 0.2: vulnerable
            [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], // 3/18 < 0.2: neither
            [1, 1, 1, 0, 0, 0, 0, 0, 0, 0], // 1/2: severe
            [1, 0, 1, 0, 1, 1, 1, 1, 1, 0], // 1/3 + 5/18 = 11/18 ≥ 1/2: severe
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ];
        var matrix = DeprivationMatrix.FromRows([.. rows.Select(r => (IReadOnlyList<int?>)r)], 10);
        var result = AlkireFoster.Compute(design, matrix, new MpiCutoffs(k, vulnerableFrom, severeFrom)).Value;

        Assert.Equal([true, true, true, false, false, false, true, true, false], Enumerable.Range(0, rows.Length).Select(result.IsPoor));
        Assert.Equal(Fraction.Create(5, 9), result.H);
        Assert.Equal(Fraction.Create(2, 9), result.Vulnerable);
        Assert.Equal(Fraction.Create(2, 9), result.Severe);
        Assert.Equal(Fraction.Create(11, 18), result.Score(7));
        Assert.Equal("1/3", result.Score(0)!.Value.ToString());
        Assert.Equal(Fraction.Create(1, 5), vulnerableFrom);
        Assert.Equal(Fraction.Create(1, 2), severeFrom);
    }
}
