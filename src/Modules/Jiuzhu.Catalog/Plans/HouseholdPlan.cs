using System.Text.Json;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Catalog.Plans;

/// <summary>Where a household service plan stands.</summary>
public enum PlanStatus
{
    /// <summary>草稿: proposed, being edited by the township social worker.</summary>
    Draft = 0,

    /// <summary>待审批: submitted to the county approver.</summary>
    Submitted = 1,

    /// <summary>已批准: its items are needs awaiting matching.</summary>
    Approved = 2,

    /// <summary>已退回: returned with a reason; the worker edits and submits again.</summary>
    Returned = 3,

    /// <summary>已被替代: a later plan of the household was approved.</summary>
    Superseded = 4,
}

/// <summary>Where a need from an approved plan stands.</summary>
public enum PlanNeedStatus
{
    /// <summary>待匹配.</summary>
    AwaitingMatch = 0,

    /// <summary>已撤销: the plan it came from was superseded before it was matched.</summary>
    Withdrawn = 1,

    /// <summary>已匹配: a provider serves it; its service orders are in the orders module.</summary>
    Matched = 2,
}

/// <summary>
/// A household service plan (一户一策) within a case: dates, items with frequency and reasons, and a status from draft
/// through submission to approval or return. Every change raises <see cref="Revision"/> and is kept as a
/// <see cref="PlanRevision"/>; <see cref="Stamp"/> guards against two people editing at once.
/// </summary>
public sealed class HouseholdPlan : IRegionScoped
{
    private readonly List<PlanItem> _items = [];

    private HouseholdPlan()
    {
        RegionCode = CaseNumber = CreatedBy = UpdatedBy = TierRuleName = Skipped = string.Empty;
    }

    internal HouseholdPlan(
        Guid caseId, string caseNumber, Guid householdId, string regionCode, Guid assessmentId, Tier tier, string tierRuleName, Phase phase,
        DateOnly start, DateOnly end, string skipped, string by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        CaseId = caseId;
        CaseNumber = caseNumber;
        HouseholdId = householdId;
        RegionCode = regionCode;
        AssessmentId = assessmentId;
        Tier = tier;
        TierRuleName = tierRuleName;
        Phase = phase;
        StartDate = start;
        EndDate = end;
        Skipped = skipped;
        CreatedBy = UpdatedBy = by;
        CreatedAt = UpdatedAt = now;
        Status = PlanStatus.Draft;
        Stamp = Guid.NewGuid();
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string CaseNumber { get; private set; }

    public Guid HouseholdId { get; private set; }

    /// <summary>The household's village; jurisdiction follows it.</summary>
    public string RegionCode { get; private set; }

    /// <summary>The assessment the plan was proposed from.</summary>
    public Guid AssessmentId { get; private set; }

    public Tier Tier { get; private set; }

    public string TierRuleName { get; private set; }

    public Phase Phase { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    /// <summary>The day a newer approved plan took its place; the plan was in force until the day before.</summary>
    public DateOnly? SupersededOn { get; private set; }

    public PlanStatus Status { get; private set; }

    /// <summary>The plan's version number: 1 when proposed, one more for every change.</summary>
    public int Revision { get; private set; }

    /// <summary>The items the proposal could not include and why (JSON), for the worker to read.</summary>
    public string Skipped { get; private set; }

    public string? ReturnReason { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public Guid Stamp { get; private set; }

    public IReadOnlyList<PlanItem> Items => _items;

    public bool Editable => Status is PlanStatus.Draft or PlanStatus.Returned;

    internal PlanItem Add(PlanProposalItem item, string? note, bool addedByWorker)
    {
        var row = new PlanItem(this, item, note, addedByWorker);
        _items.Add(row);
        return row;
    }

    internal void Remove(PlanItem item) => _items.Remove(item);

    internal void SetDates(DateOnly start, DateOnly end)
    {
        StartDate = start;
        EndDate = end;
    }

    internal void Submit() => Status = PlanStatus.Submitted;

    internal void Approve(string by, DateTimeOffset now)
    {
        Status = PlanStatus.Approved;
        ReturnReason = null;
        (DecidedBy, DecidedAt) = (by, now);
    }

    internal void Return(string reason, string by, DateTimeOffset now)
    {
        Status = PlanStatus.Returned;
        ReturnReason = reason;
        (DecidedBy, DecidedAt) = (by, now);
    }

    internal void Supersede(DateOnly on)
    {
        Status = PlanStatus.Superseded;
        SupersededOn = on;
    }

    /// <summary>Records a change: the next revision, who and when, and a new stamp.</summary>
    internal PlanRevision Revise(string change, string? reason, string by, DateTimeOffset now)
    {
        Revision++;
        UpdatedBy = by;
        UpdatedAt = now;
        Stamp = Guid.NewGuid();
        return new PlanRevision(this, change, reason, by, now);
    }
}

/// <summary>An item of a plan: the catalog item and the entry versions it was taken under, how often, why, and the worker's note.</summary>
public sealed class PlanItem : IRegionScoped
{
    private PlanItem()
    {
        RegionCode = ItemCode = Name = Category = Layer = Unit = OwnerDepartment = VersionIds = Reason = string.Empty;
    }

    internal PlanItem(HouseholdPlan plan, PlanProposalItem item, string? note, bool addedByWorker)
    {
        Id = Guid.CreateVersion7();
        PlanId = plan.Id;
        RegionCode = plan.RegionCode;
        ItemCode = item.ItemCode;
        Name = item.Name;
        Category = item.Category;
        Layer = item.Layer;
        Unit = item.Unit;
        Frequency = item.Frequency;
        UnitPrice = item.UnitPrice;
        OwnerDepartment = item.OwnerDepartment;
        PackageCode = item.PackageCode;
        VersionIds = string.Join(',', item.VersionIds);
        Reason = item.Reason;
        Note = note;
        AddedByWorker = addedByWorker;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public string RegionCode { get; private set; }

    public string ItemCode { get; private set; }

    public string Name { get; private set; }

    public string Category { get; private set; }

    public string Layer { get; private set; }

    public string Unit { get; private set; }

    public ServiceFrequency Frequency { get; private set; }

    public decimal UnitPrice { get; private set; }

    public string OwnerDepartment { get; private set; }

    public string? PackageCode { get; private set; }

    /// <summary>Comma-separated ids of the catalog entry versions the item was taken under (<see cref="EffectiveItem.VersionIds"/>).</summary>
    public string VersionIds { get; private set; }

    /// <summary>Why the item is in the plan: the proposal's reason, or the worker's when they added it.</summary>
    public string Reason { get; private set; }

    public string? Note { get; private set; }

    public bool AddedByWorker { get; private set; }

    public IReadOnlyList<Guid> VersionIdList => [.. VersionIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];

    internal void Change(ServiceFrequency frequency, string? note)
    {
        Frequency = frequency;
        Note = note ?? Note;
    }
}

/// <summary>One version of a plan: what changed, why, by whom, and the plan as it stood after the change (JSON).</summary>
public sealed class PlanRevision : IRegionScoped
{
    private PlanRevision()
    {
        RegionCode = Change = Snapshot = By = string.Empty;
    }

    internal PlanRevision(HouseholdPlan plan, string change, string? reason, string by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PlanId = plan.Id;
        RegionCode = plan.RegionCode;
        Number = plan.Revision;
        Status = plan.Status;
        Change = change;
        Reason = reason;
        By = by;
        At = now;
        Snapshot = JsonSerializer.Serialize(new PlanSnapshot(plan.StartDate, plan.EndDate,
            [.. plan.Items.Select(i => new PlanSnapshotItem(i.ItemCode, i.Frequency, i.Reason, i.Note, i.VersionIds))]));
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public string RegionCode { get; private set; }

    public int Number { get; private set; }

    public PlanStatus Status { get; private set; }

    /// <summary>What changed, in words ("新增 LIFE-02 助洁（每周）").</summary>
    public string Change { get; private set; }

    public string? Reason { get; private set; }

    public string Snapshot { get; private set; }

    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>The plan as one revision left it.</summary>
public sealed record PlanSnapshot(DateOnly Start, DateOnly End, IReadOnlyList<PlanSnapshotItem> Items);

/// <summary>An item as one revision left it.</summary>
public sealed record PlanSnapshotItem(string ItemCode, ServiceFrequency Frequency, string Reason, string? Note, string VersionIds);

/// <summary>
/// A need from an approved plan, awaiting matching to a provider (or, for another department's service, a referral):
/// the item and its versions, how often, for which household and where, with a priority from the household's tier
/// (red 1, yellow 2, green 3).
/// </summary>
public sealed class PlanNeed : IRegionScoped
{
    private PlanNeed()
    {
        RegionCode = ItemCode = Name = Category = Layer = OwnerDepartment = VersionIds = string.Empty;
    }

    internal PlanNeed(HouseholdPlan plan, PlanItem item, Tier tier, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PlanId = plan.Id;
        PlanItemId = item.Id;
        CaseId = plan.CaseId;
        HouseholdId = plan.HouseholdId;
        RegionCode = plan.RegionCode;
        ItemCode = item.ItemCode;
        Name = item.Name;
        Category = item.Category;
        Layer = item.Layer;
        OwnerDepartment = item.OwnerDepartment;
        VersionIds = item.VersionIds;
        Frequency = item.Frequency;
        Priority = PriorityOf(tier);
        StartDate = plan.StartDate;
        EndDate = plan.EndDate;
        Status = PlanNeedStatus.AwaitingMatch;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid PlanItemId { get; private set; }

    public Guid CaseId { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    public string ItemCode { get; private set; }

    public string Name { get; private set; }

    public string Category { get; private set; }

    public string Layer { get; private set; }

    public string OwnerDepartment { get; private set; }

    public string VersionIds { get; private set; }

    public ServiceFrequency Frequency { get; private set; }

    /// <summary>1 (red) is the most urgent, 3 (green) the least.</summary>
    public int Priority { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    public PlanNeedStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static int PriorityOf(Tier tier) => tier switch
    {
        Tier.Red => 1,
        Tier.Yellow => 2,
        _ => 3,
    };

    internal void Withdraw() => Status = PlanNeedStatus.Withdrawn;

    /// <summary>The provider gave the need back (declined): it awaits matching again.</summary>
    public void ReturnToMatching()
    {
        if (Status == PlanNeedStatus.Matched)
        {
            Status = PlanNeedStatus.AwaitingMatch;
        }
    }
}
