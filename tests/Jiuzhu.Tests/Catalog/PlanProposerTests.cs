using Jiuzhu.Assessment.Policy;
using Jiuzhu.Assessment.Scales;
using Jiuzhu.Catalog;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Catalog.Plans;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;
using static Jiuzhu.Tests.Catalog.CatalogTestKit;

namespace Jiuzhu.Tests.Catalog;

/// <summary>Plan proposals (一户一策) for households of different profiles and phases, against the seeded national base.</summary>
public sealed class PlanProposerTests
{
    private static readonly CatalogFile Seed = CatalogFile.Parse(File.ReadAllText(SharedData.Path("catalog.json"))).Value;

    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<PackageView> Packages { get; } =
        [.. Seed.Packages.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => new PackageView(p.Code, "", CatalogTier.National, p.Content, Guid.Empty, Now, "test"))];

    private static IReadOnlyList<EffectiveItem> Catalog(params CatalogEntry[] county) => CatalogResolution.Resolve(
        RegionCode.Parse("371121001201"), new DateOnly(2026, 3, 1), [.. Seed.Items.Select(i => Define("", i.Code, i.Content)), .. county]);

    private static PlanProposal Propose(HouseholdProfile household, params CatalogEntry[] county) => PlanProposer.Propose(household, Catalog(county), Packages);

    private static string Reason(PlanProposal proposal, string code) => proposal.Items.Single(i => i.ItemCode == code).Reason;

    private static string[] Codes(PlanProposal proposal) => [.. proposal.Items.Select(i => i.ItemCode)];

    // 83, living alone, moderately impaired by GB/T 42195, socially isolated; 特困, yellow, 救助.
    private static HouseholdProfile ElderAlone(ElderlyAbilityLevel level = ElderlyAbilityLevel.ModeratelyImpaired) => new(
        Tier.Yellow, "老年人中度及以上失能", Phase.Assistance, AssistanceCategory.ExtremelyPoor,
        NeedFlags.ElderlyLivingAlone | NeedFlags.Aged80Plus,
        [new MemberProfile(83, NeedFlags.ElderlyLivingAlone | NeedFlags.Aged80Plus, ElderlyLevel: level)],
        [new DeprivedIndicator("elderly_ability", "老年人能力"), new DeprivedIndicator("isolation", "社会交往")]);

    // 45, able to work and long unemployed, with a 16-year-old; 低保, green.
    private static HouseholdProfile Worker(Phase phase) => new(
        Tier.Green, "未触发预警规则", phase, AssistanceCategory.MinimumLiving,
        NeedFlags.WorkingAgeAble | NeedFlags.LongTermUnemployed,
        [new MemberProfile(45, NeedFlags.WorkingAgeAble | NeedFlags.LongTermUnemployed), new MemberProfile(16, NeedFlags.None)],
        [new DeprivedIndicator("no_stable_work", "稳定就业")]);

    [Fact]
    public void An_elder_living_alone_gets_the_elderly_and_care_packages_with_reasons_naming_age_and_level()
    {
        var catalog = Catalog();
        var proposal = PlanProposer.Propose(ElderAlone(), catalog, Packages);

        Assert.Equal(["PKG-DEPENDENT", "PKG-ELDER"], proposal.Packages.Select(p => p.Code));
        Assert.Equal("老年人服务包：成员 83 岁独居", proposal.Packages[1].Reason);
        Assert.Equal("LIFE-01 助餐：成员 83 岁独居；GB/T 42195 等级 2（老年人服务包·基础目录）", Reason(proposal, "LIFE-01"));
        Assert.Equal("LIFE-08 居家看护照料：GB/T 42195 等级 2（失能照护包·基础目录）", Reason(proposal, "LIFE-08"));
        Assert.Equal("LIFE-03 助浴：GB/T 42195 等级 2；成员 83 岁（失能照护包·基础目录）", Reason(proposal, "LIFE-03"));
        Assert.Equal("PSY-02 情感陪伴：成员 83 岁独居（老年人服务包·弹性模块）", Reason(proposal, "PSY-02"));
        Assert.Equal("SOCIAL-01 社区融入活动：评估剥夺：社会交往", Reason(proposal, "SOCIAL-01"));
        Assert.Equal("FAMILY-04 个案管理(一户一策)：黄色预警（老年人中度及以上失能）：须个案管理跟进", Reason(proposal, "FAMILY-04"));
        Assert.Equal(ServiceFrequency.Weekly, proposal.Items.Single(i => i.ItemCode == "LIFE-08").Frequency);
        Assert.Equal(ServiceFrequency.Daily, proposal.Items.Single(i => i.ItemCode == "LIFE-01").Frequency);
        // Each item once, whichever package lists it first; nothing for work or children.
        Assert.Equal(Codes(proposal).Length, Codes(proposal).Distinct().Count());
        Assert.DoesNotContain(Codes(proposal), c => c.StartsWith("SKILL-", StringComparison.Ordinal) || c.StartsWith("PARENT-", StringComparison.Ordinal));
        Assert.Empty(proposal.Skipped);
        var meal = proposal.Items.Single(i => i.ItemCode == "LIFE-01");
        Assert.Equal(catalog.Single(i => i.Code == "LIFE-01").VersionIds, meal.VersionIds);
        Assert.Equal("PKG-ELDER", meal.PackageCode);
    }

    [Fact]
    public void Items_switched_off_in_the_county_are_never_proposed_and_severe_impairment_asks_for_daily_home_care()
    {
        var proposal = Propose(ElderAlone(ElderlyAbilityLevel.SeverelyImpaired), Off(County, "LIFE-06"));

        Assert.DoesNotContain("LIFE-06", Codes(proposal));
        Assert.Equal(new SkippedItem("LIFE-06", "居家维修已由社区补充层级在本地停用"), Assert.Single(proposal.Skipped));
        Assert.Contains("LIFE-06", Codes(Propose(ElderAlone(ElderlyAbilityLevel.SeverelyImpaired))));
        var care = proposal.Items.Single(i => i.ItemCode == "LIFE-08");
        Assert.Equal(ServiceFrequency.Daily, care.Frequency);
        Assert.Equal("LIFE-08 居家看护照料：GB/T 42195 等级 3（失能照护包·基础目录）", care.Reason);
    }

    [Fact]
    public void In_the_assistance_phase_capacity_building_starts_with_career_guidance_only()
    {
        var proposal = Propose(Worker(Phase.Assistance));

        Assert.Equal(["PKG-WORK"], proposal.Packages.Select(p => p.Code));
        Assert.Equal(["SKILL-01"], Codes(proposal));
        Assert.Equal("SKILL-01 职业指导：成员 45 岁有劳动能力；长期失业（能力提升包·基础目录）", Reason(proposal, "SKILL-01"));
    }

    [Fact]
    public void In_the_development_phase_the_household_gets_capacity_building_in_full()
    {
        var assistance = Propose(Worker(Phase.Assistance));
        var development = Propose(Worker(Phase.Development));

        Assert.Equal(["SKILL-01", "SKILL-02", "SKILL-03", "SKILL-04", "SOCIAL-02"], Codes(development).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("SKILL-02 技能培训：成员 45 岁有劳动能力；长期失业（能力提升包·弹性模块）", Reason(development, "SKILL-02"));
        Assert.Equal("SOCIAL-02 互助小组(以困助困)：成员 45 岁有劳动能力（能力提升包·弹性模块）", Reason(development, "SOCIAL-02"));
        Assert.NotEqual(Codes(assistance), Codes(development));
        Assert.All(development.Items.Where(i => i.ItemCode != "SOCIAL-02"), i => Assert.Equal("development", i.Layer));
    }

    [Fact]
    public void A_development_household_without_a_work_flag_still_gets_capacity_building_for_its_phase()
    {
        var household = Worker(Phase.Development) with { Needs = NeedFlags.None, Members = [new MemberProfile(38, NeedFlags.None)], Deprived = [] };

        var proposal = Propose(household);

        Assert.Empty(proposal.Packages);
        Assert.Equal(["SKILL-01", "SKILL-02", "SOCIAL-02"], Codes(proposal));
        Assert.Equal("SKILL-01 职业指导：发展阶段·能力提升：基本需求已满足", Reason(proposal, "SKILL-01"));
    }

    [Fact]
    public void A_self_reliant_household_keeps_the_care_its_elder_needs_and_a_light_monthly_follow_up()
    {
        var household = new HouseholdProfile(
            Tier.Green, "未触发预警规则", Phase.SelfReliance, AssistanceCategory.MinimumLivingEdge,
            NeedFlags.Aged80Plus | NeedFlags.Dependent | NeedFlags.WorkingAgeAble,
            [new MemberProfile(81, NeedFlags.Aged80Plus | NeedFlags.Dependent, Barthel: 55), new MemberProfile(50, NeedFlags.WorkingAgeAble)],
            [new DeprivedIndicator("barthel", "日常生活活动能力"), new DeprivedIndicator("isolation", "社会交往")]);

        var proposal = Propose(household);

        Assert.Equal(["PKG-DEPENDENT"], proposal.Packages.Select(p => p.Code));
        Assert.Equal(["LIFE-08", "HEALTH-01", "LIFE-07", "SOCIAL-04"], Codes(proposal));
        Assert.Equal("LIFE-08 居家看护照料：Barthel 指数 55 分（失能照护包·基础目录）", Reason(proposal, "LIFE-08"));
        Assert.Equal("LIFE-07 巡访探视：自立阶段·轻度跟进：每月巡访，巩固成效、防止返贫", Reason(proposal, "LIFE-07"));
        Assert.Equal(ServiceFrequency.Monthly, proposal.Items.Single(i => i.ItemCode == "LIFE-07").Frequency);
        // 助浴 is for 特困 and 低保 only: a 低保边缘 household is told why it is left out.
        Assert.Equal(new SkippedItem("LIFE-03", "助浴的适用对象不含低保边缘家庭成员"), Assert.Single(proposal.Skipped));
    }

    [Fact]
    public void A_left_behind_child_without_effective_guardianship_gets_the_child_package_and_case_management()
    {
        var household = new HouseholdProfile(
            Tier.Red, "儿童缺少有效监护", Phase.Assistance, AssistanceCategory.MinimumLiving,
            NeedFlags.LeftBehindChild | NeedFlags.GrandparentRaised,
            [new MemberProfile(68, NeedFlags.GrandparentRaised), new MemberProfile(9, NeedFlags.LeftBehindChild)],
            [new DeprivedIndicator("child_guardianship", "儿童监护"), new DeprivedIndicator("school_dropout", "失学辍学")]);

        var proposal = Propose(household);

        Assert.Equal("困境儿童支持包：评估剥夺：儿童监护；留守儿童（9 岁）", Assert.Single(proposal.Packages).Reason);
        Assert.Equal(["FAMILY-01", "SKILL-05", "PSY-01", "PARENT-01", "PARENT-02", "PSY-02", "FAMILY-04"], Codes(proposal));
        Assert.Equal("FAMILY-01 困境儿童关爱探访：评估剥夺：儿童监护；留守儿童（9 岁）（困境儿童支持包·基础目录）", Reason(proposal, "FAMILY-01"));
        Assert.Equal("PARENT-02 家庭教育支持：隔代抚养；留守儿童（9 岁）（困境儿童支持包·弹性模块）", Reason(proposal, "PARENT-02"));
        Assert.Equal("FAMILY-04 个案管理(一户一策)：红色预警（儿童缺少有效监护）：须个案管理跟进", Reason(proposal, "FAMILY-04"));
    }

    [Fact]
    public void A_seriously_ill_member_with_no_package_gets_the_items_for_the_illness_and_the_spending_it_causes()
    {
        var household = new HouseholdProfile(
            Tier.Yellow, "多维贫困（得分不低于临界值 k）", Phase.Assistance, AssistanceCategory.RigidExpense,
            NeedFlags.SeriouslyIll,
            [new MemberProfile(52, NeedFlags.SeriouslyIll)],
            [new DeprivedIndicator("serious_illness", "重病慢病"), new DeprivedIndicator("rigid_spending", "刚性支出")]);

        var proposal = Propose(household);

        Assert.Empty(proposal.Packages);
        Assert.Equal(["HEALTH-01", "PSY-01", "SOCIAL-05", "FAMILY-04"], Codes(proposal));
        Assert.Equal("HEALTH-01 健康监测与慢病随访：重病", Reason(proposal, "HEALTH-01"));
        Assert.Equal("SOCIAL-05 慈善资源链接：评估剥夺：刚性支出", Reason(proposal, "SOCIAL-05"));
        Assert.Equal(new SkippedItem("HEALTH-02", "助医陪诊的适用对象不含刚性支出困难家庭成员"), Assert.Single(proposal.Skipped));
    }

    [Fact]
    public void Reasons_name_ages_and_levels_but_never_a_name_and_signals_come_from_ages_when_flags_are_missing()
    {
        var household = new HouseholdProfile(Tier.Green, "未触发预警规则", Phase.Assistance, null, NeedFlags.None,
            [new MemberProfile(86, NeedFlags.None)], []);

        var signals = PlanProposer.Signals(household);

        Assert.Equal("成员 86 岁", signals["ELDERLY_80"]);
        Assert.Equal(["ELDERLY_80"], signals.Keys);
        Assert.Equal("LIFE-01 助餐：成员 86 岁（老年人服务包·基础目录）", Reason(Propose(household), "LIFE-01"));
    }
}
