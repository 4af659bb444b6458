using System.Text.Json;

namespace Jiuzhu.Assessment.Instruments;

/// <summary>One member's ability scale as recorded in an assessment: the item scores and the results they give.</summary>
public sealed record MemberScale(Guid PersonId, ScaleMeasure Measure, IReadOnlyDictionary<string, int> Items, decimal Value);

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
