using Jiuzhu.Assessment.Policy;
using Jiuzhu.Registry.Domain;
using Jiuzhu.Web.Components.Assessment;

namespace Jiuzhu.Tests.Web;

public sealed class PolicyDraftTests
{
    [Fact]
    public void The_default_policy_comes_back_unchanged_from_the_editor()
    {
        var draft = PolicyDraft.From(AssessmentPolicy.Default);
        Assert.Equal(AssessmentPolicy.Default.ToJson(), draft.ToPolicy().ToJson());
    }

    [Fact]
    public void New_rules_get_ASCII_codes_no_other_rule_uses_and_empty_clauses_are_left_out()
    {
        var draft = PolicyDraft.From(AssessmentPolicy.Default);
        var first = draft.AddRule("新规则");
        var second = draft.AddRule("新规则");
        Assert.Equal(("rule_1", "rule_2"), (first.Code, second.Code));

        first.MinScore = " 1/4 ";
        first.Poor = Clause.No;
        first.Needs = [NeedFlags.Dependent];
        var rule = first.ToRule();
        Assert.Equal(new TierCondition("1/4", false, null, rule.When.Needs, null), rule.When);
        Assert.Equal([NeedFlags.Dependent], rule.When.Needs!);
        Assert.Equal(new TierCondition(), second.ToRule().When);
        Assert.True(draft.ToPolicy().Validate().IsSuccess);

        first.MinScore = "3/2";
        Assert.Contains("最低得分“3/2”", draft.ToPolicy().Validate().Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_editor_shows_every_category_and_saves_what_was_changed()
    {
        var draft = PolicyDraft.From(AssessmentPolicy.Default with { Reassessment = new ReassessmentCadence(12, 6) });
        Assert.Equal(Enum.GetValues<AssistanceCategory>(), draft.Cadences.Select(c => c.Category));
        Assert.All(draft.Cadences, c => Assert.Equal((12, 6), (c.StableMonths, c.VariableIncomeMonths)));

        draft.Cadences.Single(c => c.Category == AssistanceCategory.ExtremelyPoor).VariableIncomeMonths = 12;
        draft.Cadences.Single(c => c.Category == AssistanceCategory.MinimumLivingEdge).StableMonths = 0;
        var policy = draft.ToPolicy();
        Assert.Equal(12, policy.Reassessment.Due(AssistanceCategory.ExtremelyPoor, NeedFlags.WorkingAgeAble).Months);
        Assert.Contains("“低保边缘”的复评周期必须是 1 到 60 个月", policy.Validate().Error!.Message, StringComparison.Ordinal);
    }
}
