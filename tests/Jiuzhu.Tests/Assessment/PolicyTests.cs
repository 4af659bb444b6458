using Jiuzhu.Assessment;
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
    public void Responses_follow_the_tier()
    {
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

    [Theory]
    [InlineData(AssistanceCategory.ExtremelyPoor, NeedFlags.ElderlyLivingAlone, 12)]
    [InlineData(AssistanceCategory.ExtremelyPoor, NeedFlags.WorkingAgeAble, 12)]
    [InlineData(AssistanceCategory.MinimumLiving, NeedFlags.Aged80Plus, 12)]
    [InlineData(AssistanceCategory.MinimumLiving, NeedFlags.WorkingAgeAble | NeedFlags.SingleParent, 6)]
    [InlineData(AssistanceCategory.MinimumLivingEdge, NeedFlags.WorkingAgeAble, 6)]
    [InlineData(AssistanceCategory.RigidExpense, NeedFlags.None, 12)]
    [InlineData(AssistanceCategory.TemporaryHardship, NeedFlags.WorkingAgeAble, 6)]
    [InlineData(null, NeedFlags.WorkingAgeAble, 6)]
    [InlineData(null, NeedFlags.None, 12)]
    public void Reassessment_falls_due_by_category_and_sooner_when_income_varies(AssistanceCategory? category, NeedFlags needs, int months)
    {
        var due = Policy.Reassessment(category, needs);
        Assert.Equal(months, due.Months);
        Assert.Equal(needs.HasFlag(NeedFlags.WorkingAgeAble), due.VariableIncome);
    }

    [Fact]
    public void A_region_sets_its_own_cadence_per_category_and_unlisted_categories_use_the_general_one()
    {
        var cadence = new ReassessmentCadence(9, 3, [new CategoryCadence(AssistanceCategory.MinimumLiving, 24, 4)]);
        var policy = (AssessmentPolicy.Default with { Reassessment = cadence }).Compile(DefaultInstrument.Definition);
        Assert.Equal(24, policy.Reassessment(AssistanceCategory.MinimumLiving, NeedFlags.None).Months);
        Assert.Equal(4, policy.Reassessment(AssistanceCategory.MinimumLiving, NeedFlags.WorkingAgeAble).Months);
        Assert.Equal(9, policy.Reassessment(AssistanceCategory.ExtremelyPoor, NeedFlags.None).Months);
        Assert.Equal(3, policy.Reassessment(AssistanceCategory.ExtremelyPoor, NeedFlags.WorkingAgeAble).Months);
        Assert.Equal(3, policy.Reassessment(null, NeedFlags.WorkingAgeAble).Months);
        Assert.Equal("低保，收入不稳定（有劳动能力成员）：每 4 个月复评", policy.Reassessment(AssistanceCategory.MinimumLiving, NeedFlags.WorkingAgeAble).Reason);
        Assert.Equal("尚未纳入救助类别，收入稳定：每 9 个月复评", policy.Reassessment(null, NeedFlags.None).Reason);

        // A policy stored before the categories existed reads as the general cadence for every category.
        var json = (AssessmentPolicy.Default with { Reassessment = new ReassessmentCadence(12, 6) }).ToJson();
        Assert.DoesNotContain("categories", json, StringComparison.Ordinal);
        var old = AssessmentPolicy.FromJson(json);
        Assert.True(old.IsSuccess, old.Error?.Message);
        Assert.Equal(6, old.Value.Compile(DefaultInstrument.Definition).Reassessment(AssistanceCategory.ExtremelyPoor, NeedFlags.WorkingAgeAble).Months);
    }

    [Fact]
    public void Bad_cadences_are_refused_in_Chinese()
    {
        var bad = AssessmentPolicy.Default with
        {
            Reassessment = new ReassessmentCadence(0, 6,
            [
                new CategoryCadence(AssistanceCategory.MinimumLiving, 12, 61),
                new CategoryCadence(AssistanceCategory.MinimumLiving, 12, 6),
                new CategoryCadence((AssistanceCategory)99, 12, 6),
            ]),
        };
        var message = bad.Validate().Error!.Message;
        Assert.Contains("未纳入救助类别家庭的复评周期必须是 1 到 60 个月", message, StringComparison.Ordinal);
        Assert.Contains("“低保”的复评周期必须是 1 到 60 个月", message, StringComparison.Ordinal);
        Assert.Contains("救助类别“低保”的复评周期重复设置", message, StringComparison.Ordinal);
        Assert.Contains("复评周期中有未知的救助类别", message, StringComparison.Ordinal);
        Assert.Contains("缺少复评周期", (AssessmentPolicy.Default with { Reassessment = null! }).Validate().Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reassessment_months_are_calendar_months_in_China_time()
    {
        // 31 August, 01:00 in Beijing (still 30 August in UTC): six months later is the end of February in Beijing.
        var assessed = new DateTimeOffset(2026, 8, 31, 1, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 1, 0, 0, TimeSpan.FromHours(8)), StandingService.ReassessmentDueAt(assessed.ToUniversalTime(), 6));
        Assert.Equal(new DateTimeOffset(2027, 8, 31, 1, 0, 0, TimeSpan.FromHours(8)), StandingService.ReassessmentDueAt(assessed.ToUniversalTime(), 12));
    }
}
