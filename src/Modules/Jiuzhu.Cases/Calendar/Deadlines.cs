using System.Text.Json;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Cases.Calendar;

/// <summary>A step of a case that has a deadline (办理时限).</summary>
public enum DeadlineStep
{
    Acceptance = 1,                 // 受理
    Decision = 2,                   // 审批决定
    UrgentFirstResponse = 3,        // 紧急救助首次响应
    ReassessmentStable = 4,         // 定期复核：收入稳定的家庭
    ReassessmentVariableIncome = 5, // 定期复核：收入不稳定的家庭
    ReferralAnswer = 6,             // 部门答复转介（接收或退回）
}

/// <summary>How a deadline is counted.</summary>
public enum DeadlineUnit
{
    WorkingDays = 1, // 工作日，按官方节假日安排（含调休）
    Hours = 2,       // 小时，连续计算
    Months = 3,      // 个月，按日历月
}

/// <summary>An amount and a unit: "3 working days", "24 hours", "12 months".</summary>
public sealed record DeadlineRule(int Amount, DeadlineUnit Unit)
{
    /// <summary>
    /// When something due <see cref="Amount"/> units after <paramref name="from"/> must be done. Working days end at
    /// midnight China time of the n-th working day after the event's date (<see cref="WorkingCalendar.AddWorkingDays"/>).
    /// Hours are plain elapsed time, not working time: an urgent case reported on a Saturday evening or on the eve of
    /// the Spring Festival still needs its first response within 24 hours, nights and holidays included.
    /// Months are calendar months in China time (the 31st plus one month is the end of the next month).
    /// </summary>
    public DateTimeOffset DueFrom(DateTimeOffset from, WorkingCalendar calendar) => Unit switch
    {
        DeadlineUnit.WorkingDays => calendar.EndOfWorkingDays(from, Amount),
        DeadlineUnit.Hours => from.AddHours(Amount).ToUniversalTime(),
        DeadlineUnit.Months => ChinaTime.ToChina(from).AddMonths(Amount).ToUniversalTime(),
        _ => throw new ArgumentOutOfRangeException(nameof(Unit), Unit, null),
    };

    public override string ToString() => $"{Amount} {DeadlineTerms.UnitName(Unit)}";
}

/// <summary>Stable words, Chinese names and limits of deadline steps and units.</summary>
public static class DeadlineTerms
{
    public static IReadOnlyList<DeadlineStep> Steps { get; } = Enum.GetValues<DeadlineStep>();

    public static IReadOnlyList<DeadlineUnit> Units { get; } = Enum.GetValues<DeadlineUnit>();

    /// <summary>The national defaults of issue #3 and DOMAIN.md §4, used wherever no region has set its own.</summary>
    public static DeadlineRule Default(DeadlineStep step) => step switch
    {
        DeadlineStep.Acceptance => new(3, DeadlineUnit.WorkingDays),
        DeadlineStep.Decision => new(20, DeadlineUnit.WorkingDays),
        DeadlineStep.UrgentFirstResponse => new(24, DeadlineUnit.Hours),
        DeadlineStep.ReassessmentStable => new(12, DeadlineUnit.Months),
        DeadlineStep.ReassessmentVariableIncome => new(6, DeadlineUnit.Months),
        DeadlineStep.ReferralAnswer => new(5, DeadlineUnit.WorkingDays),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>Re-checks run over months; the steps of an application run over working days or hours.</summary>
    public static IReadOnlyList<DeadlineUnit> AllowedUnits(DeadlineStep step) => step switch
    {
        DeadlineStep.ReassessmentStable or DeadlineStep.ReassessmentVariableIncome => [DeadlineUnit.Months],
        _ => [DeadlineUnit.WorkingDays, DeadlineUnit.Hours],
    };

    /// <summary>The largest amount a policy may set: a year of working days, a month of hours, five years of months.</summary>
    public static int MaxAmount(DeadlineUnit unit) => unit switch
    {
        DeadlineUnit.WorkingDays => 250,
        DeadlineUnit.Hours => 720,
        _ => 60,
    };

    public static string StepName(DeadlineStep step) => step switch
    {
        DeadlineStep.Acceptance => "受理",
        DeadlineStep.Decision => "审批决定",
        DeadlineStep.UrgentFirstResponse => "紧急救助首次响应",
        DeadlineStep.ReassessmentStable => "定期复核（收入稳定）",
        DeadlineStep.ReassessmentVariableIncome => "定期复核（收入不稳定）",
        DeadlineStep.ReferralAnswer => "部门答复转介",
        _ => step.ToString(),
    };

    public static string UnitName(DeadlineUnit unit) => unit switch
    {
        DeadlineUnit.WorkingDays => "个工作日",
        DeadlineUnit.Hours => "小时",
        DeadlineUnit.Months => "个月",
        _ => unit.ToString(),
    };

    /// <summary>"acceptance", "urgent-first-response", "working-days"…: the words of the API.</summary>
    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? word, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Word(candidate), word?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}

/// <summary>
/// A region's own deadline for a step and case type (办理时限设置). It applies to the region and everything below it
/// unless a more specific region or case type says otherwise (<see cref="DeadlinePolicySet"/>). Policies are not
/// jurisdiction-filtered records: a village's cases follow the county's and the province's policies, so everyone
/// below a region must read them. Who may change them is checked by <see cref="DeadlinePolicyAdministration"/>.
/// </summary>
public sealed class DeadlinePolicy
{
    private DeadlinePolicy()
    {
        CaseType = RegionCode = UpdatedBy = string.Empty;
    }

    public DeadlinePolicy(DeadlineStep step, string caseType, RegionCode region, DeadlineRule rule, string updatedBy, DateTimeOffset updatedAt)
    {
        Id = Guid.CreateVersion7(updatedAt);
        Step = step;
        CaseType = caseType;
        RegionCode = region.Value;
        Amount = rule.Amount;
        Unit = rule.Unit;
        Version = 1;
        UpdatedBy = updatedBy;
        UpdatedAt = updatedAt;
    }

    public Guid Id { get; private set; }

    public DeadlineStep Step { get; private set; }

    /// <summary>A <see cref="CaseTypes"/> code, or <see cref="CaseTypes.Any"/>.</summary>
    public string CaseType { get; private set; }

    /// <summary>The 12-digit code of the region that set it.</summary>
    public string RegionCode { get; private set; }

    public int Amount { get; private set; }

    public DeadlineUnit Unit { get; private set; }

    /// <summary>Raised on every change; a stale edit is refused instead of silently overwriting another's.</summary>
    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    public DeadlineRule Rule => new(Amount, Unit);

    public void Change(DeadlineRule rule, string updatedBy, DateTimeOffset updatedAt)
    {
        Amount = rule.Amount;
        Unit = rule.Unit;
        Version++;
        UpdatedBy = updatedBy;
        UpdatedAt = updatedAt;
    }

    public DeadlinePolicyRow ToRow() => new(Id, Step, CaseType, RegionCode, Rule, Version, UpdatedAt, UpdatedBy);
}

/// <summary>A stored policy as read (immutable, fit for caching).</summary>
public sealed record DeadlinePolicyRow(
    Guid Id, DeadlineStep Step, string CaseType, string RegionCode, DeadlineRule Rule, int Version, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>The deadline that applies to a step, case type and region, and where it comes from.</summary>
/// <param name="Source">The policy that decided it; null when the national default applies.</param>
public sealed record EffectivePolicy(DeadlineStep Step, string CaseType, DeadlineRule Rule, DeadlinePolicyRow? Source)
{
    public bool IsNationalDefault => Source is null;
}

/// <summary>
/// Resolves deadlines from the stored policies. The most specific region wins (village over township over county over
/// city over province over the national default); within one region a policy for the case type wins over one for
/// any type. Region comes first: when a county sets a deadline for every type, its cases follow it even if the
/// province set one for their type — the county chose for all its cases, and can still set one per type.
/// </summary>
public sealed class DeadlinePolicySet
{
    private readonly ILookup<DeadlineStep, (DeadlinePolicyRow Row, RegionCode Region)> _byStep;

    public DeadlinePolicySet(IEnumerable<DeadlinePolicyRow> rows)
    {
        Rows = [.. rows];
        _byStep = Rows.ToLookup(r => r.Step, r => (r, RegionCode.Parse(r.RegionCode)));
    }

    public static DeadlinePolicySet Defaults { get; } = new([]);

    public IReadOnlyList<DeadlinePolicyRow> Rows { get; }

    public EffectivePolicy Resolve(DeadlineStep step, string caseType, RegionCode region)
    {
        DeadlinePolicyRow? best = null;
        var bestLevel = 0;
        foreach (var (row, policyRegion) in _byStep[step])
        {
            if ((row.CaseType != caseType && row.CaseType != CaseTypes.Any) || !policyRegion.Contains(region))
            {
                continue;
            }

            var level = ((int)policyRegion.Level * 2) + (row.CaseType == CaseTypes.Any ? 0 : 1);
            if (level > bestLevel)
            {
                best = row;
                bestLevel = level;
            }
        }

        return new EffectivePolicy(step, caseType, best?.Rule ?? DeadlineTerms.Default(step), best);
    }
}
