using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Scales;

/// <summary>The four first-level indicators (一级指标) of GB/T 42195-2022.</summary>
public enum ElderlyAbilityDimension
{
    SelfCare, // 自理能力
    BasicMotor, // 基础运动能力
    Mental, // 精神状态
    SensorySocial, // 感知觉与社会参与
}

/// <summary>Ability levels 0–4 of GB/T 42195-2022 (能力等级).</summary>
public enum ElderlyAbilityLevel
{
    Intact = 0, // 能力完好
    MildlyImpaired = 1, // 能力轻度受损（轻度失能）
    ModeratelyImpaired = 2, // 能力中度受损（中度失能）
    SeverelyImpaired = 3, // 能力重度受损（重度失能）
    Lost = 4, // 能力完全丧失（完全失能）
}

/// <summary>One dimension: its stable key (as in the vectors file), Chinese name and items (each scored 0..max).</summary>
public sealed record ElderlyAbilityDimensionInfo(ElderlyAbilityDimension Dimension, string Key, string Label, IReadOnlyList<ScaleItem> Items)
{
    public int Max => Items.Sum(i => i.Max);
}

/// <summary>
/// Facts that change the level (能力等级变更依据), from the health information form: coma; a diagnosis of dementia
/// (ICD-10 F00–F03) or of another mental or behavioural disorder by a psychiatrist (F04–F99); the number of care-risk
/// events (falls, choking, suicide or self-harm, wandering off) in the last 30 days.
/// </summary>
public sealed record ElderlyAbilityFlags(bool Coma = false, bool Dementia = false, bool OtherMentalDisorder = false, int CareRiskEventsLast30Days = 0)
{
    public static ElderlyAbilityFlags None { get; } = new();
}

/// <summary>The result of a GB/T 42195-2022 elderly ability assessment.</summary>
public sealed record ElderlyAbilityResult(
    IReadOnlyDictionary<ElderlyAbilityDimension, int> DimensionScores,
    int Total,
    ElderlyAbilityLevel InitialLevel,
    ElderlyAbilityLevel FinalLevel,
    IReadOnlyList<string> Adjustments);

/// <summary>
/// GB/T 42195-2022 老年人能力评估规范: 26 items in four dimensions, 90 points, higher is better; the total gives an
/// initial level, which coma, dementia or other mental disorders, and repeated care-risk events change.
/// </summary>
public static class ElderlyAbility
{
    public const int MaxTotal = 90;

    public static IReadOnlyList<ElderlyAbilityDimensionInfo> Dimensions { get; } =
    [
        new(ElderlyAbilityDimension.SelfCare, "self_care", "自理能力",
        [
            Item("eating", "进食", 4),
            Item("grooming", "修饰", 4),
            Item("bathing", "洗澡", 4),
            Item("dressing_upper", "穿/脱上衣", 4),
            Item("dressing_lower", "穿/脱裤子和鞋袜", 4),
            Item("urination", "小便控制", 4),
            Item("defecation", "大便控制", 4),
            Item("toileting", "如厕", 4),
        ]),
        new(ElderlyAbilityDimension.BasicMotor, "basic_motor", "基础运动能力",
        [
            Item("bed_mobility", "床上体位转移", 4),
            Item("bed_chair_transfer", "床椅转移", 4),
            Item("walking", "平地行走", 4),
            Item("stairs", "上下楼梯", 3),
        ]),
        new(ElderlyAbilityDimension.Mental, "mental", "精神状态",
        [
            Item("time_orientation", "时间定向", 4),
            Item("place_orientation", "空间定向", 4),
            Item("person_orientation", "人物定向", 4),
            Item("memory", "记忆", 4),
            Item("comprehension", "理解能力", 4),
            Item("expression", "表达能力", 4),
            Item("aggression", "攻击行为", 1),
            Item("depression", "抑郁症状", 1),
            Item("consciousness", "意识水平", 2),
        ]),
        new(ElderlyAbilityDimension.SensorySocial, "sensory_social", "感知觉与社会参与",
        [
            Item("vision", "视力", 2),
            Item("hearing", "听力", 2),
            Item("daily_affairs", "执行日常事务", 4),
            Item("transport", "使用交通工具外出", 3),
            Item("social_interaction", "社会交往能力", 4),
        ]),
    ];

    /// <summary>Assesses from item scores in the standard's order, per dimension.</summary>
    public static Result<ElderlyAbilityResult> Assess(
        IReadOnlyDictionary<ElderlyAbilityDimension, IReadOnlyList<int>> scores, ElderlyAbilityFlags? flags = null)
    {
        flags ??= ElderlyAbilityFlags.None;
        if (flags.CareRiskEventsLast30Days < 0)
        {
            return Error.Validation("gbt42195.events_negative", "近30天照护风险事件次数不能为负数");
        }

        var dimensionScores = new Dictionary<ElderlyAbilityDimension, int>();
        foreach (var dimension in Dimensions)
        {
            if (!scores.TryGetValue(dimension.Dimension, out var items))
            {
                return Error.Validation("gbt42195.dimension_missing", $"缺少“{dimension.Label}”的评分");
            }

            if (items.Count != dimension.Items.Count)
            {
                return Error.Validation(
                    "gbt42195.item_count", $"“{dimension.Label}”应有 {dimension.Items.Count} 项评分，收到 {items.Count} 项");
            }

            var sum = 0;
            for (var i = 0; i < items.Count; i++)
            {
                var item = dimension.Items[i];
                if (items[i] < 0 || items[i] > item.Max)
                {
                    return Error.Validation(
                        "gbt42195.score_out_of_range",
                        $"“{dimension.Label}”第 {i + 1} 项“{item.Label}”的得分只能是 0–{item.Max} 的整数，收到 {items[i]}");
                }

                sum += items[i];
            }

            dimensionScores[dimension.Dimension] = sum;
        }

        var total = dimensionScores.Values.Sum();
        var initial = LevelOfTotal(total);
        var (final, adjustments) = Adjust(initial, flags);
        return new ElderlyAbilityResult(dimensionScores, total, initial, final, adjustments);
    }

    /// <summary>Assesses from item scores keyed by item key (for forms); every item is required.</summary>
    public static Result<ElderlyAbilityResult> Assess(IReadOnlyDictionary<string, int> itemScores, ElderlyAbilityFlags? flags = null)
    {
        var known = Dimensions.SelectMany(d => d.Items).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        if (itemScores.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return Error.Validation("gbt42195.unknown_item", $"老年人能力评估没有“{unknown}”这一项");
        }

        var scores = new Dictionary<ElderlyAbilityDimension, IReadOnlyList<int>>();
        foreach (var dimension in Dimensions)
        {
            var items = new List<int>();
            foreach (var item in dimension.Items)
            {
                if (!itemScores.TryGetValue(item.Key, out var score))
                {
                    return Error.Validation("gbt42195.item_missing", $"缺少“{dimension.Label}”中“{item.Label}”的得分");
                }

                items.Add(score);
            }

            scores[dimension.Dimension] = items;
        }

        return Assess(scores, flags);
    }

    /// <summary>Initial level from the total: 90 → 0, 66–89 → 1, 46–65 → 2, 30–45 → 3, 0–29 → 4.</summary>
    public static ElderlyAbilityLevel LevelOfTotal(int total) => total switch
    {
        < 0 or > MaxTotal => throw new ArgumentOutOfRangeException(nameof(total)),
        MaxTotal => ElderlyAbilityLevel.Intact,
        >= 66 => ElderlyAbilityLevel.MildlyImpaired,
        >= 46 => ElderlyAbilityLevel.ModeratelyImpaired,
        >= 30 => ElderlyAbilityLevel.SeverelyImpaired,
        _ => ElderlyAbilityLevel.Lost,
    };

    /// <summary>
    /// The change rules: coma gives level 4 directly; otherwise any one or more of dementia, another diagnosed mental
    /// disorder, or two or more care-risk events in 30 days raises the level by one (not one per reason: the
    /// standard says "有以下情况之一"), never above 4.
    /// </summary>
    public static (ElderlyAbilityLevel Level, IReadOnlyList<string> Reasons) Adjust(ElderlyAbilityLevel initial, ElderlyAbilityFlags flags)
    {
        if (flags.Coma)
        {
            return (ElderlyAbilityLevel.Lost, ["处于昏迷状态，直接评定为能力完全丧失"]);
        }

        var reasons = new List<string>();
        if (flags.Dementia)
        {
            reasons.Add("确诊为痴呆（F00–F03），提高一个等级");
        }

        if (flags.OtherMentalDisorder)
        {
            reasons.Add("精神科专科医生诊断的其他精神和行为障碍（F04–F99），提高一个等级");
        }

        if (flags.CareRiskEventsLast30Days >= 2)
        {
            reasons.Add($"近30天内发生 {flags.CareRiskEventsLast30Days} 次照护风险事件，提高一个等级");
        }

        return reasons.Count == 0 || initial == ElderlyAbilityLevel.Lost
            ? (initial, reasons)
            : (initial + 1, reasons);
    }

    /// <summary>"能力轻度受损（轻度失能）".</summary>
    public static string ChineseName(this ElderlyAbilityLevel level) => level switch
    {
        ElderlyAbilityLevel.Intact => "能力完好",
        ElderlyAbilityLevel.MildlyImpaired => "能力轻度受损（轻度失能）",
        ElderlyAbilityLevel.ModeratelyImpaired => "能力中度受损（中度失能）",
        ElderlyAbilityLevel.SeverelyImpaired => "能力重度受损（重度失能）",
        _ => "能力完全丧失（完全失能）",
    };

    /// <summary>"轻度失能": the short name for lists and charts.</summary>
    public static string ShortName(this ElderlyAbilityLevel level) => level switch
    {
        ElderlyAbilityLevel.Intact => "能力完好",
        ElderlyAbilityLevel.MildlyImpaired => "轻度失能",
        ElderlyAbilityLevel.ModeratelyImpaired => "中度失能",
        ElderlyAbilityLevel.SeverelyImpaired => "重度失能",
        _ => "完全失能",
    };

    private static ScaleItem Item(string key, string label, int max) => new(key, label, [.. Enumerable.Range(0, max + 1)]);
}
