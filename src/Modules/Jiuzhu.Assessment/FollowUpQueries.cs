using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Assessment;

/// <summary>Which follow-up tasks a list shows.</summary>
public enum TaskInbox
{
    /// <summary>Open tasks for my role in my jurisdiction.</summary>
    Mine,

    /// <summary>Mine, due within three days.</summary>
    DueSoon,

    /// <summary>Open and past due, whoever they were for: supervisors see what their teams missed.</summary>
    Overdue,

    /// <summary>Every open task in my jurisdiction.</summary>
    All,
}

public sealed record TaskRow(
    Guid Id, Guid HouseholdId, string HeadName, string RegionCode, FollowUpKind Kind, Tier? Tier, string AssigneeRole, string Title, string Reason,
    DateTimeOffset DueAt, DateTimeOffset CreatedAt, FollowUpStatus Status, Guid Version);

/// <summary>A household's standing with its history and open tasks.</summary>
public sealed record StandingView(
    string? Score, double? ScoreValue, bool Poor, bool Incomplete, Tier Tier, string TierRuleName, Phase Phase, DateTimeOffset ComputedAt,
    Guid AssessmentId, IReadOnlyList<StandingChangeView> History, IReadOnlyList<TaskRow> OpenTasks);

public sealed record StandingChangeView(string Kind, string? From, string To, string Reason, string Source, DateTimeOffset At);

/// <summary>The follow-up task inboxes, task completion, and a household's standing.</summary>
public sealed class FollowUpQueries(IAssessmentData data, IRegistryData registry, ICurrentActor actor, IAuditTrail audit, TimeProvider clock)
{
    public static readonly string[] Workers = [Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover];

    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromDays(3);

    public async Task<Page<TaskRow>> ListAsync(TaskInbox inbox, PageRequest page, CancellationToken ct = default)
    {
        if (!Workers.Any(actor.IsInRole))
        {
            return new Page<TaskRow>([], 0, page.SafePage, page.SafeSize);
        }

        var query = Filter(inbox);
        var total = await query.CountAsync(ct);
        var tasks = await query.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Skip(page.Skip).Take(page.SafeSize).ToListAsync(ct);
        var ids = tasks.Select(t => t.HouseholdId).Distinct().ToList();
        var names = await registry.Households.Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.HeadName }).ToDictionaryAsync(h => h.Id, h => h.HeadName, ct);
        return new Page<TaskRow>([.. tasks.Select(t => Row(t, names.GetValueOrDefault(t.HouseholdId, "—")))], total, page.SafePage, page.SafeSize);
    }

    public async Task<IReadOnlyDictionary<TaskInbox, int>> CountsAsync(CancellationToken ct = default)
    {
        var counts = new Dictionary<TaskInbox, int>();
        foreach (var inbox in Enum.GetValues<TaskInbox>())
        {
            counts[inbox] = Workers.Any(actor.IsInRole) ? await Filter(inbox).CountAsync(ct) : 0;
        }

        return counts;
    }

    private IQueryable<FollowUpTask> Filter(TaskInbox inbox)
    {
        var now = clock.GetUtcNow();
        var roles = actor.Roles.ToList();
        var open = data.FollowUpTasks.AsNoTracking().Where(t => t.Status == FollowUpStatus.Open);
        return inbox switch
        {
            TaskInbox.Mine => open.Where(t => roles.Contains(t.AssigneeRole)),
            TaskInbox.DueSoon => open.Where(t => roles.Contains(t.AssigneeRole) && t.DueAt <= now + DueSoonWindow),
            TaskInbox.Overdue => open.Where(t => t.DueAt < now),
            _ => open,
        };
    }

    /// <summary>Marks a task done, with what was done; by its assignee's role or a supervisor in the jurisdiction.</summary>
    public async Task<Result<TaskRow>> CompleteAsync(Guid id, string? note, Guid version, CancellationToken ct = default)
    {
        var task = await data.FollowUpTasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || !Workers.Any(actor.IsInRole))
        {
            return Error.NotFound("task.not_found", "任务不存在，或不在您的管辖范围内。");
        }

        var supervisor = actor.IsInRole(Roles.CountyOfficer) || actor.IsInRole(Roles.CountyApprover)
            || (actor.IsInRole(Roles.TownshipSocialWorker) && task.AssigneeRole == Roles.VillageWorker);
        if (!actor.IsInRole(task.AssigneeRole) && !supervisor)
        {
            return Error.Forbidden("task.forbidden", "此任务应由其他岗位办理。");
        }

        if (task.Version != version)
        {
            return Error.Conflict("task.stale", "任务已被他人处理，请刷新。");
        }

        if (task.Kind == FollowUpKind.TierResponse && string.IsNullOrWhiteSpace(note))
        {
            return Error.Validation("task.note_required", "预警响应须记录采取的措施。");
        }

        if (note is { Length: > 1000 })
        {
            return Error.Validation("task.note_too_long", "办理情况不能超过 1000 字。");
        }

        var done = task.Complete(actor.Name, note, clock.GetUtcNow());
        if (!done.IsSuccess)
        {
            return done.Error!;
        }

        audit.Record(new AuditEvent("task.complete", "follow-up-task", id.ToString(), task.RegionCode, AuditOutcome.Success, $"办结任务“{task.Title}”"));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("task.stale", "任务已被他人处理，请刷新。");
        }

        var name = await registry.Households.Where(h => h.Id == task.HouseholdId).Select(h => h.HeadName).FirstOrDefaultAsync(ct) ?? "—";
        return Row(task, name);
    }

    /// <summary>A household's current standing, its tier and phase history, and its open tasks; null when never assessed.</summary>
    public async Task<StandingView?> StandingAsync(Guid householdId, CancellationToken ct = default)
    {
        var s = await data.Standings.AsNoTracking().FirstOrDefaultAsync(x => x.HouseholdId == householdId, ct);
        if (s is null)
        {
            return null;
        }

        var history = await data.StandingChanges.AsNoTracking().Where(c => c.HouseholdId == householdId).ToListAsync(ct);
        var tasks = await data.FollowUpTasks.AsNoTracking().Where(t => t.HouseholdId == householdId && t.Status == FollowUpStatus.Open).ToListAsync(ct);
        var name = await registry.Households.Where(h => h.Id == householdId).Select(h => h.HeadName).FirstOrDefaultAsync(ct) ?? "—";
        return new StandingView(
            s.Score, s.ScoreValue, s.Poor, s.Incomplete, s.Tier, s.TierRuleName, s.Phase, s.ComputedAt, s.AssessmentId,
            [.. history.OrderByDescending(c => c.At).Select(c => new StandingChangeView(c.Kind, c.From, c.To, c.Reason, c.Source, c.At))],
            [.. tasks.OrderBy(t => t.DueAt).Select(t => Row(t, name))]);
    }

    private static TaskRow Row(FollowUpTask t, string headName) => new(
        t.Id, t.HouseholdId, headName, t.RegionCode, t.Kind, t.Tier, t.AssigneeRole, t.Title, t.Reason, t.DueAt, t.CreatedAt, t.Status, t.Version);
}
