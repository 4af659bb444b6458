using Jiuzhu.Audit.Data;
using Jiuzhu.Geo.Data;
using Jiuzhu.Identity.Data;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Web.Infrastructure;

/// <summary>One figure on a home page.</summary>
public sealed record SummaryCard(string Title, int Value, string? Href, string TestId);

/// <summary>The counts a role's home page shows, for the actor's jurisdiction (filtered centrally by the context).</summary>
public sealed class HomeSummary(ICurrentActor actor, IRegistryData registry, IGeoData geo, IAuditData audit, IIdentityData identity, TimeProvider clock)
{
    public async Task<string> JurisdictionNameAsync()
    {
        if (actor.Jurisdiction is not { } j)
        {
            return "—";
        }

        var codes = new List<string>();
        for (RegionCode? c = j; c is { } code; c = code.Parent)
        {
            codes.Add(code.Value);
        }

        var names = await geo.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).OrderBy(r => r.Level).Select(r => r.Name).ToListAsync();
        return names.Count > 0 ? string.Join(" ", names) : j.Value;
    }

    public async Task<IReadOnlyList<SummaryCard>> CardsAsync()
    {
        var cards = new List<SummaryCard>();
        if (IsAny(Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.Auditor))
        {
            cards.Add(new("家庭户", await registry.Households.CountAsync(), "/households", "count-households"));
            cards.Add(new("救助对象人数", await registry.Persons.CountAsync(), "/households", "count-persons"));
            cards.Add(new("特困供养户", await registry.Households.CountAsync(h => h.Category == AssistanceCategory.ExtremelyPoor), "/households", "count-extremely-poor"));
            cards.Add(new("低保户", await registry.Households.CountAsync(h => h.Category == AssistanceCategory.MinimumLiving), "/households", "count-minimum-living"));
            cards.Add(new("低保边缘户", await registry.Households.CountAsync(h => h.Category == AssistanceCategory.MinimumLivingEdge), "/households", "count-edge"));
            var elderlyAlone = (int)NeedFlags.ElderlyLivingAlone;
            cards.Add(new("独居老人户", await registry.Households.CountAsync(h => ((int)h.Needs & elderlyAlone) != 0), "/households", "count-elderly-alone"));
        }

        if (actor.Jurisdiction is { } j && IsAny(Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin))
        {
            var prefix = j.Prefix;
            var villages = await geo.Regions.CountAsync(r => r.Level == RegionLevel.Village && r.Code.StartsWith(prefix));
            cards.Add(new("村(社区)", villages, "/regions", "count-villages"));
        }

        if (IsAny(Roles.SystemAdmin, Roles.SecurityAdmin) && actor.Jurisdiction is { } uj)
        {
            var prefix = uj.Prefix;
            cards.Add(new("用户账号", await identity.Users.CountAsync(u => u.Jurisdiction.StartsWith(prefix)), "/admin/users", "count-users"));
            cards.Add(new("已停用账号", await identity.Users.CountAsync(u => u.Jurisdiction.StartsWith(prefix) && u.IsDisabled), "/admin/users", "count-disabled-users"));
            if (actor.IsInRole(Roles.SecurityAdmin))
            {
                cards.Add(new("有效接口密钥", await identity.ApiClients.CountAsync(c => c.RevokedAt == null), "/admin/api-clients", "count-api-clients"));
            }
        }

        if (IsAny(Roles.Auditor, Roles.AuditAdmin))
        {
            var since = clock.GetUtcNow().AddDays(-1);
            cards.Add(new("近 24 小时审计记录", await audit.AuditEntries.CountAsync(e => e.Time >= since), "/audit", "count-audit-24h"));
            cards.Add(new("近 24 小时拒绝或失败操作", await audit.AuditEntries.CountAsync(e => e.Time >= since && e.Outcome != "success"), "/audit", "count-audit-denied"));
        }

        return cards;
    }

    private bool IsAny(params string[] roles) => roles.Any(actor.IsInRole);
}
