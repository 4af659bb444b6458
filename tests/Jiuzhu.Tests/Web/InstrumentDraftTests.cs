using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Web.Components.Assessment;

namespace Jiuzhu.Tests.Web;

/// <summary>The instrument editor's working copy: what it saves is exactly what the page shows.</summary>
public sealed class InstrumentDraftTests
{
    [Fact]
    public void An_unchanged_draft_gives_back_the_definition_it_was_made_from()
    {
        var draft = InstrumentDraft.From(DefaultInstrument.Name, DefaultInstrument.Definition);

        Assert.Equal(DefaultInstrument.Definition.ToJson(), draft.ToDefinition().ToJson());
        Assert.Equal(Fraction.One, draft.WeightSum());
        Assert.All(draft.Dimensions, d => Assert.Equal(Fraction.One, d.ShareSum()));
    }

    [Fact]
    public void Changing_the_income_line_changes_only_that_rule()
    {
        var draft = InstrumentDraft.From(DefaultInstrument.Name, DefaultInstrument.Definition);
        draft.Indicators.Single(i => i.Code == "income").Cutoff = 1000m;

        var income = draft.ToDefinition().Indicators.Single(i => i.Code == "income");
        Assert.Equal((RuleOperator.Below, 1000m), (income.Rule.Operator, income.Rule.Cutoff));
        Assert.Equal("低于 1000 元/月", income.Rule.Describe(income));
        Assert.True(draft.ToDefinition().Validate().IsSuccess);
    }

    [Fact]
    public void A_new_dimension_gets_a_free_ascii_code_and_an_indicator_and_the_weights_must_be_rebalanced()
    {
        var draft = InstrumentDraft.From(DefaultInstrument.Name, DefaultInstrument.Definition);
        var added = draft.AddDimension();

        Assert.True(added.IsNew);
        Assert.Equal("dimension_1", added.Code);
        Assert.True(InstrumentText.IsValidCode(added.Code));
        Assert.Equal("indicator_1", Assert.Single(added.Indicators).Code);
        Assert.Equal("1", added.Indicators[0].Share);
        Assert.Equal(RuleOperator.Yes, added.Indicators[0].Operator);

        added.Name = "心理健康";
        added.Indicators[0].Name = "心理困扰";
        added.Indicators[0].Question = "是否有成员长期情绪低落或有心理困扰？";
        var invalid = draft.ToDefinition().Validate();
        Assert.False(invalid.IsSuccess);
        Assert.Contains("维度“心理健康”的权重“”必须是大于 0 的分数或小数", invalid.Error!.Message, StringComparison.Ordinal);

        foreach (var d in draft.Dimensions)
        {
            d.Weight = "1/9";
        }

        Assert.True(draft.ToDefinition().Validate().IsSuccess);
        Assert.Equal("1/9（11.11%）", InstrumentText.Fraction(draft.Dimensions[0].Weight));
        Assert.Equal("1/18（5.56%）", InstrumentText.Fraction(InstrumentText.Effective("1/9", "1/2")!.Value));
    }

    [Fact]
    public void A_choice_indicator_gets_two_options_and_keeps_only_listed_options_as_deprived()
    {
        var draft = InstrumentDraft.From(DefaultInstrument.Name, DefaultInstrument.Definition);
        var education = draft.Dimensions.Single(d => d.Code == "education");
        var choice = draft.AddIndicator(education, IndicatorKind.Choice);
        Assert.Equal(RuleOperator.In, choice.Operator);
        Assert.Equal([1, 2], choice.Options.Select(o => o.Value));

        var third = choice.AddOption();
        choice.Deprived.Add(third.Value);
        choice.Deprived.Add(1);
        choice.RemoveOption(third);

        Assert.Equal([1], choice.ToDefinition().Rule.Values!);
        choice.SetKind(IndicatorKind.Number);
        Assert.Equal(RuleOperator.Below, choice.Operator);
        Assert.Null(choice.ToDefinition().Options);
    }

    [Theory]
    [InlineData("income_2", true)]
    [InlineData("Income", false)]
    [InlineData("2income", false)]
    [InlineData("收入", false)]
    [InlineData("", false)]
    public void Codes_are_lower_case_ascii(string code, bool valid) => Assert.Equal(valid, InstrumentText.IsValidCode(code));
}
