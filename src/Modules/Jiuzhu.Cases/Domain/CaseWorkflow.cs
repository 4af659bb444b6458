using Jiuzhu.Kernel;

namespace Jiuzhu.Cases.Domain;

/// <summary>Where a case stands (办理状态).</summary>
public enum CaseStatus
{
    Submitted = 1,             // 已提交
    Accepted = 2,              // 已受理
    Assessing = 3,             // 评估中
    PlanDrafted = 4,           // 已制定方案
    PendingApproval = 5,       // 待审批
    Approved = 6,              // 已批准
    InService = 7,             // 服务中
    UnderReview = 8,           // 复核中
    Closed = 9,                // 已结案
    Rejected = 10,             // 不予救助
    Withdrawn = 11,            // 已撤回
    ReturnedForCorrection = 12, // 退回补正
    Reopened = 13,             // 已重新启动
}

/// <summary>What someone does to a case; each action is one legal transition.</summary>
public enum CaseAction
{
    Accept = 1,             // 受理
    ReturnForCorrection,    // 退回补正
    Resubmit,               // 补正后重新提交
    Reject,                 // 不予救助
    Withdraw,               // 撤回
    StartAssessment,        // 开始评估
    DraftPlan,              // 制定救助方案
    SubmitForApproval,      // 提交审批
    ReturnPlan,             // 退回方案修改
    Approve,                // 批准
    StartService,           // 开始服务
    StartReview,            // 开始复核
    ResumeService,          // 继续服务
    Close,                  // 结案
    Reopen,                 // 重新启动
}

/// <summary>One legal move: from which states, to which state, by whom, and whether a reason is required.</summary>
public sealed record CaseTransition(CaseAction Action, IReadOnlyList<CaseStatus> From, CaseStatus To, IReadOnlyList<string> Roles, bool ReasonRequired);

/// <summary>
/// The case lifecycle (submitted → accepted → assessing → plan drafted → pending approval → approved → in service →
/// under review → closed, with rejection, withdrawal, return for correction and reopening) as one table. Nothing
/// else decides which moves are legal.
/// </summary>
public static class CaseWorkflow
{
    /// <summary>The pseudo-role of the applicant acting on their own case through a resident account.</summary>
    public const string Applicant = "applicant";

    private static readonly string[] FrontLine = [Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer];
    private static readonly string[] Assessors = [Roles.TownshipSocialWorker, Roles.CountyOfficer];
    private static readonly string[] County = [Roles.CountyOfficer, Roles.CountyApprover];

    public static IReadOnlyList<CaseTransition> Transitions { get; } =
    [
        new(CaseAction.Accept, [CaseStatus.Submitted], CaseStatus.Accepted, FrontLine, false),
        new(CaseAction.ReturnForCorrection, [CaseStatus.Submitted, CaseStatus.Accepted], CaseStatus.ReturnedForCorrection, FrontLine, true),
        new(CaseAction.Resubmit, [CaseStatus.ReturnedForCorrection], CaseStatus.Submitted, [.. FrontLine, Applicant], false),
        new(CaseAction.Reject, [CaseStatus.Submitted, CaseStatus.Accepted, CaseStatus.Assessing, CaseStatus.PendingApproval], CaseStatus.Rejected,
            [Roles.TownshipSocialWorker, .. County], true),
        new(CaseAction.Withdraw,
            [CaseStatus.Submitted, CaseStatus.Accepted, CaseStatus.Assessing, CaseStatus.PlanDrafted, CaseStatus.PendingApproval, CaseStatus.ReturnedForCorrection],
            CaseStatus.Withdrawn, [.. FrontLine, Applicant], true),
        new(CaseAction.StartAssessment, [CaseStatus.Accepted, CaseStatus.Reopened], CaseStatus.Assessing, Assessors, false),
        new(CaseAction.DraftPlan, [CaseStatus.Assessing], CaseStatus.PlanDrafted, Assessors, false),
        new(CaseAction.SubmitForApproval, [CaseStatus.PlanDrafted], CaseStatus.PendingApproval, Assessors, false),
        new(CaseAction.ReturnPlan, [CaseStatus.PendingApproval], CaseStatus.PlanDrafted, [Roles.CountyApprover], true),
        new(CaseAction.Approve, [CaseStatus.PendingApproval], CaseStatus.Approved, [Roles.CountyApprover], false),
        new(CaseAction.StartService, [CaseStatus.Approved], CaseStatus.InService, Assessors, false),
        new(CaseAction.StartReview, [CaseStatus.InService], CaseStatus.UnderReview, Assessors, false),
        new(CaseAction.ResumeService, [CaseStatus.UnderReview], CaseStatus.InService, Assessors, false),
        new(CaseAction.Close, [CaseStatus.UnderReview], CaseStatus.Closed, County, true),
        new(CaseAction.Reopen, [CaseStatus.Closed, CaseStatus.Rejected], CaseStatus.Reopened, County, true),
    ];

    /// <summary>States in which a case still needs work; a second such case for the same person and need is a duplicate.</summary>
    public static bool IsOpen(CaseStatus status) =>
        status is not (CaseStatus.Closed or CaseStatus.Rejected or CaseStatus.Withdrawn);

    public static CaseTransition? Find(CaseAction action, CaseStatus from) =>
        Transitions.FirstOrDefault(t => t.Action == action && t.From.Contains(from));

    /// <summary>The actions the holder of <paramref name="roles"/> may take on a case in <paramref name="status"/>.</summary>
    public static IReadOnlyList<CaseTransition> Allowed(CaseStatus status, IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return Transitions.Where(t => t.From.Contains(status) && t.Roles.Any(held.Contains)).ToList();
    }

    public static string StatusName(CaseStatus s) => s switch
    {
        CaseStatus.Submitted => "已提交",
        CaseStatus.Accepted => "已受理",
        CaseStatus.Assessing => "评估中",
        CaseStatus.PlanDrafted => "已制定方案",
        CaseStatus.PendingApproval => "待审批",
        CaseStatus.Approved => "已批准",
        CaseStatus.InService => "服务中",
        CaseStatus.UnderReview => "复核中",
        CaseStatus.Closed => "已结案",
        CaseStatus.Rejected => "不予救助",
        CaseStatus.Withdrawn => "已撤回",
        CaseStatus.ReturnedForCorrection => "退回补正",
        CaseStatus.Reopened => "已重新启动",
        _ => s.ToString(),
    };

    public static string ActionName(CaseAction a) => a switch
    {
        CaseAction.Accept => "受理",
        CaseAction.ReturnForCorrection => "退回补正",
        CaseAction.Resubmit => "重新提交",
        CaseAction.Reject => "不予救助",
        CaseAction.Withdraw => "撤回申请",
        CaseAction.StartAssessment => "开始评估",
        CaseAction.DraftPlan => "制定救助方案",
        CaseAction.SubmitForApproval => "提交审批",
        CaseAction.ReturnPlan => "退回方案修改",
        CaseAction.Approve => "批准",
        CaseAction.StartService => "开始服务",
        CaseAction.StartReview => "开始复核",
        CaseAction.ResumeService => "继续服务",
        CaseAction.Close => "结案",
        CaseAction.Reopen => "重新启动",
        _ => a.ToString(),
    };
}
