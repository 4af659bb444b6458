using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Tests.Assessment;

public sealed class PolicyTests
{
    private static readonly CompiledPolicy Policy = AssessmentPolicy.Default.Compile(DefaultInstrument.Definition);

    private static long Bits(params string[] codes)
    {
        var columns = DefaultInstrument.Definition.Indicators.Select(i => i.Code).ToList();
        return codes.Aggregate(0L, (mask, code) => mask | (1L << columns.IndexOf(code)));
    }

    private static TierInput Input(string? score, bool poor = false, long deprived = 0, NeedFlags needs = NeedFlags.None, bool incomplete = false) =>
        new(score is null ? null : Fraction.Parse(score), poor, incomplete, deprived, needs);

    [Fact]
    public void The_default_policy_is_valid_and_round_trips_through_json()
    {
        Assert.True(AssessmentPolicy.Default.Validate().IsSuccess);
        var back = AssessmentPolicy.FromJson(AssessmentPolicy.Default.ToJson());
        Assert.True(back.IsSuccess);
        Assert.Equal(AssessmentPolicy.Default.ToJson(), back.Value.ToJson());
    }

    [Fact]
    public void The_most_severe_rule_wins_and_is_named()
    {
        var d = Policy.Decide(Input("3/8", poor: true, deprived: Bits("child_guardianship", "unsafe_housing")));
        Assert.Equal((Tier.Red, "child_unguarded"), (d.Tier, d.RuleCode));

        var yellow = Policy.Decide(Input("3/8", poor: true, deprived: Bits("unsafe_housing")));
        Assert.Equal((Tier.Yellow, "poor"), (yellow.Tier, yellow.RuleCode));

        var green = Policy.Decide(Input("1/16", deprived: Bits("income")));
        Assert.Equal((Tier.Green, AssessmentPolicy.DefaultRuleCode), (green.Tier, green.RuleCode));
    }

    [Fact]
    public void Critical_combinations_need_every_part()
    {
        Assert.Equal(Tier.Red, Policy.Decide(Input("0", needs: NeedFlags.Dependent | NeedFlags.ElderlyLivingAlone | NeedFlags.Aged80Plus)).Tier);
        Assert.Equal(Tier.Green, Policy.Decide(Input("0", needs: NeedFlags.Dependent)).Tier);
        Assert.Equal(Tier.Red, Policy.Decide(Input("1/8", deprived: Bits("serious_illness", "rigid_spending"))).Tier);
        Assert.Equal(Tier.Green, Policy.Decide(Input("1/16", deprived: Bits("rigid_spending"))).Tier);
    }

    [Fact]
    public void The_score_threshold_is_exact_and_an_incomplete_assessment_is_yellow()
    {
        Assert.Equal("severe_poverty", Policy.Decide(Input("1/2", poor: true)).RuleCode);
        Assert.Equal("poor", Policy.Decide(Input("7/16", poor: true)).RuleCode);
        Assert.Equal("incomplete", Policy.Decide(Input(null, incomplete: true)).RuleCode);
    }

    [Fact]
    public void Phases_follow_their_criteria()
    {
        var today = new DateOnly(2026, 11, 29);
        Assert.Equal(Phase.Assistance, Policy.PhaseOf(Input("3/8", poor: true), Tier.Yellow, null, today));
        Assert.Equal(Phase.Assistance, Policy.PhaseOf(Input("1/16"), Tier.Green, null, today));
        Assert.Equal(Phase.Development, Policy.PhaseOf(Input("1/16", needs: NeedFlags.WorkingAgeAble), Tier.Green, null, today));
        Assert.Equal(Phase.Development, Policy.PhaseOf(Input("0", needs: NeedFlags.WorkingAgeAble), Tier.Green, today.AddMonths(-5), today));
        Assert.Equal(Phase.SelfReliance, Policy.PhaseOf(Input("0"), Tier.Green, today.AddMonths(-6), today));
        Assert.Equal(Phase.Assistance, Policy.PhaseOf(Input("0"), Tier.Red, today.AddMonths(-12), today));
    }

    [Fact]
    public void Reassessment_is_sooner_when_income_varies_and_responses_follow_the_tier()
    {
        Assert.Equal(12, Policy.ReassessmentMonths(NeedFlags.ElderlyLivingAlone));
        Assert.Equal(6, Policy.ReassessmentMonths(NeedFlags.WorkingAgeAble));
        Assert.Equal(24, AssessmentPolicy.Default.ResponseFor(Tier.Red).ResponseHours);
        Assert.Equal(168, AssessmentPolicy.Default.ResponseFor(Tier.Yellow).ResponseHours);
        Assert.Null(AssessmentPolicy.Default.ResponseFor(Tier.Green).ResponseHours);
        Assert.Equal(90, AssessmentPolicy.Default.ResponseFor(Tier.Green).FollowUpDays);
    }

    [Fact]
    public void A_rule_naming_an_indicator_the_instrument_lacks_never_fires_and_bad_policies_are_refused()
    {
        var policy = AssessmentPolicy.Default with { Rules = [new TierRule("x", "不存在的指标", Tier.Red, new TierCondition(Deprived: ["nope"]))] };
        Assert.Equal(Tier.Green, policy.Compile(DefaultInstrument.Definition).Decide(Input("1", poor: true, deprived: -1L)).Tier);

        var bad = AssessmentPolicy.Default with
        {
            Rules = [new TierRule("a", "甲", Tier.Red, new TierCondition(MinScore: "2")), new TierRule("a", "乙", Tier.Red, new TierCondition())],
            Responses = [new TierResponse(Tier.Red, 0, 30)],
        };
        var result = bad.Validate();
        Assert.False(result.IsSuccess);
        Assert.Contains("最低得分", result.Error!.Message);
        Assert.Contains("代码为空或重复", result.Error.Message);
        Assert.Contains("缺少黄色预警的响应要求", result.Error.Message);
        Assert.Contains("响应时限和随访周期必须为正数", result.Error.Message);
    }
}
