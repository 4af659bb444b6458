using Jiuzhu.Assessment.Policy;
using Jiuzhu.Assessment.Scales;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Catalog.Plans;

/// <summary>A member as a proposal reads them: age, own need flags and ability scales. No name, no identity number.</summary>
public sealed record MemberProfile(int Age, NeedFlags Needs, int? Barthel = null, ElderlyAbilityLevel? ElderlyLevel = null);

/// <summary>An indicator of the assessment the household is deprived in.</summary>
public sealed record DeprivedIndicator(string Code, string Name);

/// <summary>What a proposal reads of a household's current assessment result and registry record.</summary>
public sealed record HouseholdProfile(
    Tier Tier,
    string TierRuleName,
    Phase Phase,
    AssistanceCategory? Category,
    NeedFlags Needs,
    IReadOnlyList<MemberProfile> Members,
    IReadOnlyList<DeprivedIndicator> Deprived);

/// <summary>A package the proposal applies, and why.</summary>
public sealed record ProposedPackage(string Code, string Name, string Reason);

/// <summary>One proposed plan item: the item as the region's catalog gives it, how often, and a one-line reason a worker can check.</summary>
public sealed record PlanProposalItem(
    string ItemCode, string Name, string Category, string Layer, string Unit, ServiceFrequency Frequency, decimal UnitPrice,
    string OwnerDepartment, string? PackageCode, string Reason, IReadOnlyList<Guid> VersionIds);

/// <summary>A proposal: packages, items, and the items left out with why.</summary>
public sealed record PlanProposal(IReadOnlyList<ProposedPackage> Packages, IReadOnlyList<PlanProposalItem> Items, IReadOnlyList<SkippedItem> Skipped);

/// <summary>
/// Proposes a household service plan (一户一策) from the assessment result and the region's effective catalog and
/// packages. Need signals come from the members' flags and ages, the ability scales and the deprived indicators;
/// packages whose typical needs the household has are applied (base list, and the modules its needs match), items
/// for needs no package covers are added, then the phase's and the tier's own items. 救助 gets what its needs call for,
/// capacity building only as a first step (the package's base list); 发展 gets capacity building in full (能力提升);
/// 自立 keeps only the care its members still need and a light follow-up. Items the region switched off, lacks, or does not offer to the household's assistance category are
/// reported, never proposed. Every reason names the item and the evidence, e.g. "LIFE-01 助餐：成员 83 岁独居；GB/T 42195 等级 2".
/// </summary>
public static class PlanProposer
{
    /// <summary>The catalog's need-flag codes of the registry's need flags.</summary>
    public static IReadOnlyList<(NeedFlags Flag, string Code)> FlagCodes { get; } =
    [
        (NeedFlags.ElderlyLivingAlone, "ELDERLY_ALONE"), (NeedFlags.Aged80Plus, "ELDERLY_80"), (NeedFlags.Dependent, "DEPENDENT"),
        (NeedFlags.SevereDisability, "DISABLED_SEVERE"), (NeedFlags.SeriouslyIll, "SERIOUS_ILL"), (NeedFlags.ChildInDifficulty, "CHILD_DIFFICULT"),
        (NeedFlags.LeftBehindChild, "CHILD_LEFT_BEHIND"), (NeedFlags.SingleParent, "SINGLE_PARENT"), (NeedFlags.GrandparentRaised, "GRANDPARENT_CARE"),
        (NeedFlags.FamilyCaregiver, "CAREGIVER"), (NeedFlags.WorkingAgeAble, "WORK_ABLE"), (NeedFlags.LongTermUnemployed, "LONG_UNEMPLOYED"),
        (NeedFlags.YoungDisabled, "DISABLED_YOUTH"),
    ];

    /// <summary>Needs that call for care whatever the phase: a self-reliant household keeps these services.</summary>
    public static readonly string[] CareNeeds = ["DEPENDENT", "DISABLED_SEVERE", "SERIOUS_ILL", "CHILD_DIFFICULT"];

    /// <summary>Needs that call for capacity building: in the 救助 phase their package brings its base list only, the modules wait for 发展.</summary>
    public static readonly string[] DevelopmentNeeds = ["WORK_ABLE", "LONG_UNEMPLOYED", "DISABLED_YOUTH"];

    /// <summary>Deprived indicators of the default instrument that call for an item no need flag brings.</summary>
    public static IReadOnlyList<(string Indicator, string ItemCode)> IndicatorItems { get; } =
    [
        ("no_caregiver", "LIFE-07"), ("isolation", "SOCIAL-01"), ("no_support_network", "SOCIAL-03"), ("unsafe_housing", "LIFE-06"),
        ("school_dropout", "SKILL-05"), ("rigid_spending", "SOCIAL-05"), ("income", "SOCIAL-04"),
    ];

    public static string? TargetGroupOf(AssistanceCategory? category) => category switch
    {
        AssistanceCategory.ExtremelyPoor => "TEKUN",
        AssistanceCategory.MinimumLiving => "DIBAO",
        AssistanceCategory.MinimumLivingEdge => "DIBAO_EDGE",
        AssistanceCategory.RigidExpense => "RIGID_EXP",
        AssistanceCategory.TemporaryHardship => "TEMP",
        _ => null,
    };

    public static PlanProposal Propose(HouseholdProfile household, IReadOnlyList<EffectiveItem> catalog, IReadOnlyList<PackageView> packages)
    {
        var signals = Signals(household);
        var byCode = catalog.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var selfReliant = household.Phase == Phase.SelfReliance;
        var targetGroup = TargetGroupOf(household.Category);
        var items = new List<PlanProposalItem>();
        var skipped = new List<SkippedItem>();
        var chosen = new List<ProposedPackage>();

        // Adds an item unless it is in the plan already, or the region cannot give it to this household.
        void Add(EffectiveItem? item, string code, string? package, string evidence, ServiceFrequency? frequency = null)
        {
            if (items.Any(i => i.ItemCode == code) || skipped.Any(s => s.ItemCode == code))
            {
                return;
            }

            if (item is null)
            {
                skipped.Add(new SkippedItem(code, "本地区目录中没有该项目"));
                return;
            }

            if (item.SwitchOff is { } off)
            {
                skipped.Add(new SkippedItem(code, $"{item.Name}已由{CatalogVocabulary.TierName(off.Tier)}层级在本地停用"));
                return;
            }

            if (targetGroup is not null && item.TargetGroups.Count > 0 && !item.TargetGroups.Contains(targetGroup))
            {
                skipped.Add(new SkippedItem(code, $"{item.Name}的适用对象不含{CatalogVocabulary.TargetGroupName(targetGroup)}"));
                return;
            }

            var often = frequency is { } f && item.Limits.FrequencyPermits(f) ? f : item.Frequency;
            items.Add(new PlanProposalItem(item.Code, item.Name, item.Category, item.Layer, item.Unit, often, item.UnitPrice, item.OwnerDepartment,
                package, $"{item.Code} {item.Name}：{evidence}", item.VersionIds));
        }

        string Evidence(EffectiveItem item, IEnumerable<string> fallbackFlags)
        {
            var texts = Texts(item.NeedFlags.Where(signals.ContainsKey).Select(f => signals[f]));
            return texts.Count > 0 ? string.Join("；", texts) : string.Join("；", Texts(fallbackFlags.Where(signals.ContainsKey).Select(f => signals[f])));
        }

        // Packages whose typical needs the household has: all base items, and the modules its needs match (none when
        // self-reliant, nor for capacity building before the 发展 phase).
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            var typical = (package.Content.TypicalNeedFlags ?? []).Where(signals.ContainsKey).ToList();
            if (selfReliant)
            {
                typical = [.. typical.Where(CareNeeds.Contains)];
            }

            if (typical.Count == 0)
            {
                continue;
            }

            covered.UnionWith(typical);
            var name = package.Content.Name;
            chosen.Add(new ProposedPackage(package.Code, name, $"{name}：{string.Join("；", Texts(typical.Select(f => signals[f])))}"));
            var baseOnly = selfReliant || (household.Phase == Phase.Assistance && typical.All(DevelopmentNeeds.Contains));
            var expansion = PackageExpander.Expand(package.Code, package.Content, catalog, baseOnly ? [] : null, [.. signals.Keys]).Value;
            foreach (var left in expansion.Skipped.Where(x => skipped.All(k => k.ItemCode != x.ItemCode)))
            {
                skipped.Add(left);
            }

            foreach (var proposed in expansion.Items)
            {
                var item = byCode[proposed.ItemCode];
                var part = proposed.Optional ? "弹性模块" : "基础目录";
                Add(item, item.Code, package.Code, $"{Evidence(item, typical)}（{name}·{part}）", Intensity(item, household));
            }
        }

        // Needs no package covers: the catalog's items for them, in catalog order.
        var uncovered = signals.Keys.Where(f => !covered.Contains(f) && (!selfReliant || CareNeeds.Contains(f))).ToHashSet(StringComparer.Ordinal);
        if (uncovered.Count > 0)
        {
            foreach (var item in catalog.Where(i => i.NeedFlags.Any(uncovered.Contains)))
            {
                Add(item, item.Code, null, Evidence(item, []), Intensity(item, household));
            }
        }

        if (!selfReliant)
        {
            foreach (var (indicator, code) in IndicatorItems)
            {
                if (household.Deprived.FirstOrDefault(d => d.Code == indicator) is { } deprived)
                {
                    Add(byCode.GetValueOrDefault(code), code, null, $"评估剥夺：{deprived.Name}");
                }
            }
        }

        switch (household.Phase)
        {
            case Phase.Development:
                var able = signals.TryGetValue("WORK_ABLE", out var who) ? who : "基本需求已满足";
                foreach (var code in new[] { "SKILL-01", "SKILL-02", "SOCIAL-02" })
                {
                    Add(byCode.GetValueOrDefault(code), code, null, $"发展阶段·能力提升：{able}");
                }

                break;
            case Phase.SelfReliance:
                Add(byCode.GetValueOrDefault("LIFE-07"), "LIFE-07", null, "自立阶段·轻度跟进：每月巡访，巩固成效、防止返贫", ServiceFrequency.Monthly);
                Add(byCode.GetValueOrDefault("SOCIAL-04"), "SOCIAL-04", null, "自立阶段·轻度跟进：政策变化时按需咨询");
                break;
        }

        if (household.Tier is Tier.Red or Tier.Yellow)
        {
            Add(byCode.GetValueOrDefault("FAMILY-04"), "FAMILY-04", null, $"{TierText.Name(household.Tier)}（{household.TierRuleName}）：须个案管理跟进");
        }

        return new PlanProposal(chosen, items, skipped);
    }

    /// <summary>
    /// Each need the household shows, with its evidence in words a worker can check against the assessment: the
    /// member's age and flag, the scale level, or the deprived indicator. Ages and levels, never names.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Signals(HouseholdProfile h)
    {
        var signals = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string flag, string? evidence)
        {
            if (evidence is not null && !signals.ContainsKey(flag))
            {
                signals[flag] = evidence;
            }
        }

        MemberProfile? Oldest(Func<MemberProfile, bool> with) => h.Members.Where(with).MaxBy(m => m.Age);
        MemberProfile? Youngest(Func<MemberProfile, bool> with) => h.Members.Where(with).MinBy(m => m.Age);
        string? Flag(NeedFlags flag) => h.Needs.HasFlag(flag) ? RegistryTerms.NeedName(flag) : null;
        string? Indicator(string code) => h.Deprived.FirstOrDefault(d => d.Code == code) is { } d ? $"评估剥夺：{d.Name}" : null;

        Set("ELDERLY_ALONE", Oldest(m => m.Needs.HasFlag(NeedFlags.ElderlyLivingAlone)) is { } alone ? $"成员 {alone.Age} 岁独居" : Flag(NeedFlags.ElderlyLivingAlone));
        Set("ELDERLY_80", Oldest(m => m.Age >= 80 || m.Needs.HasFlag(NeedFlags.Aged80Plus)) is { } old ? $"成员 {old.Age} 岁" : Flag(NeedFlags.Aged80Plus));

        var dependency = new List<string>();
        if (h.Members.Where(m => m.ElderlyLevel is >= ElderlyAbilityLevel.ModeratelyImpaired).MaxBy(m => m.ElderlyLevel) is { ElderlyLevel: { } level })
        {
            dependency.Add($"GB/T 42195 等级 {(int)level}");
        }

        if (h.Members.Where(m => m.Barthel is <= 60).MinBy(m => m.Barthel) is { Barthel: { } barthel })
        {
            dependency.Add($"Barthel 指数 {barthel} 分");
        }

        Set("DEPENDENT", dependency.Count > 0 ? string.Join("；", dependency)
            : Flag(NeedFlags.Dependent) ?? Indicator("elderly_ability") ?? Indicator("barthel"));
        Set("DISABLED_SEVERE", Flag(NeedFlags.SevereDisability) ?? Indicator("severe_disability"));
        Set("SERIOUS_ILL", Flag(NeedFlags.SeriouslyIll) ?? Indicator("serious_illness"));
        Set("CHILD_DIFFICULT", Youngest(m => m.Needs.HasFlag(NeedFlags.ChildInDifficulty)) is { } child ? $"困境儿童（{child.Age} 岁）"
            : Flag(NeedFlags.ChildInDifficulty) ?? Indicator("child_guardianship"));
        Set("CHILD_LEFT_BEHIND", Youngest(m => m.Needs.HasFlag(NeedFlags.LeftBehindChild)) is { } left ? $"留守儿童（{left.Age} 岁）" : Flag(NeedFlags.LeftBehindChild));
        Set("SINGLE_PARENT", Flag(NeedFlags.SingleParent));
        Set("GRANDPARENT_CARE", Flag(NeedFlags.GrandparentRaised));
        Set("CAREGIVER", Flag(NeedFlags.FamilyCaregiver));
        Set("WORK_ABLE", Youngest(m => m.Needs.HasFlag(NeedFlags.WorkingAgeAble)) is { } worker ? $"成员 {worker.Age} 岁有劳动能力" : Flag(NeedFlags.WorkingAgeAble));
        Set("LONG_UNEMPLOYED", Flag(NeedFlags.LongTermUnemployed) ?? Indicator("no_stable_work"));
        Set("DISABLED_YOUTH", Youngest(m => m.Needs.HasFlag(NeedFlags.YoungDisabled)) is { } youth ? $"青年残疾人（{youth.Age} 岁）" : Flag(NeedFlags.YoungDisabled));
        return signals;
    }

    /// <summary>Home care every day for a member severely impaired (GB/T 42195 level 3 or more, or Barthel 40 or less).</summary>
    private static ServiceFrequency? Intensity(EffectiveItem item, HouseholdProfile h) =>
        item.Code == "LIFE-08" && h.Members.Any(m => m.ElderlyLevel is >= ElderlyAbilityLevel.SeverelyImpaired || m.Barthel is <= 40)
            ? ServiceFrequency.Daily
            : null;

    // Distinct evidence, leaving out what an earlier one already says ("成员 83 岁" inside "成员 83 岁独居").
    private static List<string> Texts(IEnumerable<string> evidence)
    {
        var texts = new List<string>();
        foreach (var text in evidence.SelectMany(e => e.Split('；')))
        {
            if (!texts.Any(t => t.Contains(text, StringComparison.Ordinal)))
            {
                texts.Add(text);
            }
        }

        return texts;
    }
}
