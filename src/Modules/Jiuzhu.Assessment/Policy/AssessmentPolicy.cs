using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Assessment.Policy;

/// <summary>The three-colour dynamic warning (红黄绿); the order is the severity.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Tier>))]
public enum Tier
{
    /// <summary>绿色: routine dynamic monitoring.</summary>
    Green = 1,

    /// <summary>黄色: key attention.</summary>
    Yellow = 2,

    /// <summary>红色: immediate response.</summary>
    Red = 3,
}

/// <summary>救助 → 发展 → 自立.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Phase>))]
public enum Phase
{
    /// <summary>救助: basic needs are not met yet.</summary>
    Assistance = 1,

    /// <summary>发展: basic needs are met and the household can build up its own capacity.</summary>
    Development = 2,

    /// <summary>自立: income has stayed above the threshold long enough.</summary>
    SelfReliance = 3,
}

/// <summary>
/// When a tier rule fires: every stated clause must hold (an empty condition always holds). Scores are exact
/// fractions; need flags are the household's (DOMAIN.md); indicators are instrument codes.
/// </summary>
public sealed record TierCondition(
    string? MinScore = null,
    bool? Poor = null,
    bool? Incomplete = null,
    IReadOnlyList<NeedFlags>? Needs = null,
    IReadOnlyList<string>? Deprived = null);

/// <summary>A tier rule: its code, its Chinese name (shown as "why this colour"), the tier it gives and when.</summary>
public sealed record TierRule(string Code, string Name, Tier Tier, TierCondition When);

/// <summary>What a tier asks for: a first response within some hours (none for green), and follow-up visits every so many days.</summary>
public sealed record TierResponse(Tier Tier, int? ResponseHours, int FollowUpDays);

/// <summary>Entry and exit criteria of the phases.</summary>
public sealed record PhaseCriteria(
    bool DevelopmentNeedsWorkingAgeAble = true,
    string IncomeIndicator = "income",
    int SelfRelianceMonths = 6);

/// <summary>
/// The reassessment cadence of one assistance category (救助类别): every <see cref="StableMonths"/>, or every
/// <see cref="VariableIncomeMonths"/> when the household's income varies (a working-age member able to work). A
/// category whose income does not decide the cadence (特困) has both the same.
/// </summary>
public sealed record CategoryCadence(AssistanceCategory Category, int StableMonths, int VariableIncomeMonths);

/// <summary>Why a household falls due for reassessment when it does.</summary>
public sealed record ReassessmentDue(int Months, AssistanceCategory? Category, bool VariableIncome)
{
    /// <summary>The reason in Chinese, for the task: "低保，收入不稳定（有劳动能力成员）：每 6 个月复评".</summary>
    public string Reason => string.Create(CultureInfo.InvariantCulture,
        $"{(Category is { } c ? RegistryTerms.CategoryName(c) : "尚未纳入救助类别")}，{(VariableIncome ? "收入不稳定（有劳动能力成员）" : "收入稳定")}：每 {Months} 个月复评");
}

/// <summary>
/// When a household falls due for reassessment (DOMAIN.md §4: yearly for stable households, every 6 months for variable
/// incomes; settings per region): per assistance category, and <see cref="StableMonths"/> /
/// <see cref="VariableIncomeMonths"/> for a household without a category yet or a category not listed.
/// </summary>
public sealed record ReassessmentCadence(int StableMonths = 12, int VariableIncomeMonths = 6, IReadOnlyList<CategoryCadence>? Categories = null)
{
    /// <summary>Five years: the longest cadence a policy may set (as for the deadline settings).</summary>
    public const int MaxMonths = 60;

    /// <summary>
    /// The platform's defaults: 特困人员 are supported for life and re-checked yearly whatever their income; 低保, 低保边缘,
    /// 刚性支出困难 and 临时遇困 households yearly, or every 6 months when a member can work and income varies.
    /// </summary>
    public static ReassessmentCadence Default { get; } = new(12, 6,
    [
        new(AssistanceCategory.ExtremelyPoor, 12, 12),
        new(AssistanceCategory.MinimumLiving, 12, 6),
        new(AssistanceCategory.MinimumLivingEdge, 12, 6),
        new(AssistanceCategory.RigidExpense, 12, 6),
        new(AssistanceCategory.TemporaryHardship, 12, 6),
    ]);

    /// <summary>The cadence of a category: its own line, else the general one.</summary>
    public CategoryCadence For(AssistanceCategory category) =>
        Categories?.FirstOrDefault(c => c.Category == category) ?? new CategoryCadence(category, StableMonths, VariableIncomeMonths);

    /// <summary>Months until the next reassessment of a household of this category with these need flags.</summary>
    public ReassessmentDue Due(AssistanceCategory? category, NeedFlags needs)
    {
        var variable = needs.HasFlag(NeedFlags.WorkingAgeAble);
        var (stable, varying) = category is { } c ? (For(c).StableMonths, For(c).VariableIncomeMonths) : (StableMonths, VariableIncomeMonths);
        return new ReassessmentDue(variable ? varying : stable, category, variable);
    }

    /// <summary>Every problem in Chinese: months from 1 to 60, each category at most once and known.</summary>
    internal IEnumerable<string> Problems()
    {
        if (!InRange(StableMonths) || !InRange(VariableIncomeMonths))
        {
            yield return $"未纳入救助类别家庭的复评周期必须是 1 到 {MaxMonths} 个月";
        }

        var seen = new HashSet<AssistanceCategory>();
        foreach (var line in Categories ?? [])
        {
            if (line is null || !Enum.IsDefined(line.Category))
            {
                yield return "复评周期中有未知的救助类别";
                continue;
            }

            var name = RegistryTerms.CategoryName(line.Category);
            if (!seen.Add(line.Category))
            {
                yield return $"救助类别“{name}”的复评周期重复设置";
            }

            if (!InRange(line.StableMonths) || !InRange(line.VariableIncomeMonths))
            {
                yield return $"“{name}”的复评周期必须是 1 到 {MaxMonths} 个月";
            }
        }
    }

    private static bool InRange(int months) => months is >= 1 and <= MaxMonths;
}

/// <summary>The result of applying the tier rules to one household.</summary>
public sealed record TierDecision(Tier Tier, string RuleCode, string RuleName);

/// <summary>A household's tier (with its rule), income streak and phase.</summary>
public sealed record StandingDecision(TierDecision Tier, DateOnly? IncomeOkSince, Phase Phase);

/// <summary>What the rules see of a household: its outcome and its need flags.</summary>
public readonly record struct TierInput(Fraction? Score, bool Poor, bool Incomplete, long DeprivedMask, NeedFlags Needs);

/// <summary>
/// A jurisdiction's assessment policy (policy settings per region, DOMAIN.md): tier rules, the response each tier asks
/// for, phase criteria and the reassessment cadence. The most severe tier among the rules that fire wins; the first
/// such rule in the list is recorded as the reason. A household no rule marks is green (常规监测).
/// </summary>
public sealed record AssessmentPolicy(
    IReadOnlyList<TierRule> Rules,
    IReadOnlyList<TierResponse> Responses,
    PhaseCriteria Phases,
    ReassessmentCadence Reassessment)
{
    public const string DefaultRuleCode = "routine";

    public const string DefaultRuleName = "无预警规则触发，常规监测";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The platform's defaults: red first response within 24 hours, yellow within 7 days, green a visit each quarter.</summary>
    public static AssessmentPolicy Default { get; } = new(
        [
            new("dependent_alone", "失能且独居", Tier.Red, new(Needs: [NeedFlags.Dependent, NeedFlags.ElderlyLivingAlone])),
            new("child_unguarded", "儿童缺少有效监护", Tier.Red, new(Deprived: ["child_guardianship"])),
            new("medical_cost", "重病且医疗等刚性支出过高", Tier.Red, new(Deprived: ["serious_illness", "rigid_spending"])),
            new("severe_poverty", "剥夺得分不低于 1/2（深度多维贫困）", Tier.Red, new(MinScore: "1/2")),
            new("poor", "多维贫困（得分不低于临界值 k）", Tier.Yellow, new(Poor: true)),
            new("elderly_disabled", "老年人中度及以上失能", Tier.Yellow, new(Deprived: ["elderly_ability"])),
            new("dependent", "日常生活中度及以上依赖", Tier.Yellow, new(Deprived: ["barthel"])),
            new("incomplete", "评估信息不完整，须尽快补全", Tier.Yellow, new(Incomplete: true)),
        ],
        [
            new(Tier.Red, 24, 30),
            new(Tier.Yellow, 7 * 24, 60),
            new(Tier.Green, null, 90),
        ],
        new PhaseCriteria(),
        ReassessmentCadence.Default);

    public TierResponse ResponseFor(Tier tier) =>
        Responses.FirstOrDefault(r => r.Tier == tier) ?? Default.Responses.First(r => r.Tier == tier);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Result<AssessmentPolicy> FromJson(string json)
    {
        try
        {
            var policy = JsonSerializer.Deserialize<AssessmentPolicy>(json, Json);
            if (policy is null)
            {
                return Error.Validation("policy.bad_json", "评估政策为空");
            }

            var valid = policy.Validate();
            return valid.IsSuccess ? policy : valid.Error!;
        }
        catch (JsonException e)
        {
            return Error.Validation("policy.bad_json", $"评估政策不是有效的 JSON：{e.Message}");
        }
    }

    public Result Validate()
    {
        var problems = new List<string>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules ?? [])
        {
            if (string.IsNullOrWhiteSpace(rule.Code) || !codes.Add(rule.Code))
            {
                problems.Add($"规则“{rule.Name}”的代码为空或重复");
            }

            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                problems.Add($"规则 {rule.Code} 缺少名称");
            }

            if (rule.When is null)
            {
                problems.Add($"规则“{rule.Name}”缺少条件");
            }
            else if (rule.When.MinScore is { } min && (!Fraction.TryParse(min, out var f) || f.Sign < 0 || f > Fraction.One))
            {
                problems.Add($"规则“{rule.Name}”的最低得分“{min}”必须是 0 到 1 之间的分数或小数");
            }
        }

        foreach (var tier in Enum.GetValues<Tier>())
        {
            var response = Responses?.FirstOrDefault(r => r.Tier == tier);
            if (response is null)
            {
                problems.Add($"缺少{TierText.Name(tier)}的响应要求");
            }
            else if (response.ResponseHours is <= 0 || response.FollowUpDays <= 0)
            {
                problems.Add($"{TierText.Name(tier)}的响应时限和随访周期必须为正数");
            }
        }

        if (Phases is null || Phases.SelfRelianceMonths <= 0)
        {
            problems.Add("进入自立阶段所需的月数必须为正数");
        }

        if (Reassessment is null)
        {
            problems.Add("缺少复评周期");
        }
        else
        {
            problems.AddRange(Reassessment.Problems());
        }

        return problems.Count == 0 ? Result.Ok() : Error.Validation("policy.invalid", string.Join("；", problems));
    }

    /// <summary>
    /// A policy compiled against an instrument version: indicator codes resolved to mask bits once, so deciding a
    /// million households costs a few comparisons each. Rules naming an indicator the instrument lacks never fire.
    /// </summary>
    public CompiledPolicy Compile(InstrumentDefinition instrument)
    {
        var columns = instrument.Indicators.Select((i, n) => (i.Code, n)).ToDictionary(x => x.Code, x => x.n, StringComparer.Ordinal);
        var rules = Rules.Select(r =>
        {
            long mask = 0;
            var resolvable = true;
            foreach (var code in r.When.Deprived ?? [])
            {
                if (columns.TryGetValue(code, out var column))
                {
                    mask |= 1L << column;
                }
                else
                {
                    resolvable = false;
                }
            }

            var needs = (r.When.Needs ?? []).Aggregate(NeedFlags.None, (a, b) => a | b);
            Fraction? min = r.When.MinScore is { } m ? Fraction.Parse(m) : null;
            return new CompiledRule(r, resolvable, mask, needs, min);
        }).ToArray();
        var income = columns.TryGetValue(Phases.IncomeIndicator, out var incomeColumn) ? 1L << incomeColumn : 0;
        return new CompiledPolicy(this, rules, income);
    }
}

internal sealed record CompiledRule(TierRule Rule, bool Resolvable, long Deprived, NeedFlags Needs, Fraction? MinScore)
{
    public bool Fires(in TierInput input)
    {
        if (!Resolvable)
        {
            return false;
        }

        var w = Rule.When;
        return (w.Poor is not { } poor || poor == input.Poor)
            && (w.Incomplete is not { } incomplete || incomplete == input.Incomplete)
            && (input.Needs & Needs) == Needs
            && (input.DeprivedMask & Deprived) == Deprived
            && (MinScore is not { } min || (input.Score is { } score && score >= min));
    }
}

/// <summary>A policy ready to decide tiers and phases for one instrument version.</summary>
public sealed class CompiledPolicy
{
    private readonly CompiledRule[] _rules;

    internal CompiledPolicy(AssessmentPolicy policy, CompiledRule[] rules, long incomeBit)
    {
        Policy = policy;
        _rules = rules;
        IncomeBit = incomeBit;
    }

    public AssessmentPolicy Policy { get; }

    /// <summary>The mask bit of the income indicator the phase criteria read (0 when the instrument has none).</summary>
    public long IncomeBit { get; }

    public TierDecision Decide(in TierInput input)
    {
        CompiledRule? best = null;
        foreach (var rule in _rules)
        {
            if ((best is null || rule.Rule.Tier > best.Rule.Tier) && rule.Fires(input))
            {
                best = rule;
            }
        }

        return best is null
            ? new TierDecision(Tier.Green, AssessmentPolicy.DefaultRuleCode, AssessmentPolicy.DefaultRuleName)
            : new TierDecision(best.Rule.Tier, best.Rule.Code, best.Rule.Name);
    }

    /// <summary>
    /// The phase: self-reliance once the household is not poor and its income indicator has not been deprived for the
    /// required months (since <paramref name="incomeOkSince"/>); development once it is not poor, not red and (when the
    /// criteria say so) has a working-age member able to work; assistance otherwise.
    /// </summary>
    public Phase PhaseOf(in TierInput input, Tier tier, DateOnly? incomeOkSince, DateOnly today)
    {
        if (input.Incomplete || input.Poor || tier == Tier.Red)
        {
            return Phase.Assistance;
        }

        if (IncomeBit != 0 && incomeOkSince is { } since && since.AddMonths(Policy.Phases.SelfRelianceMonths) <= today)
        {
            return Phase.SelfReliance;
        }

        return !Policy.Phases.DevelopmentNeedsWorkingAgeAble || input.Needs.HasFlag(NeedFlags.WorkingAgeAble)
            ? Phase.Development
            : Phase.Assistance;
    }

    /// <summary>
    /// Tier, income streak and phase of a household from its outcome: the one derivation both a submitted assessment
    /// and the batch use. The income streak continues from <paramref name="incomeOkSince"/> while the income indicator
    /// is observed and not deprived.
    /// </summary>
    public StandingDecision Evaluate(in TierInput input, long missingMask, DateOnly? incomeOkSince, DateOnly today)
    {
        var tier = Decide(input);
        var incomeOk = IncomeBit != 0 && (input.DeprivedMask & IncomeBit) == 0 && (missingMask & IncomeBit) == 0 ? incomeOkSince ?? today : (DateOnly?)null;
        return new StandingDecision(tier, incomeOk, PhaseOf(input, tier.Tier, incomeOk, today));
    }

    /// <summary>When the next reassessment falls due: by the household's assistance category and whether its income varies.</summary>
    public ReassessmentDue Reassessment(AssistanceCategory? category, NeedFlags needs) => Policy.Reassessment.Due(category, needs);
}

/// <summary>Chinese names of tiers and phases.</summary>
public static class TierText
{
    public static string Name(Tier tier) => tier switch
    {
        Tier.Red => "红色预警",
        Tier.Yellow => "黄色预警",
        _ => "绿色（常规监测）",
    };

    public static string Short(Tier tier) => tier switch
    {
        Tier.Red => "红",
        Tier.Yellow => "黄",
        _ => "绿",
    };

    public static string Name(Phase phase) => phase switch
    {
        Phase.Assistance => "救助",
        Phase.Development => "发展",
        _ => "自立",
    };
}
