using Jiuzhu.Kernel;

namespace Jiuzhu.Cases.Domain;

/// <summary>How an application reached the platform (受理渠道).</summary>
public enum CaseChannel
{
    Online = 1,      // 网上申请（居民账号）
    WalkIn = 2,      // 窗口受理（一门受理）
    Discovery = 3,   // 主动发现
    Referral = 4,    // 部门转介
}

/// <summary>One step on a case's timeline: who moved it from where to where, when and why.</summary>
public sealed class CaseStep
{
    private CaseStep()
    {
        ActorName = ActorRoles = string.Empty;
    }

    internal CaseStep(Guid caseId, int number, CaseAction? action, CaseStatus? from, CaseStatus to, ICurrentActor actor, string? reason, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        CaseId = caseId;
        Number = number;
        Action = action;
        From = from;
        To = to;
        ActorName = actor.Name;
        ActorRoles = string.Join(',', actor.Roles);
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>1 for the submission, then one more per transition.</summary>
    public int Number { get; private set; }

    /// <summary>Null for the submission itself.</summary>
    public CaseAction? Action { get; private set; }

    public CaseStatus? From { get; private set; }

    public CaseStatus To { get; private set; }

    public string ActorName { get; private set; }

    public string ActorRoles { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>
/// An application and the case that follows it (申请与救助个案). One case per person and need: the same need filed
/// again through another channel or department while a case is open becomes a linked duplicate, not a second case.
/// </summary>
public sealed class Case : IRegionScoped
{
    private readonly List<CaseStep> _steps = [];

    private Case()
    {
        Number = RegionCode = CaseType = Need = SubmittedBy = string.Empty;
    }

    internal Case(
        string number, Guid personId, Guid householdId, string regionCode, string caseType, string need, bool urgent,
        CaseChannel channel, string? referringDepartment, ICurrentActor submittedBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Number = number;
        PersonId = personId;
        HouseholdId = householdId;
        RegionCode = regionCode;
        CaseType = caseType;
        Need = need;
        Urgent = urgent;
        Channel = channel;
        ReferringDepartment = referringDepartment;
        SubmittedBy = submittedBy.Name;
        SubmittedByUserId = submittedBy.Kind == ActorKind.User ? submittedBy.Id : null;
        SubmittedAt = UpdatedAt = now;
        Status = CaseStatus.Submitted;
        Version = Guid.NewGuid();
        _steps.Add(new CaseStep(Id, 1, null, null, CaseStatus.Submitted, submittedBy, null, now));
    }

    public Guid Id { get; private set; }

    /// <summary>Human-readable number, e.g. 371121-2026-000123.</summary>
    public string Number { get; private set; }

    /// <summary>The person the application is for (the applicant or the person in need).</summary>
    public Guid PersonId { get; private set; }

    public Guid HouseholdId { get; private set; }

    /// <summary>The household's village; jurisdiction follows it.</summary>
    public string RegionCode { get; private set; }

    /// <summary>One of <see cref="CaseTypes"/>.</summary>
    public string CaseType { get; private set; }

    /// <summary>What is asked for, in the applicant's or worker's words.</summary>
    public string Need { get; private set; }

    /// <summary>Urgent cases get a first response within hours, not working days.</summary>
    public bool Urgent { get; private set; }

    public CaseChannel Channel { get; private set; }

    /// <summary>For referrals: the department that referred the case.</summary>
    public string? ReferringDepartment { get; private set; }

    public string SubmittedBy { get; private set; }

    /// <summary>
    /// The account of the person who submitted it (a worker, or the resident applying online); null for department
    /// systems and the platform. A resident sees exactly the cases carrying their own account id here.
    /// </summary>
    public Guid? SubmittedByUserId { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public CaseStatus Status { get; private set; }

    /// <summary>When the current step is due; null when the case waits for nobody.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>Set when this case repeats an open case for the same person and need.</summary>
    public Guid? DuplicateOfId { get; private set; }

    /// <summary>The notice the applicant sees when the case is rejected or returned.</summary>
    public string? ApplicantNotice { get; private set; }

    /// <summary>Changes on every save; a stale version is rejected (optimistic concurrency).</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<CaseStep> Steps => _steps;

    public bool IsOpen => CaseWorkflow.IsOpen(Status);

    internal void MarkDuplicateOf(Guid original) => DuplicateOfId = original;

    internal void SetDue(DateTimeOffset? due) => DueAt = due;

    /// <summary>Applies a legal transition; the caller has checked role and jurisdiction.</summary>
    internal CaseStep Apply(CaseTransition transition, ICurrentActor actor, string? reason, DateTimeOffset now)
    {
        if (!transition.From.Contains(Status))
        {
            throw new InvalidOperationException($"{transition.Action} is not legal from {Status}.");
        }

        var step = new CaseStep(Id, _steps.Count + 1, transition.Action, Status, transition.To, actor, reason, now);
        _steps.Add(step);
        Status = transition.To;
        UpdatedAt = now;
        Version = Guid.NewGuid();
        if (transition.To is CaseStatus.Rejected or CaseStatus.ReturnedForCorrection)
        {
            ApplicantNotice = reason;
        }
        else if (transition.To == CaseStatus.Submitted)
        {
            ApplicantNotice = null;
        }

        return step;
    }
}
