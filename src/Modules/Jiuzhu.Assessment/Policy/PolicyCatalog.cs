using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Assessment.Policy;

/// <summary>A region's policy as administrators see it: where it comes from and its content.</summary>
public sealed record PolicyView(string RegionCode, string? InheritedFrom, AssessmentPolicy Policy, Guid? Stamp, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>
/// Assessment policies per region (tier rules, responses, phases, reassessment cadence). A region uses the policy set
/// for the longest prefix of its code, or the platform default. Policy administrators (市/省管理员) set them for
/// regions inside their jurisdiction.
/// </summary>
public sealed class PolicyCatalog(IAssessmentData data, ICurrentActor actor, IAuditTrail audit, TimeProvider clock)
{
    public static readonly string[] Editors = [Roles.RegionalAdmin];

    /// <summary>The policy in force for a region code (a village, a township…).</summary>
    public async Task<AssessmentPolicy> ForRegionAsync(string regionCode, CancellationToken ct = default) =>
        (await ResolveAsync(regionCode, ct)).Policy;

    /// <summary>All policies, for batch work: resolve each region by longest prefix in memory.</summary>
    public async Task<PolicyResolver> ResolverAsync(CancellationToken ct = default)
    {
        var settings = await data.PolicySettings.AsNoTracking().ToListAsync(ct);
        return new PolicyResolver(settings.ToDictionary(s => s.RegionCode, s => AssessmentPolicy.FromJson(s.Definition).Value, StringComparer.Ordinal));
    }

    public async Task<PolicyView> ResolveAsync(string regionCode, CancellationToken ct = default)
    {
        var settings = await data.PolicySettings.AsNoTracking().ToListAsync(ct);
        var match = settings.Where(s => regionCode.StartsWith(s.RegionCode, StringComparison.Ordinal)).MaxBy(s => s.RegionCode.Length);
        if (match is null)
        {
            return new PolicyView(regionCode, null, AssessmentPolicy.Default, null, null, null);
        }

        return new PolicyView(regionCode, match.RegionCode == regionCode ? null : match.RegionCode, AssessmentPolicy.FromJson(match.Definition).Value,
            match.RegionCode == regionCode ? match.Stamp : null, match.UpdatedAt, match.UpdatedBy);
    }

    /// <summary>Sets the policy of a region's subtree (replacing its own setting, if any); validated in full first.</summary>
    public async Task<Result<PolicyView>> SetAsync(string regionCode, AssessmentPolicy policy, Guid? stamp, CancellationToken ct = default)
    {
        if (CheckEditor(regionCode) is { } refused)
        {
            return refused;
        }

        var code = RegionCode.Parse(regionCode);
        if (policy is null)
        {
            return Error.Validation("policy.invalid", "缺少评估政策内容。");
        }

        var valid = policy.Validate();
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        var prefix = code.Prefix;
        var now = clock.GetUtcNow();
        var existing = await data.PolicySettings.FirstOrDefaultAsync(s => s.RegionCode == prefix, ct);
        if (existing is null)
        {
            data.PolicySettings.Add(new PolicySetting(prefix, policy.ToJson(), actor.Name, now));
        }
        else if (existing.Stamp != stamp)
        {
            return Error.Conflict("policy.stale", "评估政策已被他人修改，请刷新后再保存。");
        }
        else
        {
            existing.Replace(policy.ToJson(), actor.Name, now);
        }

        audit.Record(new AuditEvent("policy.set", "assessment-policy", prefix, prefix, AuditOutcome.Success,
            $"设置评估政策：{policy.Rules.Count} 条预警规则，复评周期（收入稳定/不稳定，月）{Cadence(policy.Reassessment)}；重算存量结果须另行运行批量重算"));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("policy.stale", "评估政策已被他人修改，请刷新后再保存。");
        }

        return await ResolveAsync(prefix, ct);
    }

    /// <summary>
    /// Drops a region's own policy so that it inherits again (from the nearest region above with its own policy, else
    /// the platform default, which is built in and cannot be dropped). <paramref name="stamp"/>, when given, must be
    /// the version the administrator saw. Returns what the region uses now.
    /// </summary>
    public async Task<Result<PolicyView>> DeleteAsync(string regionCode, Guid? stamp, CancellationToken ct = default)
    {
        if (CheckEditor(regionCode) is { } refused)
        {
            return refused;
        }

        var prefix = RegionCode.Parse(regionCode).Prefix;
        var existing = await data.PolicySettings.FirstOrDefaultAsync(s => s.RegionCode == prefix, ct);
        if (existing is null)
        {
            return Error.NotFound("policy.not_found", "该区划没有单独设置评估政策，已在使用上级区划或平台默认政策。");
        }

        if (stamp is { } seen && existing.Stamp != seen)
        {
            return Error.Conflict("policy.stale", "评估政策已被他人修改，请刷新后再操作。");
        }

        data.PolicySettings.Remove(existing);
        var inherits = await InheritsFromAsync(prefix, ct);
        audit.Record(new AuditEvent("policy.delete", "assessment-policy", prefix, prefix, AuditOutcome.Success,
            $"删除本区划的评估政策，改为继承{(inherits is null ? "平台默认政策" : $"上级区划 {inherits} 的政策")}；重算存量结果须另行运行批量重算"));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("policy.stale", "评估政策已被他人修改，请刷新后再操作。");
        }

        return await ResolveAsync(prefix, ct);
    }

    /// <summary>The prefix of the nearest region above <paramref name="prefix"/> with its own policy; null for the platform default.</summary>
    public async Task<string?> InheritsFromAsync(string prefix, CancellationToken ct = default)
    {
        var prefixes = await data.PolicySettings.AsNoTracking().Select(s => s.RegionCode).ToListAsync(ct);
        return prefixes.Where(p => p.Length < prefix.Length && prefix.StartsWith(p, StringComparison.Ordinal)).MaxBy(p => p.Length);
    }

    /// <summary>The cadence in one line for the audit trail: "特困人员 12/12，低保 12/6…，未纳入类别 12/6".</summary>
    private static string Cadence(ReassessmentCadence cadence) => string.Join("，",
        Enum.GetValues<AssistanceCategory>().Select(c => cadence.For(c)).Select(c => $"{RegistryTerms.CategoryName(c.Category)} {c.StableMonths}/{c.VariableIncomeMonths}")
            .Append($"未纳入类别 {cadence.StableMonths}/{cadence.VariableIncomeMonths}"));

    /// <summary>Only policy administrators change policies, and only for regions in their jurisdiction.</summary>
    private Error? CheckEditor(string regionCode)
    {
        if (!Editors.Any(actor.IsInRole))
        {
            return Error.Forbidden("policy.forbidden", "只有市/省管理员可以修改评估政策。");
        }

        return RegionCode.TryParse(regionCode, out var code) && actor.Scope.Permits(code)
            ? null
            : Error.Forbidden("policy.outside_jurisdiction", "只能为本辖区设置评估政策。");
    }
}

/// <summary>Longest-prefix lookup of region policies, in memory.</summary>
public sealed class PolicyResolver(IReadOnlyDictionary<string, AssessmentPolicy> byPrefix)
{
    public AssessmentPolicy For(string regionCode)
    {
        for (var length = regionCode.Length; length >= 0; length--)
        {
            if (byPrefix.TryGetValue(regionCode[..length], out var policy))
            {
                return policy;
            }
        }

        return AssessmentPolicy.Default;
    }

    /// <summary>The distinct prefixes that have their own policy (the platform default is "").</summary>
    public IEnumerable<string> Prefixes => byPrefix.Keys;
}
