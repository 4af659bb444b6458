using Jiuzhu.Cases.Calendar;
using Jiuzhu.Cases.Data;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Identity;
using Jiuzhu.Kernel;
using Jiuzhu.Registry;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Cases;

/// <summary>
/// An application at intake (一门受理). Either <see cref="PersonId"/> names a registered person, or the identity number
/// and the new household's details are given; a number that is already registered attaches to that person.
/// </summary>
public sealed record IntakeRequest(
    string CaseType,
    string Need,
    bool Urgent,
    CaseChannel Channel,
    Guid? PersonId = null,
    string? IdNumber = null,
    string? Name = null,
    string? Phone = null,
    string? VillageCode = null,
    string? Address = null,
    string? ReferringDepartment = null);

/// <summary>
/// An online application (网上申请) as the resident fills it in: what they need, and where they live. The village and
/// address register the household when the resident's identity number is not yet registered; a registered person's
/// application goes to the village where they are registered.
/// </summary>
public sealed record OnlineApplication(string CaseType, string Need, bool Urgent, string? VillageCode, string? Address);

/// <summary>What intake produced: the case, and the open case it repeats when it is a duplicate.</summary>
public sealed record IntakeResult(CaseSummary Case, CaseSummary? DuplicateOf, bool NewHousehold);

/// <summary>A case in lists and inboxes.</summary>
public sealed record CaseSummary(
    Guid Id, string Number, string CaseType, string Need, bool Urgent, CaseChannel Channel, CaseStatus Status,
    string RegionCode, Guid PersonId, Guid HouseholdId, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DueAt,
    Guid? DuplicateOfId, Guid Version);

/// <summary>A transition asked for by a person: which action, why, and on which version of the case.</summary>
public sealed record TransitionRequest(CaseAction Action, string? Reason, Guid Version);

/// <summary>
/// Intake and the workflow of cases. Only legal transitions, only by permitted roles inside their jurisdiction (the
/// context's filter hides other cases); every step is stamped, reasoned where required, audited and kept on the timeline.
/// </summary>
public sealed class CaseService(ICasesData data, PersonRegistry persons, DeadlineService deadlines, ICurrentActor actor, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>Roles that take applications at a window or from the field.</summary>
    public static readonly string[] IntakeRoles = [Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer];

    private static readonly Error NotFound = Error.NotFound("case.not_found", "个案不存在，或不在您的管辖范围内。");

    public async Task<Result<IntakeResult>> SubmitAsync(IntakeRequest request, CancellationToken ct = default)
    {
        var allowed = request.Channel switch
        {
            CaseChannel.Referral => actor.Kind == ActorKind.ApiClient || actor.IsInRole(Roles.DepartmentLiaison) || IntakeRoles.Any(actor.IsInRole),
            _ => IntakeRoles.Any(actor.IsInRole),
        };
        if (!allowed && actor.Kind != ActorKind.System)
        {
            return Error.Forbidden("case.intake_forbidden", "您的角色不能受理申请。");
        }

        if (CheckApplication(request.CaseType, request.Need) is { } invalid)
        {
            return invalid;
        }

        var need = request.Need.Trim();
        if (request.Channel == CaseChannel.Referral && !Departments.IsKnown(request.ReferringDepartment))
        {
            return Error.Validation("case.referral_department", "部门转介须注明转介部门。");
        }

        // Who is it for: a registered person, or someone to register now.
        Guid personId;
        Guid householdId;
        string regionCode;
        var newHousehold = false;
        if (request.PersonId is { } known)
        {
            var person = await persons.FindInScopeAsync(known, ct);
            if (person is null)
            {
                return Error.NotFound("case.person_not_found", "人员不存在，或不在您的管辖范围内。");
            }

            (personId, householdId, regionCode) = (person.PersonId, person.HouseholdId, person.RegionCode);
        }
        else
        {
            var check = ResidentId.Check(request.IdNumber);
            if (!check.Valid)
            {
                return check.Reason!;
            }

            var id = check.Normalized!;

            var match = await persons.FindByIdNumberAsync(id, ct);
            if (match is { InScope: false })
            {
                return Error.Conflict("case.person_elsewhere", "此人已在其他地区登记。请由其户籍所在地受理，或联系上级部门转办。");
            }

            if (match is not null)
            {
                (personId, householdId, regionCode) = (match.PersonId, match.HouseholdId, match.RegionCode);
            }
            else
            {
                var registered = await persons.RegisterHouseholdAsync(
                    new NewHousehold(request.VillageCode ?? DefaultVillage(), request.Address ?? string.Empty, request.Name ?? string.Empty, id, request.Phone),
                    ct);
                if (!registered.IsSuccess)
                {
                    return registered.Error!;
                }

                (personId, householdId, regionCode) = (registered.Value.Head.Id, registered.Value.Household.Id, registered.Value.Household.RegionCode);
                newHousehold = true;
            }
        }

        return await OpenAsync(personId, householdId, regionCode, newHousehold, request.CaseType, need, request.Urgent, request.Channel,
            request.Channel == CaseChannel.Referral ? request.ReferringDepartment : null, acrossJurisdictions: false, ct);
    }

    /// <summary>
    /// An online application (网上申请) by the signed-in resident for themselves, in the name, identity number and phone
    /// of their own account. A person already registered with that number (anywhere) gets the case in their village;
    /// otherwise the household is registered in the village the resident names. The duplicate rule is the same as at
    /// the window. Only the resident whose account <paramref name="applicant"/> is may submit it.
    /// </summary>
    public async Task<Result<IntakeResult>> SubmitOnlineAsync(ResidentProfile applicant, OnlineApplication request, CancellationToken ct = default)
    {
        if (!actor.IsInRole(Roles.Resident) || actor.Id != applicant.UserId)
        {
            return Error.Forbidden("case.online_forbidden", "网上申请只能由居民本人通过自己的账号提交。");
        }

        if (CheckApplication(request.CaseType, request.Need) is { } invalid)
        {
            return invalid;
        }

        // Where they live is asked of everyone, registered or not, so the form itself reveals nothing about the registry.
        if (!RegionCode.TryParse(request.VillageCode, out var village) || village.Level != RegionLevel.Village)
        {
            return Error.Validation("registry.village_required", "请选择户所在的村(社区)。");
        }

        if (string.IsNullOrWhiteSpace(request.Address) || request.Address.Trim().Length > 200)
        {
            return Error.Validation("registry.address_required", "请填写家庭住址（不超过 200 字）。");
        }

        // The registry is searched everywhere: one person, one record, whichever village the resident names.
        var match = await persons.FindByIdNumberAsync(applicant.IdNumber, ct);
        if (match is not null)
        {
            return await OpenAsync(match.PersonId, match.HouseholdId, match.RegionCode, false, request.CaseType, request.Need.Trim(), request.Urgent,
                CaseChannel.Online, null, acrossJurisdictions: true, ct);
        }

        var registered = await persons.RegisterOnlineApplicantAsync(
            new NewHousehold(village.Value, request.Address.Trim(), applicant.Name, applicant.IdNumber, applicant.Phone), ct);
        if (!registered.IsSuccess)
        {
            return registered.Error!;
        }

        var (household, head) = registered.Value;
        return await OpenAsync(head.Id, household.Id, household.RegionCode, true, request.CaseType, request.Need.Trim(), request.Urgent,
            CaseChannel.Online, null, acrossJurisdictions: true, ct);
    }

    public async Task<Result<CaseSummary>> TransitionAsync(Guid caseId, TransitionRequest request, CancellationToken ct = default)
    {
        var @case = await data.Cases.Include(c => c.Steps).FirstOrDefaultAsync(c => c.Id == caseId, ct);
        return @case is null ? NotFound : await TransitionAsync(@case, request, actor, ct);
    }

    /// <summary>
    /// Moves a case the caller has already found, as <paramref name="acting"/>: the current actor, or for an applicant
    /// acting on their own application, the resident holding the <see cref="CaseWorkflow.Applicant"/> pseudo-role for
    /// this one case (granted by the resident service after it checked ownership, never globally).
    /// </summary>
    internal async Task<Result<CaseSummary>> TransitionAsync(Case @case, TransitionRequest request, ICurrentActor acting, CancellationToken ct)
    {
        var transition = CaseWorkflow.Find(request.Action, @case.Status);
        if (transition is null)
        {
            await RefuseAsync(@case, request.Action, "当前状态下不允许", ct);
            return Error.Conflict("case.illegal_transition",
                $"个案当前为“{CaseWorkflow.StatusName(@case.Status)}”，不能“{CaseWorkflow.ActionName(request.Action)}”。");
        }

        if (!transition.Roles.Any(acting.IsInRole))
        {
            await RefuseAsync(@case, request.Action, "角色无此权限", ct);
            return Error.Forbidden("case.action_forbidden", $"您的角色不能对个案执行“{CaseWorkflow.ActionName(request.Action)}”。");
        }

        var reason = request.Reason?.Trim();
        if (transition.ReasonRequired && string.IsNullOrEmpty(reason))
        {
            return Error.Validation("case.reason_required", $"“{CaseWorkflow.ActionName(request.Action)}”须填写理由。");
        }

        if (reason is { Length: > 1000 })
        {
            return Error.Validation("case.reason_too_long", "理由不超过 1000 字。");
        }

        if (request.Version != @case.Version)
        {
            return Error.Conflict("case.stale", "个案已被他人更新，请刷新后再操作。");
        }

        var from = @case.Status;
        var now = clock.GetUtcNow();
        @case.Apply(transition, acting, string.IsNullOrEmpty(reason) ? null : reason, now);
        var scheduling = await ScheduleAsync(@case, now, ct);
        audit.Record(new AuditEvent($"case.{Kebab(request.Action)}", "case", @case.Id.ToString(), @case.RegionCode, AuditOutcome.Success,
            $"个案 {@case.Number}：{CaseWorkflow.StatusName(from)} → {CaseWorkflow.StatusName(@case.Status)}（{CaseWorkflow.ActionName(request.Action)}）"
            + (string.IsNullOrEmpty(reason) ? string.Empty : $"，理由：{reason}")
            + (scheduling is null ? string.Empty : $"；{scheduling}")));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another person moved the case first: the version check, or the timeline's unique step number, caught it.
            return Error.Conflict("case.stale", "个案已被他人更新，请刷新后再操作。");
        }

        return Summarize(@case);
    }

    // What every application needs, whoever files it: a known case type and a need in words.
    private static Error? CheckApplication(string? caseType, string? need)
    {
        if (!CaseTypes.IsKnown(caseType))
        {
            return Error.Validation("case.unknown_type", $"未知的救助类型：{caseType}");
        }

        return need?.Trim().Length is >= 2 and <= 1000 ? null : Error.Validation("case.need_required", "请写明申请事项（2 至 1000 字）。");
    }

    // Opens the case for a known person: numbered, folded into an open case for the same person and need, scheduled, audited, saved.
    private async Task<Result<IntakeResult>> OpenAsync(
        Guid personId, Guid householdId, string regionCode, bool newHousehold, string caseType, string need, bool urgent, CaseChannel channel,
        string? referringDepartment, bool acrossJurisdictions, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var number = await NextNumberAsync(regionCode, now, ct);
        var @case = new Case(number, personId, householdId, regionCode, caseType, need, urgent, channel, referringDepartment, actor, now);

        // One person, one case per need: the same need filed again while a case is open is folded into that case. A resident
        // has no jurisdiction, so for online applications the lookup must see past the region filter; it stays limited to
        // this one person.
        var cases = acrossJurisdictions ? data.Cases.IgnoreQueryFilters() : data.Cases;
        var original = await cases.AsNoTracking()
            .Where(c => c.PersonId == personId && c.CaseType == caseType && c.DuplicateOfId == null
                        && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Rejected && c.Status != CaseStatus.Withdrawn)
            .OrderBy(c => c.SubmittedAt)
            .FirstOrDefaultAsync(ct);
        if (original is not null)
        {
            @case.MarkDuplicateOf(original.Id);
            @case.Apply(CaseWorkflow.Find(CaseAction.Withdraw, CaseStatus.Submitted)!, actor, $"重复申请：与个案 {original.Number} 相同，已并入该个案", now);
        }

        var scheduling = original is null ? await ScheduleAsync(@case, now, ct) : null;
        data.Cases.Add(@case);
        audit.Record(new AuditEvent("case.submit", "case", @case.Id.ToString(), regionCode, AuditOutcome.Success,
            $"受理申请 {@case.Number}：{CaseTypes.ChineseName(caseType)}，渠道 {ChannelName(channel)}"
            + (original is null ? string.Empty : $"；与个案 {original.Number} 重复，已并入")
            + (newHousehold ? "；新登记家庭户" : string.Empty)
            + (scheduling is null ? string.Empty : $"；{scheduling}")));
        await data.SaveChangesAsync(ct);
        return new IntakeResult(Summarize(@case), original is null ? null : Summarize(original), newHousehold);
    }

    /// <summary>
    /// Which deadline runs in each state: acceptance (or the urgent first response) while submitted, the decision from
    /// acceptance until approval or rejection, none while the case waits for the applicant or is in service.
    /// </summary>
    public static DeadlineStep? RunningDeadline(Case c) => c.Status switch
    {
        CaseStatus.Submitted => c.Urgent ? DeadlineStep.UrgentFirstResponse : DeadlineStep.Acceptance,
        CaseStatus.Accepted or CaseStatus.Reopened => DeadlineStep.Decision,
        _ => null,
    };

    // Sets the due instant for the state the case has just entered; returns a note when it could not be computed.
    private async Task<string?> ScheduleAsync(Case c, DateTimeOffset now, CancellationToken ct)
    {
        if (RunningDeadline(c) is not { } step)
        {
            // The decision deadline keeps running through assessment, planning and approval.
            if (c.Status is not (CaseStatus.Assessing or CaseStatus.PlanDrafted or CaseStatus.PendingApproval))
            {
                c.SetDue(null);
            }

            return null;
        }

        var due = await deadlines.DueAsync(step, c.CaseType, RegionCode.Parse(c.RegionCode), now, ct);
        if (!due.IsSuccess)
        {
            // A missing calendar year must not stop an application; the case shows no deadline and the gap is traced.
            c.SetDue(null);
            return $"期限未能计算：{due.Error!.Message}";
        }

        c.SetDue(due.Value);
        return $"办理期限 {ChinaTime.Format(due.Value)}";
    }

    public static string ChannelName(CaseChannel channel) => channel switch
    {
        CaseChannel.Online => "网上申请",
        CaseChannel.WalkIn => "窗口受理",
        CaseChannel.Discovery => "主动发现",
        CaseChannel.Referral => "部门转介",
        _ => channel.ToString(),
    };

    internal static CaseSummary Summarize(Case c) => new(
        c.Id, c.Number, c.CaseType, c.Need, c.Urgent, c.Channel, c.Status, c.RegionCode, c.PersonId, c.HouseholdId,
        c.SubmittedAt, c.UpdatedAt, c.DueAt, c.DuplicateOfId, c.Version);

    private static string Kebab(CaseAction action) =>
        string.Concat(action.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    // A village worker's own village is the natural default; others must choose.
    private string DefaultVillage() =>
        actor.Jurisdiction is { Level: RegionLevel.Village } v ? v.Value : string.Empty;

    private async Task<string> NextNumberAsync(string regionCode, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"{regionCode[..6]}-{ChinaTime.ToChina(now).Year}-";
        // Numbers are counted across jurisdictions; the unique index settles a race between two windows.
        var count = await data.Cases.IgnoreQueryFilters().CountAsync(c => c.Number.StartsWith(prefix), ct);
        return $"{prefix}{count + 1:000000}";
    }

    private Task RefuseAsync(Case @case, CaseAction action, string why, CancellationToken ct) =>
        audit.WriteNowAsync(new AuditEvent($"case.{Kebab(action)}", "case", @case.Id.ToString(), @case.RegionCode, AuditOutcome.Denied,
            $"个案 {@case.Number}（{CaseWorkflow.StatusName(@case.Status)}）拒绝“{CaseWorkflow.ActionName(action)}”：{why}"), ct);
}
