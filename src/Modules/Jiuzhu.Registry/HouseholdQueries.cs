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

/// <summary>A member as staff see them: identity and phone numbers masked; disability details only after an audited reveal.</summary>
public sealed record MemberView(
    Guid Id, string Name, Sex Sex, int BirthYear, int Age, Relation Relation, string IdNumberMasked, string? PhoneMasked, NeedFlags Needs,
    string? RegistrationRegion, bool HasDisabilityCertificate, Guid? GuardianId, string? GuardianName, string? GuardianRelation);

/// <summary>A period in an assistance category.</summary>
public sealed record CategoryPeriodView(AssistanceCategory Category, DateOnly Start, DateOnly? End);

/// <summary>A consent record as shown on the household page.</summary>
public sealed record ConsentView(Guid Id, Guid PersonId, string PersonName, IReadOnlyList<string> Purposes, IReadOnlyList<string> Departments,
    DateOnly GivenOn, string GivenBy, string? Evidence, string RecordedBy, DateTimeOffset? WithdrawnAt);

/// <summary>One household with its members, category history and consents.</summary>
public sealed record HouseholdDetail(
    Guid Id, string HeadName, string Address, string RegionCode, string? VillageName, AssistanceCategory? Category,
    NeedFlags Needs, double? Latitude, double? Longitude, DateTimeOffset CreatedAt, IReadOnlyList<MemberView> Members,
    IReadOnlyList<CategoryPeriodView> Categories, IReadOnlyList<ConsentView> Consents, Guid? MergedIntoId, Guid Version);

/// <summary>Which protected field to reveal.</summary>
public enum ProtectedField
{
    IdNumber,
    Phone,
    Disability,
}

/// <summary>Filters of a household search; all optional.</summary>
public sealed record HouseholdSearch(
    string? Query = null, string? Region = null, AssistanceCategory? Category = null, NeedFlags Needs = NeedFlags.None, bool IncludeMerged = false);

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

    /// <summary>
    /// Searches households. The query may be a full identity number (exact, through the blind index), a masked number
    /// such as 371121********123X or its last four characters, or the start of a member's name; plain text also matches
    /// the start of the address. Indexed lookups only, so it stays fast over millions of persons.
    /// </summary>
    public async Task<Result<Page<HouseholdRow>>> SearchAsync(HouseholdSearch search, PageRequest page, CancellationToken ct = default)
    {
        if (!CanRead)
        {
            return Error.Forbidden("registry.forbidden", "您的角色不能查看家庭户信息。");
        }

        var query = data.Households.AsNoTracking();
        if (!search.IncludeMerged)
        {
            query = query.Where(h => h.MergedIntoId == null);
        }

        if (!string.IsNullOrWhiteSpace(search.Region))
        {
            if (!RegionCode.TryParse(search.Region, out var code))
            {
                return Error.Validation("registry.bad_region", $"“{search.Region}”不是有效的区划代码。");
            }

            var prefix = code.Prefix;
            query = query.Where(h => h.RegionCode.StartsWith(prefix));
        }

        if (search.Category is { } c)
        {
            query = query.Where(h => h.Category == c);
        }

        if (search.Needs != NeedFlags.None)
        {
            var needs = (int)search.Needs;
            query = query.Where(h => ((int)h.Needs & needs) == needs);
        }

        if (!string.IsNullOrWhiteSpace(search.Query))
        {
            // The matching members are selected first and their households looked up by key (an uncorrelated IN), so
            // the engine starts from the index of the member column; a correlated EXISTS made it visit every household.
            var text = search.Query.Trim();
            var members = MatchingPersons(text);
            if (members is null)
            {
                var named = NamePrefix(text).Select(p => p.HouseholdId);
                query = query.Where(h => named.Contains(h.Id) || h.Address.StartsWith(text));
            }
            else
            {
                var matched = members.Select(p => p.HouseholdId);
                query = query.Where(h => matched.Contains(h.Id));
            }
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
            string.IsNullOrWhiteSpace(search.Region) ? null : $"区划 {search.Region}",
            string.IsNullOrWhiteSpace(search.Query) ? null : "按姓名、证件号或地址检索",
            search.Category is null ? null : $"类别 {search.Category}",
            search.Needs == NeedFlags.None ? null : $"需求 {search.Needs}",
        }.Where(f => f is not null));
        await audit.WriteNowAsync(
            new AuditEvent("household.list", "household", null, actor.Jurisdiction?.Value, AuditOutcome.Success,
                $"查看家庭户列表第 {page.SafePage} 页（{items.Count} 户，共 {total} 户）{(filters.Length > 0 ? "，条件：" + filters : string.Empty)}"),
            ct);
        return new Page<HouseholdRow>(items, total, page.SafePage, page.SafeSize);
    }

    /// <summary>Households matching a plain text filter, kept for callers of the earlier list API.</summary>
    public Task<Result<Page<HouseholdRow>>> ListAsync(string? regionPrefix, string? search, AssistanceCategory? category, PageRequest page, CancellationToken ct = default) =>
        SearchAsync(new HouseholdSearch(search, regionPrefix, category), page, ct);

    // Persons matched by an identity-number form of the query; null when the query is not such a form.
    private IQueryable<Person>? MatchingPersons(string text)
    {
        var check = ResidentId.Check(text);
        if (check.Valid)
        {
            var index = protector.BlindIndex(check.Normalized!);
            return data.Persons.Where(p => p.IdNumberIndex == index);
        }

        var upper = text.ToUpperInvariant();
        if (upper.Length == 18 && upper[6..14] == "********")
        {
            return data.Persons.Where(p => p.IdNumberMasked == upper);
        }

        if (upper.Length == 4 && upper[..3].All(char.IsAsciiDigit) && (char.IsAsciiDigit(upper[3]) || upper[3] == 'X'))
        {
            return data.Persons.Where(p => p.IdNumberLast4 == upper);
        }

        return null;
    }

    // Members whose name starts with the text. SQLite's LIKE ignores case and so cannot use the name index; GLOB is
    // case-sensitive and can (Chinese names have no case), with its wildcards in the text taken literally.
    private IQueryable<Person> NamePrefix(string text)
    {
        if (!data.Database.IsSqlite())
        {
            return data.Persons.Where(p => p.Name.StartsWith(text));
        }

        var pattern = string.Concat(text.Select(c => c is '*' or '?' or '[' ? $"[{c}]" : c.ToString())) + "*";
        return data.Persons.Where(p => EF.Functions.Glob(p.Name, pattern));
    }

    public async Task<Result<HouseholdDetail>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!CanRead)
        {
            return Error.Forbidden("registry.forbidden", "您的角色不能查看家庭户信息。");
        }

        var household = await data.Households.AsNoTracking().Include(h => h.Members).Include(h => h.Categories).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            await AuditRefusalAsync(id, ct);
            return NotFound;
        }

        var year = ChinaTime.Today(clock).Year;
        var names = await regions.NamesAsync([household.RegionCode], ct);
        var guardianIds = household.Members.Where(m => m.GuardianId is not null).Select(m => m.GuardianId!.Value).Distinct().ToList();
        var guardians = await data.Persons.AsNoTracking().Where(p => guardianIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var members = household.Members.OrderBy(m => m.Relation).ThenBy(m => m.BirthYear)
            .Select(m => new MemberView(m.Id, m.Name, m.Sex, m.BirthYear, m.AgeIn(year), m.Relation, m.IdNumberMasked, m.PhoneMasked, m.Needs,
                m.RegistrationRegion, m.DisabilityCipher is not null, m.GuardianId,
                m.GuardianId is { } g ? guardians.GetValueOrDefault(g) : null, m.GuardianRelation))
            .ToList();
        var memberNames = household.Members.ToDictionary(m => m.Id, m => m.Name);
        var consents = (await data.Consents.AsNoTracking().Where(c => c.HouseholdId == id).OrderByDescending(c => c.RecordedAt).ToListAsync(ct))
            .Select(c => new ConsentView(c.Id, c.PersonId, memberNames.GetValueOrDefault(c.PersonId, string.Empty), c.PurposeList, c.DepartmentList,
                c.GivenOn, c.GivenBy, c.Evidence, c.RecordedBy, c.WithdrawnAt))
            .ToList();
        var categories = household.Categories.OrderByDescending(c => c.Start).Select(c => new CategoryPeriodView(c.Category, c.Start, c.End)).ToList();
        await audit.WriteNowAsync(
            new AuditEvent("household.view", "household", id.ToString(), household.RegionCode, AuditOutcome.Success, $"查看户 {household.HeadName} 的家庭信息（证件号已脱敏）"),
            ct);
        return new HouseholdDetail(
            household.Id, household.HeadName, household.Address, household.RegionCode, names.GetValueOrDefault(household.RegionCode),
            household.Category, household.Needs, household.Latitude, household.Longitude, household.CreatedAt, members,
            categories, consents, household.MergedIntoId, household.ConcurrencyStamp);
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

        var cipher = field switch
        {
            ProtectedField.IdNumber => person.IdNumberCipher,
            ProtectedField.Phone => person.PhoneCipher,
            _ => person.DisabilityCipher,
        };
        if (cipher is null)
        {
            return Error.NotFound("registry.field_empty", "该人员没有登记此信息。");
        }

        var what = field switch
        {
            ProtectedField.IdNumber => "身份证号",
            ProtectedField.Phone => "手机号",
            _ => "残疾证信息",
        };
        await audit.WriteNowAsync(
            new AuditEvent(RevealAction(field), "person", person.Id.ToString(), person.RegionCode, AuditOutcome.Success, $"查看 {person.Name} 的完整{what}，事由：{trimmed}"),
            ct);
        var plain = protector.Unprotect(cipher);
        return field == ProtectedField.Disability ? DescribeDisability(DisabilityCertificate.Deserialize(plain)) : plain;
    }

    public static string DescribeDisability(DisabilityCertificate c) =>
        $"{DisabilityCategoryName(c.Category)}{c.Level switch { 1 => "一", 2 => "二", 3 => "三", _ => "四" }}级" + (c.Number is { Length: > 0 } n ? $"，证号 {n}" : string.Empty);

    public static string DisabilityCategoryName(DisabilityCategory category) => category switch
    {
        DisabilityCategory.Visual => "视力残疾",
        DisabilityCategory.Hearing => "听力残疾",
        DisabilityCategory.Speech => "言语残疾",
        DisabilityCategory.Physical => "肢体残疾",
        DisabilityCategory.Intellectual => "智力残疾",
        DisabilityCategory.Mental => "精神残疾",
        _ => "多重残疾",
    };

    private static string RevealAction(ProtectedField field) => field switch
    {
        ProtectedField.IdNumber => "person.reveal-id",
        ProtectedField.Phone => "person.reveal-phone",
        _ => "person.reveal-disability",
    };

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
