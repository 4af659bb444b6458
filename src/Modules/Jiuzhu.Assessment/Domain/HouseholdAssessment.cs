using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Domain;

public enum AssessmentStatus
{
    /// <summary>Being filled in by the social worker.</summary>
    Draft = 0,

    /// <summary>Submitted: the household's assessment of record until a later one is submitted.</summary>
    Submitted = 1,
}

/// <summary>
/// A household's needs assessment under one instrument version, usually made inside a case. The answers, evidence
/// notes and member scale items are health and disability data: they are stored encrypted, and so is the deprivation
/// profile (which indicators the household is deprived in). What stays readable is what the platform must act on:
/// the score, poor or not, and whether the assessment is complete.
/// </summary>
public sealed class HouseholdAssessment : IRegionScoped
{
    private HouseholdAssessment()
    {
        RegionCode = AssessedBy = ProtectedAnswers = ProtectedProfile = InstrumentCode = string.Empty;
    }

    internal HouseholdAssessment(Guid householdId, Guid? caseId, string regionCode, Instrument instrument, ICurrentActor actor, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        HouseholdId = householdId;
        CaseId = caseId;
        RegionCode = regionCode;
        InstrumentId = instrument.Id;
        InstrumentCode = instrument.Code;
        InstrumentVersion = instrument.Version;
        AssessedBy = actor.Name;
        ProtectedAnswers = ProtectedProfile = string.Empty;
        AssessedByUserId = actor.Kind == ActorKind.User ? actor.Id : null;
        CreatedAt = UpdatedAt = now;
        Status = AssessmentStatus.Draft;
        Version = Guid.NewGuid();
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public Guid? CaseId { get; private set; }

    public string RegionCode { get; private set; }

    public Guid InstrumentId { get; private set; }

    public string InstrumentCode { get; private set; }

    public int InstrumentVersion { get; private set; }

    public AssessmentStatus Status { get; private set; }

    /// <summary>Encrypted <see cref="AssessmentAnswers"/> JSON.</summary>
    public string ProtectedAnswers { get; private set; }

    /// <summary>Encrypted deprivation profile ("deprivedMask:missingMask"); empty while a draft.</summary>
    public string ProtectedProfile { get; private set; }

    /// <summary>The exact deprivation score as a fraction ("3/8"); null when incomplete or a draft.</summary>
    public string? Score { get; private set; }

    /// <summary>The score as a number, for sorting and charts.</summary>
    public double? ScoreValue { get; private set; }

    public bool Poor { get; private set; }

    /// <summary>The household's assessment of record: its latest submitted one. Batch recomputation starts from these.</summary>
    public bool IsCurrent { get; private set; }

    public bool Incomplete { get; private set; }

    public string AssessedBy { get; private set; }

    public Guid? AssessedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public Guid Version { get; private set; }

    internal Result SaveDraft(string protectedAnswers, DateTimeOffset now)
    {
        if (Status != AssessmentStatus.Draft)
        {
            return Error.Conflict("assessment.submitted", "评估已提交，不能再修改。如情况变化，请发起复评。");
        }

        ProtectedAnswers = protectedAnswers;
        UpdatedAt = now;
        Version = Guid.NewGuid();
        return Result.Ok();
    }

    internal Result Submit(string protectedAnswers, AssessmentOutcome outcome, string protectedProfile, DateTimeOffset now)
    {
        var saved = SaveDraft(protectedAnswers, now);
        if (!saved.IsSuccess)
        {
            return saved;
        }

        Status = AssessmentStatus.Submitted;
        SubmittedAt = now;
        IsCurrent = true;
        ApplyOutcome(outcome, protectedProfile);
        return Result.Ok();
    }

    internal void Supersede() => IsCurrent = false;

    /// <summary>
    /// Records an assessment made elsewhere (a county's earlier system, a bulk load) as submitted, without a stored
    /// outcome: the next batch recomputation evaluates it under the instrument version in force.
    /// </summary>
    internal void RecordImported(string protectedAnswers, DateTimeOffset submittedAt)
    {
        ProtectedAnswers = protectedAnswers;
        Status = AssessmentStatus.Submitted;
        SubmittedAt = UpdatedAt = submittedAt;
        IsCurrent = true;
        Incomplete = true;
        Version = Guid.NewGuid();
    }

    internal void ApplyOutcome(AssessmentOutcome outcome, string protectedProfile)
    {
        Score = outcome.Score?.ToString();
        ScoreValue = outcome.Score is { } s ? (double)s.Numerator / (double)s.Denominator : null;
        Poor = outcome.Poor;
        Incomplete = outcome.Incomplete;
        ProtectedProfile = protectedProfile;
    }
}
