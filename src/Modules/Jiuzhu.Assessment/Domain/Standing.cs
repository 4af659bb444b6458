using Jiuzhu.Assessment.Policy;
using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Domain;

/// <summary>
/// A household's current standing: its latest submitted assessment evaluated under the instrument version and policy
/// in force, with its tier and phase. One row per household. A batch recomputation rewrites, in one transaction, the
/// rows whose result changed (readers see all old or all new results); a row it leaves alone was confirmed by it
/// (see <see cref="StandingGeneration.EvaluatedUnder"/>).
/// </summary>
public sealed class HouseholdStanding : IRegionScoped
{
    private HouseholdStanding()
    {
        RegionCode = TierRule = TierRuleName = ProtectedProfile = string.Empty;
        ProtectedInputs = [];
    }

    public HouseholdStanding(
        Guid householdId, string regionCode, Guid assessmentId, Guid instrumentId, string? score, double? scoreValue,
        bool poor, bool incomplete, string protectedProfile, Tier tier, string tierRule, string tierRuleName, Phase phase,
        DateOnly? incomeOkSince, DateTimeOffset computedAt, byte[] protectedInputs, Guid inputsInstrumentId, long resultStamp)
    {
        HouseholdId = householdId;
        RegionCode = regionCode;
        AssessmentId = assessmentId;
        InstrumentId = instrumentId;
        Score = score;
        ScoreValue = scoreValue;
        Poor = poor;
        Incomplete = incomplete;
        ProtectedProfile = protectedProfile;
        Tier = tier;
        TierRule = tierRule;
        TierRuleName = tierRuleName;
        Phase = phase;
        IncomeOkSince = incomeOkSince;
        ComputedAt = computedAt;
        ProtectedInputs = protectedInputs;
        InputsInstrumentId = inputsInstrumentId;
        ResultStamp = resultStamp;
    }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    public Guid AssessmentId { get; private set; }

    public Guid InstrumentId { get; private set; }

    public string? Score { get; private set; }

    public double? ScoreValue { get; private set; }

    public bool Poor { get; private set; }

    public bool Incomplete { get; private set; }

    /// <summary>Encrypted "deprivedMask:missingMask" under <see cref="InstrumentId"/>.</summary>
    public string ProtectedProfile { get; private set; }

    public Tier Tier { get; private set; }

    public string TierRule { get; private set; }

    public string TierRuleName { get; private set; }

    public Phase Phase { get; private set; }

    /// <summary>Since when the income indicator has not been deprived (for the self-reliance criterion).</summary>
    public DateOnly? IncomeOkSince { get; private set; }

    /// <summary>When this row's values were last computed (a batch that found them unchanged leaves it alone).</summary>
    public DateTimeOffset ComputedAt { get; private set; }

    /// <summary>
    /// The assessment's answers as its indicators read them (<see cref="Instruments.IndicatorInputs"/>), encrypted, in the
    /// column order of <see cref="InputsInstrumentId"/> (the version the assessment was made under): what a batch
    /// recomputation reads instead of the whole stored answers.
    /// </summary>
    public byte[] ProtectedInputs { get; private set; }

    public Guid InputsInstrumentId { get; private set; }

    /// <summary>The keyed stamp of what this row shows (<see cref="Domain.ResultStamp"/>); the batch rewrites the row when it differs.</summary>
    public long ResultStamp { get; private set; }

    /// <summary>Takes the values of a newer computation for the same household.</summary>
    internal void Replace(HouseholdStanding newer)
    {
        RegionCode = newer.RegionCode;
        AssessmentId = newer.AssessmentId;
        InstrumentId = newer.InstrumentId;
        Score = newer.Score;
        ScoreValue = newer.ScoreValue;
        Poor = newer.Poor;
        Incomplete = newer.Incomplete;
        ProtectedProfile = newer.ProtectedProfile;
        Tier = newer.Tier;
        TierRule = newer.TierRule;
        TierRuleName = newer.TierRuleName;
        Phase = newer.Phase;
        IncomeOkSince = newer.IncomeOkSince;
        ComputedAt = newer.ComputedAt;
        ProtectedInputs = newer.ProtectedInputs;
        InputsInstrumentId = newer.InputsInstrumentId;
        ResultStamp = newer.ResultStamp;
    }
}

/// <summary>
/// The batch recomputation's bookkeeping (one row): how many have completed, the last one's start and instrument
/// version, and the claim of a running one.
/// </summary>
public sealed class StandingGeneration
{
    public const int SingletonId = 1;

    private StandingGeneration()
    {
    }

    public StandingGeneration(int current, DateTimeOffset at)
    {
        Id = SingletonId;
        Current = current;
        SwitchedAt = at;
    }

    public int Id { get; private set; }

    public int Current { get; private set; }

    public DateTimeOffset SwitchedAt { get; private set; }

    /// <summary>Set while a batch runs, so two batches never run at once (claimed and cleared set-based by the batch).</summary>
    public DateTimeOffset? BatchStartedAt { get; private set; }

    /// <summary>When the last completed batch started: every standing computed before then was confirmed by it.</summary>
    public DateTimeOffset? LastBatchStartedAt { get; private set; }

    /// <summary>The instrument version the last completed batch evaluated every household under.</summary>
    public Guid? LastBatchInstrumentId { get; private set; }

    /// <summary>
    /// Standings whose results are those of <paramref name="instrumentId"/>: computed under it, or computed earlier and
    /// confirmed unchanged by a batch under it.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<HouseholdStanding, bool>> EvaluatedUnder(Guid instrumentId, StandingGeneration? state)
    {
        if (state is { LastBatchInstrumentId: { } batch, LastBatchStartedAt: { } started } && batch == instrumentId)
        {
            return s => s.InstrumentId == instrumentId || s.ComputedAt < started;
        }

        return s => s.InstrumentId == instrumentId;
    }

    /// <summary>The instrument version a standing's results are those of (see <see cref="EvaluatedUnder"/>).</summary>
    public Guid InstrumentOf(Guid instrumentId, DateTimeOffset computedAt) =>
        LastBatchInstrumentId is { } batch && LastBatchStartedAt is { } started && computedAt < started ? batch : instrumentId;

}

/// <summary>A change of a household's tier or phase, with the rule or criterion that made it.</summary>
public sealed class StandingChange : IRegionScoped
{
    private StandingChange()
    {
        RegionCode = Kind = To = Reason = Source = string.Empty;
    }

    public StandingChange(Guid householdId, string regionCode, string kind, string? from, string to, string reason, string source, Guid? assessmentId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        HouseholdId = householdId;
        RegionCode = regionCode;
        Kind = kind;
        From = from;
        To = to;
        Reason = reason;
        Source = source;
        AssessmentId = assessmentId;
        At = at;
    }

    public const string TierKind = "tier";

    public const string PhaseKind = "phase";

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    /// <summary><see cref="TierKind"/> or <see cref="PhaseKind"/>.</summary>
    public string Kind { get; private set; }

    public string? From { get; private set; }

    public string To { get; private set; }

    /// <summary>The rule that fired (tiers) or the criterion that held (phases), in Chinese.</summary>
    public string Reason { get; private set; }

    /// <summary>What caused it: "assessment" or "batch".</summary>
    public string Source { get; private set; }

    public Guid? AssessmentId { get; private set; }

    public DateTimeOffset At { get; private set; }
}

public enum FollowUpKind
{
    /// <summary>First response to a red or yellow warning.</summary>
    TierResponse = 1,

    /// <summary>A routine monitoring visit (green, and the cadence of every tier).</summary>
    Monitoring = 2,

    /// <summary>The household is due for reassessment.</summary>
    Reassessment = 3,
}

public enum FollowUpStatus
{
    Open = 0,
    Done = 1,
    Superseded = 2,
}

/// <summary>
/// A follow-up task in a jurisdiction's inbox: respond to a warning, visit, or reassess. Belongs to the household's
/// village; <see cref="AssigneeRole"/> says whose inbox it lands in.
/// </summary>
public sealed class FollowUpTask : IRegionScoped
{
    private FollowUpTask()
    {
        RegionCode = AssigneeRole = Title = Reason = string.Empty;
    }

    public FollowUpTask(Guid householdId, string regionCode, FollowUpKind kind, Tier? tier, string assigneeRole, string title, string reason, DateTimeOffset dueAt, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        HouseholdId = householdId;
        RegionCode = regionCode;
        Kind = kind;
        Tier = tier;
        AssigneeRole = assigneeRole;
        Title = title;
        Reason = reason;
        DueAt = dueAt;
        CreatedAt = now;
        Status = FollowUpStatus.Open;
        Version = Guid.NewGuid();
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    public FollowUpKind Kind { get; private set; }

    public Tier? Tier { get; private set; }

    public string AssigneeRole { get; private set; }

    public string Title { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public FollowUpStatus Status { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public string? Note { get; private set; }

    public Guid Version { get; private set; }

    internal Result Complete(string by, string? note, DateTimeOffset now)
    {
        if (Status != FollowUpStatus.Open)
        {
            return Error.Conflict("task.closed", "该任务已办结。");
        }

        Status = FollowUpStatus.Done;
        ClosedAt = now;
        ClosedBy = by;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Version = Guid.NewGuid();
        return Result.Ok();
    }

    internal void Supersede(DateTimeOffset now)
    {
        Status = FollowUpStatus.Superseded;
        ClosedAt = now;
        ClosedBy = "system";
        Version = Guid.NewGuid();
    }
}

/// <summary>The assessment policy of a region's subtree (empty code: the platform default); the longest prefix applies.</summary>
public sealed class PolicySetting
{
    private PolicySetting()
    {
        RegionCode = Definition = UpdatedBy = string.Empty;
    }

    public PolicySetting(string regionCode, string definition, string by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        RegionCode = regionCode;
        Definition = definition;
        UpdatedBy = by;
        UpdatedAt = now;
        Stamp = Guid.NewGuid();
    }

    public Guid Id { get; private set; }

    /// <summary>A region code prefix ("" for the platform default).</summary>
    public string RegionCode { get; private set; }

    public string Definition { get; private set; }

    public string UpdatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid Stamp { get; private set; }

    internal void Replace(string definition, string by, DateTimeOffset now)
    {
        Definition = definition;
        UpdatedBy = by;
        UpdatedAt = now;
        Stamp = Guid.NewGuid();
    }
}
