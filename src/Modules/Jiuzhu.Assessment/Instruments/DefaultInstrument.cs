using Jiuzhu.Assessment.Mpi;

namespace Jiuzhu.Assessment.Instruments;

/// <summary>
/// The instrument the platform ships with: MCA's seven dimensions (economy, health, education, housing, employment,
/// guardianship, social integration) plus the seed model's living ability, which MCA folds into health; the seed's
/// economic income and social network are the economy and social-integration dimensions. Eight equal dimensions,
/// k = 1/3: a household is multidimensionally poor when deprived in at least a third of the weighted indicators.
/// Cutoffs are starting points for a county to adjust (the income line defaults to 1.5× a typical rural 低保 line).
/// </summary>
public static class DefaultInstrument
{
    public const string Code = "default";

    public const string Name = "困难家庭多维需求评估（默认）";

    private static readonly IReadOnlyList<ChoiceOption> Education =
    [
        new(1, "未上学"), new(2, "小学"), new(3, "初中"), new(4, "高中或中专"), new(5, "大专及以上"),
    ];

    public static InstrumentDefinition Definition { get; } = new(
        "1/3",
        [
            new("economy", "经济状况", "1/8", MissingPolicy.Reweight,
            [
                new("income", "人均收入", "家庭月人均可支配收入是多少？", IndicatorKind.Number, "1/2",
                    new(RuleOperator.Below, 900m), Unit: "元/月",
                    Help: "默认临界值按农村低保标准的 1.5 倍估算，请按本地标准调整"),
                new("rigid_spending", "刚性支出", "近 12 个月医疗、教育等刚性支出占家庭收入的比例是多少？", IndicatorKind.Number, "1/2",
                    new(RuleOperator.AtLeast, 50m), Unit: "%"),
            ]),
            new("health", "健康状况", "1/8", MissingPolicy.Reweight,
            [
                new("serious_illness", "重病慢病", "是否有成员患重特大疾病或需长期治疗的慢性病？", IndicatorKind.YesNo, "1/2", new(RuleOperator.Yes)),
                new("severe_disability", "重度残疾", "是否有成员持一、二级残疾证？", IndicatorKind.YesNo, "1/2", new(RuleOperator.Yes)),
            ]),
            new("living_ability", "生活能力", "1/8", MissingPolicy.Reweight,
            [
                new("barthel", "日常生活活动能力", "成员 Barthel 指数（取最差者）", IndicatorKind.Scale, "1/2",
                    new(RuleOperator.AtMost, 60m), Scale: ScaleMeasure.BarthelTotal,
                    Help: "60 分及以下为中度及以上依赖；无成员需要评估时选择“无需评估”"),
                new("elderly_ability", "老年人能力", "老年成员能力等级（GB/T 42195-2022，取最差者）", IndicatorKind.Scale, "1/2",
                    new(RuleOperator.AtLeast, 2m), Scale: ScaleMeasure.ElderlyAbilityLevel,
                    Help: "2 级（中度失能）及以上为剥夺；家中无老年人时选择“无需评估”"),
            ]),
            new("education", "教育", "1/8", MissingPolicy.Reweight,
            [
                new("school_dropout", "失学辍学", "是否有义务教育阶段适龄儿童失学或辍学？", IndicatorKind.YesNo, "1/2", new(RuleOperator.Yes)),
                new("adult_schooling", "成人受教育程度", "成年成员中最高的受教育程度是？", IndicatorKind.Choice, "1/2",
                    new(RuleOperator.In, Values: [1, 2]), Options: Education),
            ]),
            new("housing", "住房", "1/8", MissingPolicy.Reweight,
            [
                new("unsafe_housing", "住房安全", "现住房是否为危房，或没有稳定住所？", IndicatorKind.YesNo, "1/2", new(RuleOperator.Yes)),
                new("water_sanitation", "饮水与卫生", "是否缺少安全饮用水或卫生厕所？", IndicatorKind.YesNo, "1/2", new(RuleOperator.Yes)),
            ]),
            new("employment", "就业", "1/8", MissingPolicy.Incomplete,
            [
                new("no_stable_work", "稳定就业", "有劳动能力的成员是否失业或无稳定工作超过 6 个月？", IndicatorKind.YesNo, "1", new(RuleOperator.Yes),
                    Help: "家中没有劳动年龄且有劳动能力的成员时回答“否”"),
            ]),
            new("guardianship", "监护照料", "1/8", MissingPolicy.Reweight,
            [
                new("no_caregiver", "照料人", "失能、高龄或重病成员是否缺少稳定的照料人？", IndicatorKind.YesNo, "1/2", new(RuleOperator.Yes)),
                new("child_guardianship", "儿童监护", "是否有未成年人缺少有效监护（事实无人抚养、留守或监护人无监护能力）？", IndicatorKind.YesNo, "1/2", new(RuleOperator.Yes)),
            ]),
            new("social_integration", "社会融入", "1/8", MissingPolicy.Reweight,
            [
                new("no_support_network", "支持网络", "遇到困难时是否没有可以求助的亲友或邻里？", IndicatorKind.YesNo, "1/2", new(RuleOperator.Yes)),
                new("isolation", "社会交往", "是否长期独居、很少与外界交往或参加社区活动？", IndicatorKind.YesNo, "1/2", new(RuleOperator.Yes)),
            ]),
        ]);
}
