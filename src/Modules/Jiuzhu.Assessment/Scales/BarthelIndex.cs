using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Scales;

/// <summary>One item of a scale: a stable key, its Chinese label for forms, and the scores it may take.</summary>
public sealed record ScaleItem(string Key, string Label, IReadOnlyList<int> AllowedScores)
{
    public int Max => AllowedScores[^1];
}

/// <summary>Barthel bands after Shah, Vanclay and Cooper (1989).</summary>
public enum BarthelShahBand
{
    TotalDependency, // 0–20
    SevereDependency, // 21–60
    ModerateDependency, // 61–90
    SlightDependency, // 91–99
    Independent, // 100
}

/// <summary>The banding used in Chinese clinical practice.</summary>
public enum BarthelClinicalBand
{
    Severe, // ≤40 重度依赖
    Moderate, // 41–60 中度依赖
    Mild, // 61–99 轻度依赖
    None, // 100 无需依赖
}

/// <summary>The result of a Barthel index (日常生活活动能力) assessment.</summary>
public sealed record BarthelResult(IReadOnlyDictionary<string, int> Items, int Total, BarthelShahBand ShahBand, BarthelClinicalBand ClinicalBand);

/// <summary>
/// The Barthel index of activities of daily living: ten items, 0–100 in steps of 5, higher is more independent.
/// </summary>
public static class BarthelIndex
{
    public const int MaxTotal = 100;

    public static IReadOnlyList<ScaleItem> Items { get; } =
    [
        new("feeding", "进食", [0, 5, 10]),
        new("bathing", "洗澡", [0, 5]),
        new("grooming", "修饰", [0, 5]),
        new("dressing", "穿衣", [0, 5, 10]),
        new("bowels", "大便控制", [0, 5, 10]),
        new("bladder", "小便控制", [0, 5, 10]),
        new("toilet_use", "如厕", [0, 5, 10]),
        new("transfers", "床椅转移", [0, 5, 10, 15]),
        new("mobility", "平地行走", [0, 5, 10, 15]),
        new("stairs", "上下楼梯", [0, 5, 10]),
    ];

    /// <summary>Scores all ten items (by key); a missing, unknown or disallowed item score is refused.</summary>
    public static Result<BarthelResult> Score(IReadOnlyDictionary<string, int> items)
    {
        foreach (var key in items.Keys)
        {
            if (!Items.Any(i => i.Key == key))
            {
                return Error.Validation("barthel.unknown_item", $"Barthel 指数没有“{key}”这一项");
            }
        }

        var total = 0;
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in Items)
        {
            if (!items.TryGetValue(item.Key, out var score))
            {
                return Error.Validation("barthel.item_missing", $"缺少“{item.Label}”的得分");
            }

            if (!item.AllowedScores.Contains(score))
            {
                return Error.Validation(
                    "barthel.score_not_allowed", $"“{item.Label}”的得分只能是 {string.Join("、", item.AllowedScores)}，收到 {score}");
            }

            scores[item.Key] = score;
            total += score;
        }

        return new BarthelResult(scores, total, ShahBandOf(total), ClinicalBandOf(total));
    }

    public static BarthelShahBand ShahBandOf(int total) => total switch
    {
        <= 20 => BarthelShahBand.TotalDependency,
        <= 60 => BarthelShahBand.SevereDependency,
        <= 90 => BarthelShahBand.ModerateDependency,
        <= 99 => BarthelShahBand.SlightDependency,
        _ => BarthelShahBand.Independent,
    };

    public static BarthelClinicalBand ClinicalBandOf(int total) => total switch
    {
        <= 40 => BarthelClinicalBand.Severe,
        <= 60 => BarthelClinicalBand.Moderate,
        <= 99 => BarthelClinicalBand.Mild,
        _ => BarthelClinicalBand.None,
    };

    /// <summary>"slight dependency", as in the literature.</summary>
    public static string EnglishName(this BarthelShahBand band) => band switch
    {
        BarthelShahBand.TotalDependency => "total dependency",
        BarthelShahBand.SevereDependency => "severe dependency",
        BarthelShahBand.ModerateDependency => "moderate dependency",
        BarthelShahBand.SlightDependency => "slight dependency",
        _ => "independent",
    };

    public static string ChineseName(this BarthelShahBand band) => band switch
    {
        BarthelShahBand.TotalDependency => "完全依赖",
        BarthelShahBand.SevereDependency => "严重依赖",
        BarthelShahBand.ModerateDependency => "中度依赖",
        BarthelShahBand.SlightDependency => "轻度依赖",
        _ => "独立",
    };

    public static string ChineseName(this BarthelClinicalBand band) => band switch
    {
        BarthelClinicalBand.Severe => "重度依赖",
        BarthelClinicalBand.Moderate => "中度依赖",
        BarthelClinicalBand.Mild => "轻度依赖",
        _ => "无需依赖",
    };
}
