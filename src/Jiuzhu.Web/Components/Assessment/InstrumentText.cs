using System.Globalization;
using System.Text.RegularExpressions;
using Jiuzhu.Assessment;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Kernel;

namespace Jiuzhu.Web.Components.Assessment;

/// <summary>Chinese labels of the instrument pages, used as localization keys, and how fractions are shown.</summary>
public static partial class InstrumentText
{
    /// <summary>Who sees the instrument pages: policy administrators edit, county and township staff read.</summary>
    public const string PageRoles =
        Roles.RegionalAdmin + "," + Roles.CountyOfficer + "," + Roles.CountyApprover + "," + Roles.TownshipSocialWorker;

    /// <summary>Every label these helpers can produce, for the translation test.</summary>
    public static IEnumerable<string> AllLabels() =>
        Enum.GetValues<InstrumentStatus>().Select(Status)
            .Concat(Enum.GetValues<IndicatorKind>().Select(Kind))
            .Concat(Enum.GetValues<MissingPolicy>().Select(Missing))
            .Concat(Enum.GetValues<RuleOperator>().Select(Operator))
            .Concat(Enum.GetValues<ScaleMeasure>().Select(Scale));

    public static bool CanEdit(ICurrentActor actor) => InstrumentCatalog.Editors.Any(actor.IsInRole);

    public static string Status(InstrumentStatus status) => status switch
    {
        InstrumentStatus.Draft => "草稿",
        InstrumentStatus.Published => "已发布",
        _ => "已停用",
    };

    public static string Kind(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Number => "数值题",
        IndicatorKind.YesNo => "是非题",
        IndicatorKind.Choice => "选择题",
        _ => "量表题",
    };

    public static string Missing(MissingPolicy policy) => policy == MissingPolicy.Reweight ? "在本维度内分摊权重" : "判为信息不完整";

    /// <summary>The operator as the editor offers it.</summary>
    public static string Operator(RuleOperator op) => op switch
    {
        RuleOperator.Below => "低于",
        RuleOperator.AtMost => "不高于",
        RuleOperator.AtLeast => "不低于",
        RuleOperator.Above => "高于",
        RuleOperator.Yes => "回答“是”为剥夺",
        RuleOperator.No => "回答“否”为剥夺",
        _ => "选择以下选项为剥夺",
    };

    public static string Scale(ScaleMeasure measure) => measure == ScaleMeasure.BarthelTotal
        ? "Barthel 指数（0–100，越低越差）"
        : "老年人能力等级（GB/T 42195-2022，0–4，越高越差）";

    public static readonly RuleOperator[] Comparisons = [RuleOperator.Below, RuleOperator.AtMost, RuleOperator.AtLeast, RuleOperator.Above];

    /// <summary>The operators that fit a kind of indicator, the first being the default.</summary>
    public static IReadOnlyList<RuleOperator> OperatorsFor(IndicatorKind kind) => kind switch
    {
        IndicatorKind.YesNo => [RuleOperator.Yes, RuleOperator.No],
        IndicatorKind.Choice => [RuleOperator.In, .. Comparisons],
        _ => Comparisons,
    };

    /// <summary>"1/8" as "1/8（12.5%）"; text that is not a fraction comes back unchanged.</summary>
    public static string Fraction(string? text) =>
        Jiuzhu.Assessment.Mpi.Fraction.TryParse(text, out var f) ? Fraction(f) : text ?? string.Empty;

    public static string Fraction(Fraction f) => $"{f}（{Percent(f)}）";

    public static string Percent(Fraction f) => (f.ToDouble() * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>A dimension's weight times an indicator's share, or null when either is not a fraction.</summary>
    public static Fraction? Effective(string? weight, string? share) =>
        Jiuzhu.Assessment.Mpi.Fraction.TryParse(weight, out var w) && Jiuzhu.Assessment.Mpi.Fraction.TryParse(share, out var s) ? w * s : null;

    /// <summary>Codes are stable identifiers kept in stored answers: lower-case ASCII letters, digits and underscores.</summary>
    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex CodePattern();
}
