using System.Text.Json;

namespace Jiuzhu.Assessment.Instruments;

/// <summary>
/// One member's ability scale as recorded in an assessment: the item scores, for GB/T 42195 the facts that change the
/// level, and the result they give (the Barthel total, or the final ability level). The result is always recomputed
/// from the items by the platform; a value sent by a client is not trusted.
/// </summary>
public sealed record MemberScale(
    Guid PersonId,
    ScaleMeasure Measure,
    IReadOnlyDictionary<string, int> Items,
    decimal Value = 0,
    Scales.ElderlyAbilityFlags? Flags = null,
    string? Band = null)
{
    /// <summary>Scores the items; the result carries the value and its band or level name in Chinese.</summary>
    public Kernel.Result<MemberScale> Score()
    {
        if (Measure == ScaleMeasure.BarthelTotal)
        {
            var barthel = Scales.BarthelIndex.Score(Items);
            return barthel.IsSuccess
                ? this with { Value = barthel.Value.Total, Flags = null, Band = Scales.BarthelIndex.ChineseName(barthel.Value.ClinicalBand) }
                : barthel.Error!;
        }

        var elderly = Scales.ElderlyAbility.Assess(Items, Flags);
        return elderly.IsSuccess
            ? this with { Value = (int)elderly.Value.FinalLevel, Band = Scales.ElderlyAbility.ChineseName(elderly.Value.FinalLevel) }
            : elderly.Error!;
    }
}

/// <summary>
/// What the social worker recorded: an answer per indicator code (yes/no as 1/0, a choice as its option value, null
/// when not known), the members' scales, and evidence notes. Stored encrypted as JSON.
/// </summary>
public sealed record AssessmentAnswers(
    IReadOnlyDictionary<string, decimal?> Values,
    IReadOnlyList<MemberScale> Scales,
    string? Notes)
{
    public static AssessmentAnswers Empty { get; } = new(new Dictionary<string, decimal?>(), [], null);

    public IReadOnlyList<MemberScaleResult> ScaleResults => [.. Scales.Select(s => new MemberScaleResult(s.PersonId, s.Measure, s.Value))];

    public string ToJson() => JsonSerializer.Serialize(this, InstrumentDefinition.Json);

    public static AssessmentAnswers FromJson(string json) =>
        JsonSerializer.Deserialize<AssessmentAnswers>(json, InstrumentDefinition.Json) ?? Empty;
}
