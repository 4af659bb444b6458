using System.Text.Json;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Scales;

namespace Jiuzhu.Tests.Assessment;

/// <summary>Every value in ../shared/data/vectors/assessment-scales.json, and the change rules' edges.</summary>
public sealed class ScaleTests
{
    private static readonly JsonElement Vectors =
        JsonDocument.Parse(File.ReadAllText(SharedData.Path("vectors", "assessment-scales.json"))).RootElement.Clone();

    private static readonly JsonElement Barthel = Vectors.GetProperty("barthel_index");
    private static readonly JsonElement Gbt = Vectors.GetProperty("gb_t_42195_2022_elderly_ability");

    private static Dictionary<string, int> FullBarthel() => BarthelIndex.Items.ToDictionary(i => i.Key, i => i.Max);

    [Fact]
    public void Barthel_items_and_allowed_scores_are_those_of_the_vectors()
    {
        var expected = Barthel.GetProperty("item_allowed_scores").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(expected.Keys, BarthelIndex.Items.Select(i => i.Key));
        Assert.All(BarthelIndex.Items, i => Assert.Equal(expected[i.Key], i.AllowedScores));
        Assert.All(BarthelIndex.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Label)));
        Assert.Equal(Barthel.GetProperty("max_total").GetInt32(), BarthelIndex.Items.Sum(i => i.Max));
    }

    [Fact]
    public void Barthel_examples_give_their_totals_and_both_bands()
    {
        foreach (var example in Barthel.GetProperty("examples").EnumerateArray())
        {
            var items = example.GetProperty("items").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            var result = BarthelIndex.Score(items).Value;
            Assert.Equal(example.GetProperty("total").GetInt32(), result.Total);
            Assert.Equal(example.GetProperty("band_shah_1989").GetString(), result.ShahBand.EnglishName());
            Assert.Equal(example.GetProperty("band_cn_clinical").GetString(), result.ClinicalBand.ChineseName());
        }
    }

    [Fact]
    public void Barthel_bandings_match_the_vectors_at_every_boundary()
    {
        static IEnumerable<(int From, int To, string Label)> Ranges(JsonElement bands) =>
            bands.EnumerateObject().Select(p =>
            {
                var range = p.Name.TrimStart('<', '=');
                var parts = range.Split('-');
                var from = p.Name.StartsWith("<=", StringComparison.Ordinal) ? 0 : int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
                var to = int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture);
                return (from, to, p.Value.GetString()!);
            });

        var shah = Ranges(Barthel.GetProperty("bands_shah_1989")).ToList();
        Assert.Equal(0, shah[0].From);
        Assert.Equal(100, shah[^1].To);
        foreach (var (from, to, label) in shah)
        {
            foreach (var total in new[] { from, to })
            {
                // The vectors shorten "severe dependency" to "severe" in the band table.
                Assert.StartsWith(label, BarthelIndex.ShahBandOf(total).EnglishName(), StringComparison.Ordinal);
            }
        }

        var clinical = Ranges(Barthel.GetProperty("bands_cn_clinical")).ToList();
        foreach (var (from, to, label) in clinical)
        {
            Assert.Equal(label, BarthelIndex.ClinicalBandOf(from).ChineseName());
            Assert.Equal(label, BarthelIndex.ClinicalBandOf(to).ChineseName());
        }

        Assert.Equal(BarthelClinicalBand.Severe, BarthelIndex.ClinicalBandOf(40));
        Assert.Equal(BarthelClinicalBand.Moderate, BarthelIndex.ClinicalBandOf(41));
        Assert.Equal(BarthelShahBand.SevereDependency, BarthelIndex.ShahBandOf(21));
        Assert.Equal(BarthelShahBand.ModerateDependency, BarthelIndex.ShahBandOf(90));
        Assert.Equal(BarthelShahBand.SlightDependency, BarthelIndex.ShahBandOf(91));
    }

    [Fact]
    public void Barthel_refuses_disallowed_missing_and_unknown_items_in_chinese()
    {
        var items = FullBarthel();
        items["feeding"] = 7;
        var error = BarthelIndex.Score(items).Error!;
        Assert.Equal("barthel.score_not_allowed", error.Code);
        Assert.Equal("“进食”的得分只能是 0、5、10，收到 7", error.Message);

        items = FullBarthel();
        items["bathing"] = 10; // bathing is 0 or 5 only
        Assert.Equal("barthel.score_not_allowed", BarthelIndex.Score(items).Error!.Code);

        items = FullBarthel();
        items.Remove("stairs");
        Assert.Equal("缺少“上下楼梯”的得分", BarthelIndex.Score(items).Error!.Message);

        items = FullBarthel();
        items["walking"] = 15;
        Assert.Equal("barthel.unknown_item", BarthelIndex.Score(items).Error!.Code);
    }

    [Fact]
    public void Gbt42195_dimensions_items_and_maxima_are_those_of_the_vectors()
    {
        var dimensions = Gbt.GetProperty("dimensions");
        Assert.Equal(dimensions.EnumerateObject().Select(p => p.Name), ElderlyAbility.Dimensions.Select(d => d.Key));
        foreach (var dimension in ElderlyAbility.Dimensions)
        {
            var expected = dimensions.GetProperty(dimension.Key);
            Assert.Equal(expected.GetProperty("items").EnumerateArray().Select(e => e.GetString()), dimension.Items.Select(i => i.Label));
            Assert.Equal(expected.GetProperty("max").EnumerateArray().Select(e => e.GetInt32()), dimension.Items.Select(i => i.Max));
            Assert.Equal(expected.GetProperty("dimension_max").GetInt32(), dimension.Max);
            Assert.All(dimension.Items, i => Assert.Equal(Enumerable.Range(0, i.Max + 1), i.AllowedScores));
        }

        Assert.Equal(Gbt.GetProperty("total_max").GetInt32(), ElderlyAbility.Dimensions.Sum(d => d.Max));
        Assert.Equal(26, ElderlyAbility.Dimensions.Sum(d => d.Items.Count));
        Assert.Equal(["自理能力", "基础运动能力", "精神状态", "感知觉与社会参与"], ElderlyAbility.Dimensions.Select(d => d.Label));
    }

    private static Dictionary<ElderlyAbilityDimension, IReadOnlyList<int>> Scores(JsonElement example) =>
        ElderlyAbility.Dimensions.ToDictionary(
            d => d.Dimension,
            d => (IReadOnlyList<int>)[.. example.GetProperty(d.Key).EnumerateArray().Select(e => e.GetInt32())]);

    [Fact]
    public void Gbt42195_examples_give_their_totals_and_levels()
    {
        foreach (var example in Gbt.GetProperty("examples").EnumerateArray())
        {
            Assert.Empty(example.GetProperty("flags").EnumerateObject());
            var result = ElderlyAbility.Assess(Scores(example)).Value;
            Assert.Equal(example.GetProperty("total").GetInt32(), result.Total);
            Assert.Equal(example.GetProperty("initial_level").GetInt32(), (int)result.InitialLevel);
            Assert.Equal(example.GetProperty("initial_level_name").GetString(), result.InitialLevel.ChineseName());
            Assert.Equal(example.GetProperty("final_level").GetInt32(), (int)result.FinalLevel);
            Assert.Equal(example.GetProperty("final_level_name").GetString(), result.FinalLevel.ChineseName());
            Assert.Empty(result.Adjustments);
        }
    }

    [Fact]
    public void Gbt42195_level_bands_match_the_vectors_at_every_boundary()
    {
        foreach (var level in Gbt.GetProperty("levels").EnumerateObject())
        {
            var range = level.Value.GetString()!.Split(' ')[0].Split('-');
            foreach (var total in range.Select(r => int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)))
            {
                Assert.Equal(int.Parse(level.Name, System.Globalization.CultureInfo.InvariantCulture), (int)ElderlyAbility.LevelOfTotal(total));
            }
        }

        Assert.Equal(["能力完好", "轻度失能", "中度失能", "重度失能", "完全失能"], Enum.GetValues<ElderlyAbilityLevel>().Select(l => l.ShortName()));
    }

    private static Dictionary<string, int> AllAt(int total)
    {
        // Fill items from the top until the wanted total is reached.
        var scores = ElderlyAbility.Dimensions.SelectMany(d => d.Items).ToDictionary(i => i.Key, _ => 0);
        var left = total;
        foreach (var item in ElderlyAbility.Dimensions.SelectMany(d => d.Items))
        {
            scores[item.Key] = Math.Min(item.Max, left);
            left -= scores[item.Key];
        }

        return scores;
    }

    [Theory]
    [InlineData(90, false, false, false, 0, 0, 0)]
    [InlineData(90, false, true, false, 0, 0, 1)] // dementia: +1
    [InlineData(90, false, false, true, 0, 0, 1)] // other mental disorder: +1
    [InlineData(90, false, false, false, 1, 0, 0)] // one event is not enough
    [InlineData(90, false, false, false, 2, 0, 1)] // two events: +1
    [InlineData(66, false, true, true, 5, 1, 2)] // several reasons still raise one level
    [InlineData(65, false, false, false, 3, 2, 3)]
    [InlineData(30, false, true, false, 0, 3, 4)]
    [InlineData(29, false, true, false, 2, 4, 4)] // never above 4
    [InlineData(90, true, false, false, 0, 0, 4)] // coma: 4 directly, whatever the score
    [InlineData(45, true, true, false, 2, 3, 4)]
    public void Gbt42195_change_rules(int total, bool coma, bool dementia, bool other, int events, int initial, int final)
    {
        var result = ElderlyAbility.Assess(AllAt(total), new ElderlyAbilityFlags(coma, dementia, other, events)).Value;
        Assert.Equal(total, result.Total);
        Assert.Equal((ElderlyAbilityLevel)initial, result.InitialLevel);
        Assert.Equal((ElderlyAbilityLevel)final, result.FinalLevel);
        Assert.Equal(coma || dementia || other || events >= 2, result.Adjustments.Count > 0);
    }

    [Fact]
    public void Gbt42195_refuses_out_of_range_scores_wrong_counts_and_unknown_items()
    {
        var scores = AllAt(90);
        scores["stairs"] = 4; // 上下楼梯 is 0–3
        var error = ElderlyAbility.Assess(scores).Error!;
        Assert.Equal("gbt42195.score_out_of_range", error.Code);
        Assert.Equal("“基础运动能力”第 4 项“上下楼梯”的得分只能是 0–3 的整数，收到 4", error.Message);

        scores = AllAt(90);
        scores["aggression"] = -1;
        Assert.Equal("gbt42195.score_out_of_range", ElderlyAbility.Assess(scores).Error!.Code);

        scores = AllAt(90);
        scores.Remove("vision");
        Assert.Equal("缺少“感知觉与社会参与”中“视力”的得分", ElderlyAbility.Assess(scores).Error!.Message);

        scores = AllAt(90);
        scores["feeding"] = 4;
        Assert.Equal("gbt42195.unknown_item", ElderlyAbility.Assess(scores).Error!.Code);

        var example = Gbt.GetProperty("examples")[0];
        var byDimension = Scores(example);
        byDimension[ElderlyAbilityDimension.Mental] = [4, 4, 4];
        Assert.Equal("“精神状态”应有 9 项评分，收到 3 项", ElderlyAbility.Assess(byDimension).Error!.Message);

        Assert.Equal("gbt42195.events_negative", ElderlyAbility.Assess(AllAt(90), new ElderlyAbilityFlags(CareRiskEventsLast30Days: -1)).Error!.Code);
    }

    [Fact]
    public void Scale_results_are_deprived_through_the_default_instrument_rules_with_the_changes_applied()
    {
        // The instrument path: the server rescores a member's items (MemberScale.Score) and the indicator's
        // deprivation rule reads the value (Barthel total; GB/T 42195 level after its change rules).
        var elderly = DefaultInstrument.Definition.Indicators.Single(i => i.Code == "elderly_ability");
        var barthel = DefaultInstrument.Definition.Indicators.Single(i => i.Code == "barthel");
        bool ElderlyDeprived(int total, ElderlyAbilityFlags? flags = null) =>
            elderly.Rule.IsDeprived(new MemberScale(Guid.Empty, ScaleMeasure.ElderlyAbilityLevel, AllAt(total), Flags: flags).Score().Value.Value);
        bool BarthelDeprived(Dictionary<string, int> items) =>
            barthel.Rule.IsDeprived(new MemberScale(Guid.Empty, ScaleMeasure.BarthelTotal, items).Score().Value.Value);

        Assert.True(ElderlyDeprived(65));
        Assert.False(ElderlyDeprived(66));
        Assert.True(ElderlyDeprived(66, new ElderlyAbilityFlags(Dementia: true)));

        var items = FullBarthel();
        items["transfers"] = 0;
        items["mobility"] = 0;
        items["stairs"] = 0;
        Assert.Equal(60, BarthelIndex.Score(items).Value.Total);
        Assert.True(BarthelDeprived(items));
        items["stairs"] = 5;
        Assert.False(BarthelDeprived(items));
        Assert.False(BarthelDeprived(FullBarthel()));
    }
}
