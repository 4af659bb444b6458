using Jiuzhu.Cases.Calendar;
using Jiuzhu.Cases.Data;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiuzhu.Cases;

/// <summary>Which cases an inbox shows.</summary>
public enum CaseInbox
{
    /// <summary>Open cases whose next step is for one of the actor's roles (待我办理).</summary>
    Mine,

    /// <summary>Open cases due within the due-soon window (即将到期).</summary>
    DueSoon,

    /// <summary>Open cases past their due time (已超期).</summary>
    Overdue,

    /// <summary>Overdue cases whose next step belongs to someone else: escalated to the supervisor (督办).</summary>
    Escalated,

    /// <summary>Every case in the jurisdiction.</summary>
    All,
}

/// <summary>One step of a case's timeline as shown to staff.</summary>
public sealed record CaseStepView(int Number, CaseAction? Action, CaseStatus? From, CaseStatus To, string ActorName, string ActorRoles, string? Reason, DateTimeOffset At);

/// <summary>A case with its timeline, and the actions the current actor may take now.</summary>
public sealed record CaseDetail(CaseSummary Case, string? ApplicantNotice, string SubmittedBy, string? ReferringDepartment, string? DuplicateOfNumber,
    IReadOnlyList<CaseStepView> Steps, IReadOnlyList<CaseTransition> AllowedActions);

/// <summary>Reading cases: inboxes with due-soon and overdue counts, and one case with its timeline.</summary>
public sealed class CaseQueries(ICasesData data, ICurrentActor actor, IWorkingCalendarProvider calendars, IOptions<DeadlineOptions> deadlineOptions, TimeProvider clock)
{
    /// <summary>Used when no calendar is loaded for the coming days: due within two days counts as due soon.</summary>
    public static readonly TimeSpan FallbackDueSoonWindow = TimeSpan.FromDays(2);

    /// <summary>The action that moves a case forward from each state; "my cases" are those whose forward action I may take.</summary>
    public static readonly IReadOnlyDictionary<CaseStatus, CaseAction> ForwardAction = new Dictionary<CaseStatus, CaseAction>
    {
        [CaseStatus.Submitted] = CaseAction.Accept,
        [CaseStatus.Accepted] = CaseAction.StartAssessment,
        [CaseStatus.Reopened] = CaseAction.StartAssessment,
        [CaseStatus.Assessing] = CaseAction.DraftPlan,
        [CaseStatus.PlanDrafted] = CaseAction.SubmitForApproval,
        [CaseStatus.PendingApproval] = CaseAction.Approve,
        [CaseStatus.Approved] = CaseAction.StartService,
        [CaseStatus.InService] = CaseAction.StartReview,
        [CaseStatus.UnderReview] = CaseAction.Close,
        [CaseStatus.ReturnedForCorrection] = CaseAction.Resubmit,
    };

    /// <summary>Which level of the service network owes the next step in each open state.</summary>
    public static readonly IReadOnlyDictionary<CaseStatus, RegionLevel> ResponsibleLevel = new Dictionary<CaseStatus, RegionLevel>
    {
        [CaseStatus.Submitted] = RegionLevel.Village,
        [CaseStatus.ReturnedForCorrection] = RegionLevel.Village,
        [CaseStatus.Accepted] = RegionLevel.Township,
        [CaseStatus.Reopened] = RegionLevel.Township,
        [CaseStatus.Assessing] = RegionLevel.Township,
        [CaseStatus.PlanDrafted] = RegionLevel.Township,
        [CaseStatus.Approved] = RegionLevel.Township,
        [CaseStatus.InService] = RegionLevel.Township,
        [CaseStatus.UnderReview] = RegionLevel.Township,
        [CaseStatus.PendingApproval] = RegionLevel.County,
    };

    private static readonly CaseStatus[] Finished = [CaseStatus.Closed, CaseStatus.Rejected, CaseStatus.Withdrawn];

    public async Task<Page<CaseSummary>> ListAsync(CaseInbox inbox, string? search, PageRequest page, CancellationToken ct = default)
    {
        var query = await InboxAsync(inbox, ct);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(c => c.Number.Contains(s) || c.Need.Contains(s));
        }

        var total = await query.CountAsync(ct);
        var rows = await (inbox is CaseInbox.DueSoon or CaseInbox.Overdue or CaseInbox.Escalated ? query.OrderBy(c => c.DueAt) : query.OrderByDescending(c => c.UpdatedAt))
            .Skip(page.Skip).Take(page.SafeSize).AsNoTracking().ToListAsync(ct);
        return new Page<CaseSummary>(rows.Select(CaseService.Summarize).ToList(), total, page.SafePage, page.SafeSize);
    }

    /// <summary>How many cases each inbox holds, for home pages and tabs.</summary>
    public async Task<IReadOnlyDictionary<CaseInbox, int>> CountsAsync(CancellationToken ct = default)
    {
        var counts = new Dictionary<CaseInbox, int>();
        foreach (var inbox in Enum.GetValues<CaseInbox>())
        {
            counts[inbox] = await (await InboxAsync(inbox, ct)).CountAsync(ct);
        }

        return counts;
    }

    public async Task<CaseDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var c = await data.Cases.AsNoTracking().Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var duplicateOf = c.DuplicateOfId is { } d
            ? await data.Cases.IgnoreQueryFilters().Where(x => x.Id == d).Select(x => x.Number).FirstOrDefaultAsync(ct)
            : null;
        var steps = c.Steps.OrderBy(s => s.Number)
            .Select(s => new CaseStepView(s.Number, s.Action, s.From, s.To, s.ActorName, s.ActorRoles, s.Reason, s.At)).ToList();
        return new CaseDetail(CaseService.Summarize(c), c.ApplicantNotice, c.SubmittedBy, c.ReferringDepartment, duplicateOf, steps,
            CaseWorkflow.Allowed(c.Status, actor.Roles));
    }

    /// <summary>The cases of one household, newest first.</summary>
    public async Task<IReadOnlyList<CaseSummary>> ForHouseholdAsync(Guid householdId, CancellationToken ct = default) =>
        (await data.Cases.AsNoTracking().Where(c => c.HouseholdId == householdId).OrderByDescending(c => c.SubmittedAt).ToListAsync(ct))
        .Select(CaseService.Summarize).ToList();

    private async Task<IQueryable<Case>> InboxAsync(CaseInbox inbox, CancellationToken ct)
    {
        var open = data.Cases.Where(c => !Finished.Contains(c.Status));
        var now = clock.GetUtcNow();
        var mine = ForwardAction.Where(kv => CaseWorkflow.Find(kv.Value, kv.Key)!.Roles.Any(actor.IsInRole)).Select(kv => kv.Key).ToList();
        switch (inbox)
        {
            case CaseInbox.Mine:
                return open.Where(c => mine.Contains(c.Status));
            case CaseInbox.DueSoon:
                var soon = await DueSoonLimitAsync(now, ct);
                return open.Where(c => c.DueAt != null && c.DueAt >= now && c.DueAt <= soon);
            case CaseInbox.Overdue:
                return open.Where(c => c.DueAt != null && c.DueAt < now);
            case CaseInbox.Escalated:
                // Late cases rise to the level above the one responsible for the waiting step: a village's late acceptance
                // to the township, a township's late assessment to the county, a county's late approval to the city.
                var level = actor.Jurisdiction?.Level ?? RegionLevel.Village;
                var below = ResponsibleLevel.Where(kv => kv.Value > level).Select(kv => kv.Key).ToList();
                return open.Where(c => c.DueAt != null && c.DueAt < now && below.Contains(c.Status));
            default:
                return data.Cases;
        }
    }

    // The end of the configured number of working days after today (China time); elapsed days when the calendar lacks the year.
    private async Task<DateTimeOffset> DueSoonLimitAsync(DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var calendar = await calendars.GetAsync(ct);
            return calendar.EndOfWorkingDays(now, Math.Max(1, deadlineOptions.Value.DueSoonWorkingDays));
        }
        catch (CalendarYearMissingException)
        {
            return now + FallbackDueSoonWindow;
        }
    }
}
