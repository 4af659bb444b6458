using Jiuzhu.Audit.Data;
using Jiuzhu.Cases;
using Jiuzhu.Geo.Browse;
using Jiuzhu.Geo.Data;
using Jiuzhu.Identity.Data;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Jiuzhu.Web.Infrastructure;

/// <summary>One figure on a home page; the title is already localized.</summary>
public sealed record SummaryCard(string Title, int Value, string? Href, string TestId);

/// <summary>The counts a role's home page shows, for the actor's jurisdiction (filtered centrally by the context).</summary>
public sealed class HomeSummary(ICurrentActor actor, IRegistryData registry, IGeoData geo, IAuditData audit, IIdentityData identity, RegionDirectory directory, CaseQueries cases, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public async Task<string> JurisdictionNameAsync() =>
        actor.Jurisdiction is { } j ? await directory.FullNameAsync(j) ?? j.Value : "—";

    public async Task<IReadOnlyList<SummaryCard>> CardsAsync()
    {
        var cards = new List<SummaryCard>();
        if (IsAny(Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.Auditor))
        {
            cards.Add(new(L["家庭户"], await registry.Households.CountAsync(), "/households", "count-households"));
            cards.Add(new(L["救助对象人数"], await registry.Persons.CountAsync(), "/households", "count-persons"));
            cards.Add(new(L["特困供养户"], await registry.Households.CountAsync(h => h.Category == AssistanceCategory.ExtremelyPoor), "/households", "count-extremely-poor"));
            cards.Add(new(L["低保户"], await registry.Households.CountAsync(h => h.Category == AssistanceCategory.MinimumLiving), "/households", "count-minimum-living"));
            cards.Add(new(L["低保边缘户"], await registry.Households.CountAsync(h => h.Category == AssistanceCategory.MinimumLivingEdge), "/households", "count-edge"));
            var elderlyAlone = (int)NeedFlags.ElderlyLivingAlone;
            cards.Add(new(L["独居老人户"], await registry.Households.CountAsync(h => ((int)h.Needs & elderlyAlone) != 0), "/households", "count-elderly-alone"));
        }

        if (IsAny(Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.Auditor))
        {
            var counts = await cases.CountsAsync();
            cards.Insert(0, new(L["待我办理的个案"], counts[CaseInbox.Mine], "/cases?inbox=mine", "count-cases-mine"));
            cards.Insert(1, new(L["即将到期"], counts[CaseInbox.DueSoon], "/cases?inbox=due-soon", "count-cases-due-soon"));
            cards.Insert(2, new(L["已超期"], counts[CaseInbox.Overdue], "/cases?inbox=overdue", "count-cases-overdue"));
            if (counts[CaseInbox.Escalated] > 0)
            {
                cards.Insert(3, new(L["超期督办"], counts[CaseInbox.Escalated], "/cases?inbox=escalated", "count-cases-escalated"));
            }
        }

        if (IsAny(Roles.DepartmentLiaison, Roles.ProviderStaff, Roles.Volunteer))
        {
            // Counts only: these roles see no household records, but they plan their work by its size.
            cards.Add(new(L["辖区救助家庭户"], await registry.Households.CountAsync(), null, "count-households"));
            var aged = (int)NeedFlags.Aged80Plus;
            var dependent = (int)NeedFlags.Dependent;
            cards.Add(new(L["辖区80岁以上老人户"], await registry.Households.CountAsync(h => ((int)h.Needs & aged) != 0), null, "count-aged80"));
            cards.Add(new(L["辖区失能/半失能户"], await registry.Households.CountAsync(h => ((int)h.Needs & dependent) != 0), null, "count-dependent"));
        }

        if (actor.Jurisdiction is { } j && IsAny(Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin,
                Roles.DepartmentLiaison, Roles.ProviderStaff, Roles.Volunteer))
        {
            var prefix = j.Prefix;
            var villages = await geo.Regions.CountAsync(r => r.Level == RegionLevel.Village && r.Code.StartsWith(prefix));
            cards.Add(new(L["村(社区)"], villages, "/regions", "count-villages"));
        }

        if (IsAny(Roles.SystemAdmin, Roles.SecurityAdmin) && actor.Jurisdiction is { } uj)
        {
            var prefix = uj.Prefix;
            cards.Add(new(L["用户账号"], await identity.Users.CountAsync(u => u.Jurisdiction.StartsWith(prefix)), "/admin/users", "count-users"));
            cards.Add(new(L["已停用账号"], await identity.Users.CountAsync(u => u.Jurisdiction.StartsWith(prefix) && u.IsDisabled), "/admin/users", "count-disabled-users"));
            if (actor.IsInRole(Roles.SecurityAdmin))
            {
                cards.Add(new(L["有效接口密钥"], await identity.ApiClients.CountAsync(c => c.RevokedAt == null), "/admin/api-clients", "count-api-clients"));
            }
        }

        if (IsAny(Roles.Auditor, Roles.AuditAdmin))
        {
            var since = clock.GetUtcNow().AddDays(-1);
            cards.Add(new(L["近 24 小时审计记录"], await audit.AuditEntries.CountAsync(e => e.Time >= since), "/audit", "count-audit-24h"));
            cards.Add(new(L["近 24 小时拒绝或失败操作"], await audit.AuditEntries.CountAsync(e => e.Time >= since && e.Outcome != "success"), "/audit", "count-audit-denied"));
        }

        return cards;
    }

    private bool IsAny(params string[] roles) => roles.Any(actor.IsInRole);
}
