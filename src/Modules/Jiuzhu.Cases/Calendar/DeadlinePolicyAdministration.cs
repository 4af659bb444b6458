using Jiuzhu.Cases.Data;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Cases.Calendar;

/// <summary>A change to one policy: region code (2 to 12 digits), step and unit as API words, case type or "any".</summary>
/// <param name="Version">The version the editor saw; a different stored version means someone else changed it meanwhile.</param>
public sealed record SetPolicyRequest(string Region, string Step, string CaseType, int Amount, string Unit, int? Version = null);

/// <summary>One line of a region's deadline table: the deadline in force and where it comes from.</summary>
/// <param name="Source">The stored policy that decides it, or null for the national default.</param>
/// <param name="SourceName">The name of the region that set it; null for the national default.</param>
/// <param name="SetHere">True when the policy was set by the region the table is for (it can be changed or removed here).</param>
public sealed record PolicyLine(DeadlineStep Step, string CaseType, DeadlineRule Rule, DeadlinePolicyRow? Source, string? SourceName, bool SetHere);

/// <summary>A policy set by a region below the one the table is for.</summary>
public sealed record PolicyBelow(DeadlinePolicyRow Policy, string? RegionName);

/// <summary>The deadlines in force in one region, for every step and case type ("any" first).</summary>
public sealed record PolicyTable(string RegionCode, string? RegionName, bool CanEdit, IReadOnlyList<PolicyLine> Lines, IReadOnlyList<PolicyBelow> Below);

/// <summary>
/// Reads and changes deadline policies. City and province administrators and county officers set them for regions
/// inside their jurisdiction (their own level or below); every change and every refused attempt is audited.
/// </summary>
public sealed class DeadlinePolicyAdministration(
    ICalendarData data, ICurrentActor actor, IAuditTrail audit, IRegionLookup regions, TimeProvider clock, DeadlinePolicyProvider policies)
{
    /// <summary>Roles that may set deadline policies, for page attributes.</summary>
    public const string EditorRoles = Roles.RegionalAdmin + "," + Roles.CountyOfficer;

    public static IReadOnlyList<string> Editors { get; } = [Roles.RegionalAdmin, Roles.CountyOfficer];

    private const string SetAction = "deadline.policy.set";
    private const string RemoveAction = "deadline.policy.remove";
    private const string NotAnEditor = "您的角色不能设置办理时限。";

    private static readonly Error RegionNotFound = Error.NotFound("deadline.region_not_found", "区划不存在，或不在您的管辖范围内。");

    public bool IsEditor => actor.Kind == ActorKind.System || Editors.Any(actor.IsInRole);

    /// <summary>True when the actor may set policies for <paramref name="region"/>.</summary>
    public bool CanEdit(RegionCode region) =>
        actor.Kind == ActorKind.System || (Editors.Any(actor.IsInRole) && actor.Jurisdiction is { } j && j.Contains(region));

    /// <summary>True when the actor may read the policies of <paramref name="region"/>: inside its jurisdiction, or above it.</summary>
    public bool CanRead(RegionCode region) =>
        actor.Scope.AllowsAll || (actor.Jurisdiction is { } j && (j.Contains(region) || region.Contains(j)));

    /// <summary>The table of <paramref name="region"/> (the actor's jurisdiction when absent).</summary>
    public async Task<Result<PolicyTable>> TableAsync(string? region, CancellationToken ct = default)
    {
        var text = string.IsNullOrWhiteSpace(region) ? actor.Jurisdiction?.Value : region;
        if (text is null)
        {
            return Error.Validation("deadline.bad_region", "请指定区划代码。");
        }

        if (!RegionCode.TryParse(text, out var code))
        {
            return BadRegion(text);
        }

        if (!CanRead(code) || !await regions.ExistsAsync(code, ct))
        {
            return RegionNotFound;
        }

        var lineage = Lineage(code);
        var prefix = code.Prefix;
        var rows = (await data.DeadlinePolicies.AsNoTracking()
                .Where(p => lineage.Contains(p.RegionCode) || p.RegionCode.StartsWith(prefix))
                .ToListAsync(ct))
            .Select(p => p.ToRow())
            .ToList();
        var set = new DeadlinePolicySet(rows);
        var names = await regions.NamesAsync(rows.Select(r => r.RegionCode).Append(code.Value), ct);
        var lines = new List<PolicyLine>();
        foreach (var step in DeadlineTerms.Steps)
        {
            foreach (var type in CaseTypes.All.Prepend(CaseTypes.Any))
            {
                var effective = set.Resolve(step, type, code);
                var source = effective.Source;
                lines.Add(new PolicyLine(step, type, effective.Rule, source,
                    source is null ? null : names.GetValueOrDefault(source.RegionCode), source?.RegionCode == code.Value));
            }
        }

        // Looking up from a county at its city shows the city's own lines, not the other counties' settings.
        var below = rows.Where(r => !lineage.Contains(r.RegionCode) && actor.Scope.Permits(r.RegionCode))
            .OrderBy(r => r.RegionCode, StringComparer.Ordinal).ThenBy(r => r.Step).ThenBy(r => r.CaseType, StringComparer.Ordinal)
            .Select(r => new PolicyBelow(r, names.GetValueOrDefault(r.RegionCode)))
            .ToList();
        return new PolicyTable(code.Value, names.GetValueOrDefault(code.Value), CanEdit(code), lines, below);
    }

    /// <summary>Sets a region's own deadline for a step and case type; setting the value it already has changes nothing.</summary>
    public async Task<Result<DeadlinePolicyRow>> SetAsync(SetPolicyRequest request, CancellationToken ct = default)
    {
        if (!IsEditor)
        {
            return await RefuseAsync(SetAction, null, request.Region, NotAnEditor, "deadline.forbidden", ct);
        }

        if (!RegionCode.TryParse(request.Region, out var region))
        {
            return BadRegion(request.Region);
        }

        if (!CanEdit(region))
        {
            return await RefuseOutsideAsync(SetAction, null, region, ct);
        }

        if (!await regions.ExistsAsync(region, ct))
        {
            return RegionNotFound;
        }

        var validated = Validate(request);
        if (!validated.IsSuccess)
        {
            return validated.Error!;
        }

        var (step, caseType, rule) = validated.Value;
        var now = clock.GetUtcNow();
        var policy = await data.DeadlinePolicies.FirstOrDefaultAsync(p => p.RegionCode == region.Value && p.Step == step && p.CaseType == caseType, ct);
        if (request.Version is { } seen && seen != (policy?.Version ?? 0))
        {
            return Stale();
        }

        var what = await DescribeAsync(region, step, caseType, ct);
        if (policy is null)
        {
            policy = new DeadlinePolicy(step, caseType, region, rule, actor.Name, now);
            data.DeadlinePolicies.Add(policy);
            audit.Record(new AuditEvent(SetAction, "deadline-policy", policy.Id.ToString(), region.Value, AuditOutcome.Success,
                $"设置{what}：{rule}（此前沿用上级或国家默认）"));
        }
        else if (policy.Rule != rule)
        {
            var old = policy.Rule;
            policy.Change(rule, actor.Name, now);
            audit.Record(new AuditEvent(SetAction, "deadline-policy", policy.Id.ToString(), region.Value, AuditOutcome.Success,
                $"修改{what}：{old} → {rule}"));
        }
        else
        {
            return policy.ToRow();
        }

        var saved = await SaveAsync(ct);
        return saved.IsSuccess ? policy.ToRow() : saved.Error!;
    }

    /// <summary>Removes a region's own policy, so that the region follows the one above it again.</summary>
    public async Task<Result<DeadlinePolicyRow>> RemoveAsync(Guid id, CancellationToken ct = default)
    {
        if (!IsEditor)
        {
            return await RefuseAsync(RemoveAction, id, null, NotAnEditor, "deadline.forbidden", ct);
        }

        var policy = await data.DeadlinePolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return Error.NotFound("deadline.policy_not_found", "该时限设置不存在，可能已被删除。");
        }

        var region = RegionCode.Parse(policy.RegionCode);
        if (!CanEdit(region))
        {
            return await RefuseOutsideAsync(RemoveAction, id, region, ct);
        }

        var removed = policy.ToRow();
        data.DeadlinePolicies.Remove(policy);
        audit.Record(new AuditEvent(RemoveAction, "deadline-policy", id.ToString(), region.Value, AuditOutcome.Success,
            $"删除{await DescribeAsync(region, policy.Step, policy.CaseType, ct)}的本级设置（{policy.Rule}），改为沿用上级或国家默认"));
        var saved = await SaveAsync(ct);
        return saved.IsSuccess ? removed : saved.Error!;
    }

    private static Result<(DeadlineStep Step, string CaseType, DeadlineRule Rule)> Validate(SetPolicyRequest request)
    {
        if (!DeadlineTerms.TryParse<DeadlineStep>(request.Step, out var step))
        {
            return Error.Validation("deadline.bad_step",
                $"未知的办理环节“{request.Step}”，应为 {string.Join("、", DeadlineTerms.Steps.Select(s => $"{DeadlineTerms.Word(s)}（{DeadlineTerms.StepName(s)}）"))}。");
        }

        var caseType = request.CaseType?.Trim() ?? string.Empty;
        if (caseType != CaseTypes.Any && !CaseTypes.IsKnown(caseType))
        {
            return DeadlineService.UnknownCaseType(caseType);
        }

        if (!DeadlineTerms.TryParse<DeadlineUnit>(request.Unit, out var unit) || !DeadlineTerms.AllowedUnits(step).Contains(unit))
        {
            var allowed = DeadlineTerms.AllowedUnits(step);
            return Error.Validation("deadline.bad_unit",
                $"“{DeadlineTerms.StepName(step)}”的时限单位应为 {string.Join("、", allowed.Select(u => $"{DeadlineTerms.Word(u)}（{DeadlineTerms.UnitName(u)}）"))}，而不是“{request.Unit}”。");
        }

        var max = DeadlineTerms.MaxAmount(unit);
        if (request.Amount < 1 || request.Amount > max)
        {
            return Error.Validation("deadline.bad_amount", $"时限应在 1 到 {max} {DeadlineTerms.UnitName(unit)}之间。");
        }

        return (step, caseType, new DeadlineRule(request.Amount, unit));
    }

    private async Task<Result> SaveAsync(CancellationToken ct)
    {
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another editor saved the same region, step and type first (concurrency token or unique index).
            return Stale();
        }
        finally
        {
            policies.Invalidate();
        }

        return Result.Ok();
    }

    private async Task<string> DescribeAsync(RegionCode region, DeadlineStep step, string caseType, CancellationToken ct)
    {
        var names = await regions.NamesAsync([region.Value], ct);
        return $" {names.GetValueOrDefault(region.Value) ?? region.Prefix}（{region.Prefix}）{DeadlineTerms.StepName(step)}时限（{CaseTypes.ChineseName(caseType)}）";
    }

    private Task<Error> RefuseOutsideAsync(string action, Guid? id, RegionCode region, CancellationToken ct) =>
        RefuseAsync(action, id, region.Value, $"只能为您管辖范围（{actor.Jurisdiction?.Prefix}）内的区划设置办理时限。", "deadline.outside_jurisdiction", ct);

    private async Task<Error> RefuseAsync(string action, Guid? id, string? region, string message, string code, CancellationToken ct)
    {
        var regionCode = RegionCode.TryParse(region, out var parsed) ? parsed.Value : null;
        await audit.WriteNowAsync(new AuditEvent(action, "deadline-policy", id?.ToString(), regionCode, AuditOutcome.Denied,
            $"无权设置办理时限：{message}"), ct);
        return Error.Forbidden(code, message);
    }

    private static Error Stale() =>
        Error.Conflict("deadline.policy_conflict", "该时限设置已被他人修改，未作更改。请刷新后再试。");

    private static Error BadRegion(string? text) =>
        Error.Validation("deadline.bad_region", $"“{text}”不是有效的统计用区划代码（应为 2、4、6、9 或 12 位数字）。");

    private static List<string> Lineage(RegionCode code)
    {
        var chain = new List<string>();
        for (RegionCode? c = code; c is { } x; c = x.Parent)
        {
            chain.Add(x.Value);
        }

        return chain;
    }
}
