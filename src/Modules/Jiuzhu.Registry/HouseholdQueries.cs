using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Registry;

/// <summary>A household in a list.</summary>
public sealed record HouseholdRow(
    Guid Id, string HeadName, string Address, string RegionCode, string? VillageName,
    AssistanceCategory? Category, int MemberCount, NeedFlags Needs);

/// <summary>A member as staff see them: identity and phone numbers masked.</summary>
public sealed record MemberView(
    Guid Id, string Name, Sex Sex, int BirthYear, int Age, Relation Relation, string IdNumberMasked, string? PhoneMasked, NeedFlags Needs);

/// <summary>One household with its members.</summary>
public sealed record HouseholdDetail(
    Guid Id, string HeadName, string Address, string RegionCode, string? VillageName, AssistanceCategory? Category,
    NeedFlags Needs, double? Latitude, double? Longitude, DateTimeOffset CreatedAt, IReadOnlyList<MemberView> Members);

/// <summary>Which protected field to reveal.</summary>
public enum ProtectedField
{
    IdNumber,
    Phone,
}

/// <summary>
/// Reading the registry. Jurisdiction is applied by the database context for every query; opening a household
/// and revealing a protected number are audited.
/// </summary>
public sealed class HouseholdQueries(
    IRegistryData data,
    ICurrentActor actor,
    IAuditTrail audit,
    IRegionLookup regions,
    IFieldProtector protector,
    TimeProvider clock)
{
    /// <summary>Roles that may read the registry.</summary>
    public static readonly string[] Readers =
    [
        Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.Auditor,
    ];

    /// <summary>Roles that may see a full identity or phone number, with a stated reason.</summary>
    public static readonly string[] Revealers =
    [
        Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover,
    ];

    private static readonly Error NotFound = Error.NotFound("registry.household_not_found", "未找到该户，或不在您的管辖范围内。");

    public bool CanRead => actor.Kind == ActorKind.System || Readers.Any(actor.IsInRole);

    public bool CanReveal => Revealers.Any(actor.IsInRole);

    public async Task<Result<Page<HouseholdRow>>> ListAsync(
        string? regionPrefix, string? search, AssistanceCategory? category, PageRequest page, CancellationToken ct = default)
    {
        if (!CanRead)
        {
            return Error.Forbidden("registry.forbidden", "您的角色不能查看家庭户信息。");
        }

        var query = data.Households.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(regionPrefix))
        {
            if (!RegionCode.TryParse(regionPrefix, out var code))
            {
                return Error.Validation("registry.bad_region", $"“{regionPrefix}”不是有效的区划代码。");
            }

            var prefix = code.Prefix;
            query = query.Where(h => h.RegionCode.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(h => h.HeadName.Contains(s) || h.Address.Contains(s));
        }

        if (category is { } c)
        {
            query = query.Where(h => h.Category == c);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(h => h.RegionCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id)
            .Skip(page.Skip).Take(page.SafeSize)
            .Select(h => new { h.Id, h.HeadName, h.Address, h.RegionCode, h.Category, h.MemberCount, h.Needs })
            .ToListAsync(ct);
        var names = await regions.NamesAsync(rows.Select(r => r.RegionCode), ct);
        var items = rows.Select(r => new HouseholdRow(
            r.Id, r.HeadName, r.Address, r.RegionCode, names.GetValueOrDefault(r.RegionCode), r.Category, r.MemberCount, r.Needs)).ToList();

        // Lists carry names and need flags (health and disability data), so reading them leaves a trace too.
        var filters = string.Join("，", new[]
        {
            string.IsNullOrWhiteSpace(regionPrefix) ? null : $"区划 {regionPrefix}",
            string.IsNullOrWhiteSpace(search) ? null : "按户主或地址检索",
            category is null ? null : $"类别 {category}",
        }.Where(f => f is not null));
        await audit.WriteNowAsync(
            new AuditEvent("household.list", "household", null, actor.Jurisdiction?.Value, AuditOutcome.Success,
                $"查看家庭户列表第 {page.SafePage} 页（{items.Count} 户，共 {total} 户）{(filters.Length > 0 ? "，条件：" + filters : string.Empty)}"),
            ct);
        return new Page<HouseholdRow>(items, total, page.SafePage, page.SafeSize);
    }

    public async Task<Result<HouseholdDetail>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!CanRead)
        {
            return Error.Forbidden("registry.forbidden", "您的角色不能查看家庭户信息。");
        }

        var household = await data.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            await AuditRefusalAsync(id, ct);
            return NotFound;
        }

        var year = ChinaTime.Today(clock).Year;
        var names = await regions.NamesAsync([household.RegionCode], ct);
        var members = household.Members.OrderBy(m => m.Relation).ThenBy(m => m.BirthYear)
            .Select(m => new MemberView(m.Id, m.Name, m.Sex, m.BirthYear, m.AgeIn(year), m.Relation, m.IdNumberMasked, m.PhoneMasked, m.Needs))
            .ToList();
        await audit.WriteNowAsync(
            new AuditEvent("household.view", "household", id.ToString(), household.RegionCode, AuditOutcome.Success, $"查看户 {household.HeadName} 的家庭信息（证件号已脱敏）"),
            ct);
        return new HouseholdDetail(
            household.Id, household.HeadName, household.Address, household.RegionCode, names.GetValueOrDefault(household.RegionCode),
            household.Category, household.Needs, household.Latitude, household.Longitude, household.CreatedAt, members);
    }

    /// <summary>Shows a full protected number to a permitted role that states why; the reason is audited.</summary>
    public async Task<Result<string>> RevealAsync(Guid personId, ProtectedField field, string? reason, CancellationToken ct = default)
    {
        if (!CanReveal)
        {
            await audit.WriteNowAsync(new AuditEvent(RevealAction(field), "person", personId.ToString(), null, AuditOutcome.Denied, "无权查看完整号码"), ct);
            return Error.Forbidden("registry.reveal_forbidden", "您的角色不能查看完整号码。");
        }

        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length < 4 || trimmed.Length > 200)
        {
            return Error.Validation("registry.reveal_reason_required", "查看完整号码须填写事由（4 至 200 字）。");
        }

        var person = await data.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            await audit.WriteNowAsync(new AuditEvent(RevealAction(field), "person", personId.ToString(), null, AuditOutcome.Denied, "人员不存在或不在管辖范围内"), ct);
            return Error.NotFound("registry.person_not_found", "未找到该人员，或不在您的管辖范围内。");
        }

        var cipher = field == ProtectedField.IdNumber ? person.IdNumberCipher : person.PhoneCipher;
        if (cipher is null)
        {
            return Error.NotFound("registry.field_empty", "该人员没有登记此号码。");
        }

        var what = field == ProtectedField.IdNumber ? "身份证号" : "手机号";
        await audit.WriteNowAsync(
            new AuditEvent(RevealAction(field), "person", person.Id.ToString(), person.RegionCode, AuditOutcome.Success, $"查看 {person.Name} 的完整{what}，事由：{trimmed}"),
            ct);
        return protector.Unprotect(cipher);
    }

    private static string RevealAction(ProtectedField field) => field == ProtectedField.IdNumber ? "person.reveal-id" : "person.reveal-phone";

    // A record outside the jurisdiction looks exactly like a missing one, but the attempt is traced.
    private async Task AuditRefusalAsync(Guid id, CancellationToken ct)
    {
        var elsewhere = await data.Households.IgnoreQueryFilters().AsNoTracking()
            .Where(h => h.Id == id).Select(h => h.RegionCode).FirstOrDefaultAsync(ct);
        if (elsewhere is not null)
        {
            await audit.WriteNowAsync(
                new AuditEvent("household.view", "household", id.ToString(), elsewhere, AuditOutcome.Denied, "越权访问：该户不在操作人的管辖范围内"),
                ct);
        }
    }
}
