using Jiuzhu.Assessment.Policy;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Web.Components.Assessment;

/// <summary>A yes / no / either choice for a condition clause that may be left out.</summary>
public enum Clause
{
    Any,
    Yes,
    No,
}

/// <summary>An assessment policy being edited on the policy page: mutable, converted to and from <see cref="AssessmentPolicy"/>.</summary>
public sealed class PolicyDraft
{
    public List<DraftTierRule> Rules { get; } = [];

    public List<DraftResponse> Responses { get; } = [];

    public bool DevelopmentNeedsWorkingAgeAble { get; set; }

    public string IncomeIndicator { get; set; } = "income";

    public int SelfRelianceMonths { get; set; }

    public int StableMonths { get; set; }

    public int VariableIncomeMonths { get; set; }

    /// <summary>One line per assistance category, in the category order; <see cref="StableMonths"/> and
    /// <see cref="VariableIncomeMonths"/> are for households without a category yet.</summary>
    public List<DraftCadence> Cadences { get; } = [];

    public static PolicyDraft From(AssessmentPolicy policy)
    {
        var draft = new PolicyDraft
        {
            DevelopmentNeedsWorkingAgeAble = policy.Phases.DevelopmentNeedsWorkingAgeAble,
            IncomeIndicator = policy.Phases.IncomeIndicator,
            SelfRelianceMonths = policy.Phases.SelfRelianceMonths,
            StableMonths = policy.Reassessment.StableMonths,
            VariableIncomeMonths = policy.Reassessment.VariableIncomeMonths,
        };
        draft.Rules.AddRange(policy.Rules.Select(DraftTierRule.From));
        draft.Cadences.AddRange(Enum.GetValues<AssistanceCategory>().Select(policy.Reassessment.For)
            .Select(c => new DraftCadence { Category = c.Category, StableMonths = c.StableMonths, VariableIncomeMonths = c.VariableIncomeMonths }));
        foreach (var tier in PolicyText.TiersBySeverity)
        {
            var r = policy.ResponseFor(tier);
            draft.Responses.Add(new DraftResponse { Tier = tier, ResponseHours = r.ResponseHours, FollowUpDays = r.FollowUpDays });
        }

        return draft;
    }

    public AssessmentPolicy ToPolicy() => new(
        [.. Rules.Select(r => r.ToRule())],
        [.. Responses.Select(r => new TierResponse(r.Tier, r.ResponseHours, r.FollowUpDays))],
        new PhaseCriteria(DevelopmentNeedsWorkingAgeAble, IncomeIndicator, SelfRelianceMonths),
        new ReassessmentCadence(StableMonths, VariableIncomeMonths,
            [.. Cadences.Select(c => new CategoryCadence(c.Category, c.StableMonths, c.VariableIncomeMonths))]));

    /// <summary>Adds a rule with a fresh ASCII code (rule_1, rule_2…) that no other rule uses.</summary>
    public DraftTierRule AddRule(string name)
    {
        var n = 1;
        while (Rules.Any(r => r.Code == $"rule_{n}"))
        {
            n++;
        }

        var rule = new DraftTierRule { Code = $"rule_{n}", Name = name, Tier = Tier.Yellow };
        Rules.Add(rule);
        return rule;
    }
}

public sealed class DraftTierRule
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public Tier Tier { get; set; } = Tier.Yellow;

    public string? MinScore { get; set; }

    public Clause Poor { get; set; }

    public Clause Incomplete { get; set; }

    public IReadOnlyCollection<NeedFlags> Needs { get; set; } = [];

    public IReadOnlyCollection<string> Deprived { get; set; } = [];

    public static DraftTierRule From(TierRule rule) => new()
    {
        Code = rule.Code,
        Name = rule.Name,
        Tier = rule.Tier,
        MinScore = rule.When.MinScore,
        Poor = ToClause(rule.When.Poor),
        Incomplete = ToClause(rule.When.Incomplete),
        Needs = [.. rule.When.Needs ?? []],
        Deprived = [.. rule.When.Deprived ?? []],
    };

    public TierRule ToRule() => new(Code, Name.Trim(), Tier, When());

    public TierCondition When() => new(
        string.IsNullOrWhiteSpace(MinScore) ? null : MinScore.Trim(),
        FromClause(Poor),
        FromClause(Incomplete),
        Needs.Count > 0 ? [.. Needs.Distinct()] : null,
        Deprived.Count > 0 ? [.. Deprived.Distinct()] : null);

    private static Clause ToClause(bool? value) => value switch
    {
        true => Clause.Yes,
        false => Clause.No,
        _ => Clause.Any,
    };

    private static bool? FromClause(Clause clause) => clause switch
    {
        Clause.Yes => true,
        Clause.No => false,
        _ => null,
    };
}

public sealed class DraftCadence
{
    public AssistanceCategory Category { get; set; }

    public int StableMonths { get; set; }

    public int VariableIncomeMonths { get; set; }
}

public sealed class DraftResponse
{
    public Tier Tier { get; set; }

    public int? ResponseHours { get; set; }

    public int FollowUpDays { get; set; }
}

/// <summary>Labels of the policy page and how a rule's condition reads in Chinese.</summary>
public static class PolicyText
{
    /// <summary>Policy administrators edit; county and township staff read (as on the instrument pages).</summary>
    public const string PageRoles = InstrumentText.PageRoles;

    public static readonly Tier[] TiersBySeverity = [Tier.Red, Tier.Yellow, Tier.Green];

    public static bool CanEdit(ICurrentActor actor) => PolicyCatalog.Editors.Any(actor.IsInRole);

    /// <summary>Every label these helpers can produce, for the translation test.</summary>
    public static IEnumerable<string> AllLabels() =>
        Enum.GetValues<Tier>().Select(TierText.Name).Concat(Enum.GetValues<Clause>().Select(ClauseName));

    public static string ClauseName(Clause clause) => clause switch
    {
        Clause.Yes => "是",
        Clause.No => "否",
        _ => "不限",
    };
}
