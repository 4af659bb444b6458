using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;

namespace Jiuzhu.Tests.Assessment;

public sealed class InstrumentTests
{
    private static readonly InstrumentDefinition Default = DefaultInstrument.Definition;

    // Every indicator answered "not deprived", no scale needed.
    private static Dictionary<string, decimal?> NoneDeprived() => new()
    {
        ["income"] = 2000m, ["rigid_spending"] = 10m, ["serious_illness"] = 0, ["severe_disability"] = 0,
        ["barthel"] = InstrumentEvaluation.NotApplicable, ["elderly_ability"] = InstrumentEvaluation.NotApplicable,
        ["school_dropout"] = 0, ["adult_schooling"] = 3, ["unsafe_housing"] = 0, ["water_sanitation"] = 0,
        ["no_stable_work"] = 0, ["no_caregiver"] = 0, ["child_guardianship"] = 0, ["no_support_network"] = 0, ["isolation"] = 0,
    };

    [Fact]
    public void The_default_instrument_is_valid_covers_the_eight_dimensions_and_round_trips_through_json()
    {
        Assert.True(Default.Validate().IsSuccess);
        Assert.Equal(
            ["经济状况", "健康状况", "生活能力", "教育", "住房", "就业", "监护照料", "社会融入"],
            Default.Dimensions.Select(d => d.Name));
        var back = InstrumentDefinition.FromJson(Default.ToJson());
        Assert.True(back.IsSuccess);
        Assert.Equal(Default.ToJson(), back.Value.ToJson());
        Assert.Equal(15, Default.ToDesign().Indicators.Count);
    }

    [Fact]
    public void A_household_deprived_in_nothing_scores_zero_and_is_not_poor()
    {
        var outcome = InstrumentEvaluation.Evaluate(Default, NoneDeprived(), []);
        Assert.False(outcome.Incomplete);
        Assert.Equal(Fraction.Zero, outcome.Score);
        Assert.False(outcome.Poor);
        Assert.Equal(0, outcome.DeprivedMask);
    }

    [Fact]
    public void Three_whole_dimensions_of_eight_make_a_household_poor_at_k_one_third_and_scattered_indicators_do_not()
    {
        var scattered = NoneDeprived();
        scattered["income"] = 500m;          // 1/16
        scattered["serious_illness"] = 1;    // 1/16
        scattered["isolation"] = 1;          // 1/16
        var a = InstrumentEvaluation.Evaluate(Default, scattered, []);
        Assert.Equal(Fraction.Create(3, 16), a.Score);
        Assert.False(a.Poor);

        var whole = NoneDeprived();
        whole["no_stable_work"] = 1;          // employment 1/8
        whole["unsafe_housing"] = 1;          // housing 1/16 + 1/16
        whole["water_sanitation"] = 1;
        whole["no_caregiver"] = 1;            // guardianship 1/16 + 1/16
        whole["child_guardianship"] = 1;
        var b = InstrumentEvaluation.Evaluate(Default, whole, []);
        Assert.Equal(Fraction.Create(3, 8), b.Score);
        Assert.True(b.Poor);
        Assert.Equal(Fraction.Create(1, 8), b.Dimensions.Single(d => d.Code == "housing").Deprived);
    }

    [Fact]
    public void Income_below_the_cutoff_is_deprived_and_at_the_cutoff_is_not()
    {
        var answers = NoneDeprived();
        answers["income"] = 900m;
        Assert.Equal(Deprivation.NotDeprived, InstrumentEvaluation.Evaluate(Default, answers, []).Indicators.Single(i => i.Code == "income").State);
        answers["income"] = 899.99m;
        Assert.Equal(Deprivation.Deprived, InstrumentEvaluation.Evaluate(Default, answers, []).Indicators.Single(i => i.Code == "income").State);
    }

    [Fact]
    public void A_missing_answer_is_reweighted_within_its_dimension_and_never_counted_as_not_deprived()
    {
        var answers = NoneDeprived();
        answers.Remove("serious_illness");
        answers["severe_disability"] = 1;
        var outcome = InstrumentEvaluation.Evaluate(Default, answers, []);
        Assert.False(outcome.Incomplete);
        // The observed health indicator carries the whole health weight.
        Assert.Equal(Fraction.Create(1, 8), outcome.Score);
        Assert.Equal(Deprivation.Missing, outcome.Indicators.Single(i => i.Code == "serious_illness").State);
        Assert.Equal(1L << 2, outcome.MissingMask);
    }

    [Fact]
    public void A_missing_answer_under_the_incomplete_policy_or_a_wholly_missing_dimension_makes_the_assessment_incomplete()
    {
        var employment = NoneDeprived();
        employment["no_stable_work"] = null;
        var a = InstrumentEvaluation.Evaluate(Default, employment, []);
        Assert.True(a.Incomplete);
        Assert.Null(a.Score);
        Assert.False(a.Poor);

        var housing = NoneDeprived();
        housing.Remove("unsafe_housing");
        housing.Remove("water_sanitation");
        Assert.True(InstrumentEvaluation.Evaluate(Default, housing, []).Incomplete);
    }

    [Fact]
    public void Scale_indicators_read_the_worst_member_and_need_an_explicit_not_applicable_when_nobody_was_assessed()
    {
        var answers = NoneDeprived();
        var father = Guid.NewGuid();
        var mother = Guid.NewGuid();
        MemberScaleResult[] scales =
        [
            new(father, ScaleMeasure.BarthelTotal, 85m),
            new(mother, ScaleMeasure.BarthelTotal, 60m),
            new(mother, ScaleMeasure.ElderlyAbilityLevel, 1m),
        ];
        var outcome = InstrumentEvaluation.Evaluate(Default, answers, scales);
        var barthel = outcome.Indicators.Single(i => i.Code == "barthel");
        Assert.Equal(Deprivation.Deprived, barthel.State);
        Assert.Equal(60m, barthel.Value);
        Assert.Equal(Deprivation.NotDeprived, outcome.Indicators.Single(i => i.Code == "elderly_ability").State);

        answers.Remove("barthel");
        Assert.Equal(Deprivation.Missing, InstrumentEvaluation.Evaluate(Default, answers, []).Indicators.Single(i => i.Code == "barthel").State);
    }

    [Fact]
    public void The_k_boundary_is_exact_for_thirds_sixths_and_tenths()
    {
        static InstrumentDefinition Equal(int count, string k) => new(
            k,
            [.. Enumerable.Range(0, count).Select(n => new DimensionDefinition(
                $"d{n}", $"维度{n}", $"1/{count}", MissingPolicy.Incomplete,
                [new IndicatorDefinition($"i{n}", $"指标{n}", "是否剥夺？", IndicatorKind.YesNo, "1", new DeprivationRule(RuleOperator.Yes))]))]);

        foreach (var (count, deprived, k) in new[] { (3, 1, "1/3"), (6, 2, "1/3"), (18, 6, "1/3"), (10, 8, "0.8"), (10, 3, "0.3") })
        {
            var definition = Equal(count, k);
            Assert.True(definition.Validate().IsSuccess);
            var answers = Enumerable.Range(0, count).ToDictionary(n => $"i{n}", n => (decimal?)(n < deprived ? 1 : 0));
            var atK = InstrumentEvaluation.Evaluate(definition, answers, []);
            Assert.True(atK.Poor, $"{deprived}/{count} against k = {k}");
            answers[$"i{deprived - 1}"] = 0;
            Assert.False(InstrumentEvaluation.Evaluate(definition, answers, []).Poor);
        }
    }

    [Fact]
    public void An_invalid_definition_reports_every_problem_in_chinese()
    {
        var bad = Default with
        {
            K = "2",
            Dimensions =
            [
                Default.Dimensions[0] with { Weight = "1/2" },
                Default.Dimensions[1] with
                {
                    Weight = "1/3",
                    Indicators =
                    [
                        Default.Dimensions[1].Indicators[0] with { Rule = new DeprivationRule(RuleOperator.Below, 3m) },
                        Default.Dimensions[1].Indicators[1] with { Code = "income" },
                    ],
                },
            ],
        };
        var result = bad.Validate();
        Assert.False(result.IsSuccess);
        Assert.Equal("instrument.invalid", result.Error!.Code);
        Assert.Contains("贫困临界值 k", result.Error.Message);
        Assert.Contains("各维度权重之和必须等于 1，现在是 5/6", result.Error.Message);
        Assert.Contains("是非题", result.Error.Message);
        Assert.Contains("代码为空或重复", result.Error.Message);
    }

    [Fact]
    public void Rules_describe_themselves_for_the_explanation()
    {
        var income = Default.Indicators.Single(i => i.Code == "income");
        Assert.Equal("低于 900 元/月", income.Rule.Describe(income));
        var schooling = Default.Indicators.Single(i => i.Code == "adult_schooling");
        Assert.Equal("选择“未上学”、“小学”", schooling.Rule.Describe(schooling));
    }
}

public sealed class InstrumentUtf8Tests
{
    [Fact]
    public void Reading_stored_answers_directly_gives_the_same_row_as_reading_them_into_objects()
    {
        var definition = DefaultInstrument.Definition;
        var compiled = new CompiledInstrument(definition);
        var codes = definition.Indicators.Select(i => i.Code).ToArray();
        var random = new Random(42);
        for (var n = 0; n < 2000; n++)
        {
            var values = new Dictionary<string, decimal?>();
            foreach (var code in codes.OrderBy(_ => random.Next()))
            {
                var roll = random.Next(10);
                if (roll == 0)
                {
                    continue;
                }

                values[code] = roll == 1 ? null : random.Next(0, 3) == 0 ? random.Next(0, 6) : random.Next(0, 2000) + (random.Next(0, 2) * 0.5m);
            }

            if (random.Next(5) == 0)
            {
                values["unknown_code"] = 3;
            }

            var scales = Enumerable.Range(0, random.Next(0, 3))
                .Select(_ => new MemberScale(Guid.NewGuid(), random.Next(2) == 0 ? ScaleMeasure.BarthelTotal : ScaleMeasure.ElderlyAbilityLevel,
                    new Dictionary<string, int> { ["feeding"] = 5 }, random.Next(0, 101)))
                .ToList();
            var answers = new AssessmentAnswers(values, scales, random.Next(3) == 0 ? "入户核查" : null);
            var json = answers.ToJson();

            var expected = new byte[codes.Length];
            var back = AssessmentAnswers.FromJson(json);
            InstrumentEvaluation.Fill(definition, back.Values, back.ScaleResults, expected);
            var actual = new byte[codes.Length];
            InstrumentEvaluation.FillUtf8(compiled, System.Text.Encoding.UTF8.GetBytes(json), actual);
            Assert.Equal(expected, actual);

            // The compact inputs kept for recomputation say the same, whether made from the objects or from the JSON.
            var identity = compiled.MapFrom(compiled);
            var fromObjects = IndicatorInputs.FromAnswers(compiled, back.Values, back.ScaleResults);
            Assert.Equal(fromObjects, IndicatorInputs.FromJson(compiled, System.Text.Encoding.UTF8.GetBytes(json)));
            var decoded = new byte[codes.Length];
            IndicatorInputs.Fill(compiled, identity, fromObjects, decoded);
            Assert.Equal(expected, decoded);
            Assert.True(fromObjects.Length < 96, $"{fromObjects.Length} bytes");

            // Under a later version with an indicator dropped, one added and the order changed, they read like the answers do.
            var later = new byte[Later.Indicators.Length];
            InstrumentEvaluation.FillUtf8(Later, System.Text.Encoding.UTF8.GetBytes(json), later);
            var laterDecoded = new byte[Later.Indicators.Length];
            IndicatorInputs.Fill(Later, Later.MapFrom(compiled), fromObjects, laterDecoded);
            Assert.Equal(later, laterDecoded);
        }
    }

    private static readonly CompiledInstrument Later = new(DefaultInstrument.Definition with
    {
        Dimensions =
        [
            .. DefaultInstrument.Definition.Dimensions.Reverse().Select(d => d with
            {
                Indicators =
                [
                    .. d.Indicators.Where(i => i.Code != "isolation").Reverse()
                        .Select(i => i.Code == "income" ? i with { Rule = i.Rule with { Cutoff = 1000m } } : i),
                    .. d.Code == DefaultInstrument.Definition.Dimensions[0].Code
                        ? new[] { d.Indicators[0] with { Code = "new_indicator", Name = "新指标" } }
                        : Array.Empty<IndicatorDefinition>(),
                ],
            }),
        ],
    });

    [Theory]
    [InlineData("0")]
    [InlineData("-12.5")]
    [InlineData("1999.99")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-0.0000000000000000000000000001")]
    [InlineData("9223372036854775808")]
    public void Compact_inputs_keep_every_decimal_exactly(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var compiled = new CompiledInstrument(DefaultInstrument.Definition);
        var n = compiled.Indicators.Length;
        var values = new decimal[n];
        var present = new bool[n];
        values[3] = value;
        present[3] = true;
        var worst = default(ScaleWorst).With(ScaleMeasure.BarthelTotal, value).With(ScaleMeasure.ElderlyAbilityLevel, 2);
        var encoded = IndicatorInputs.Encode(compiled, values, present, worst);
        var back = new decimal[n];
        var backPresent = new bool[n];
        IndicatorInputs.Decode(compiled.MapFrom(compiled), encoded, back, backPresent, out var backWorst);
        Assert.Equal(value, back[3]);
        Assert.Equal(present, backPresent);
        Assert.Equal((value, 2m), (backWorst.Barthel, backWorst.Elderly));
        Assert.Throws<FormatException>(() => IndicatorInputs.Decode(new int[n + 1], encoded, back, backPresent, out _));
    }
}
