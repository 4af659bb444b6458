using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Registry;

/// <summary>A new member of an existing household.</summary>
public sealed record NewMember(string Name, string IdNumber, Relation Relation, string? Phone, NeedFlags Needs, string? RegistrationRegion,
    string? ExpectedSex = null, DateOnly? ExpectedBirthDate = null);

/// <summary>A consent as recorded at the window.</summary>
public sealed record NewConsent(IReadOnlyList<string> Purposes, IReadOnlyList<string> Departments, DateOnly GivenOn, string? GivenBy, string? Evidence);

/// <summary>Others that keep records of a household (cases, plans…) and must follow it when it is merged into another.</summary>
public interface IHouseholdMergeParticipant
{
    Task MoveAsync(Guid fromHouseholdId, Guid intoHouseholdId, string intoRegionCode, CancellationToken ct);
}

/// <summary>
/// Changing the registry: addresses, members, categories with their periods, disability certificates, guardianship,
/// consent, and merging two households after a correction. Every change is checked, versioned and audited.
/// </summary>
public sealed class HouseholdAdministration(
    IRegistryData data,
    PersonRegistry persons,
    IFieldProtector protector,
    ICurrentActor actor,
    IAuditTrail audit,
    IRegionLookup regions,
    IEnumerable<IHouseholdMergeParticipant> mergeParticipants,
    TimeProvider clock)
{
    /// <summary>Roles that may change the registry.</summary>
    public static readonly string[] Editors = [Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer];

    /// <summary>Roles that may merge households (a correction checked above the village).</summary>
    public static readonly string[] Mergers = [Roles.TownshipSocialWorker, Roles.CountyOfficer];

    private static readonly Error Forbidden = Error.Forbidden("registry.edit_forbidden", "您的角色不能修改家庭户信息。");
    private static readonly Error NotFound = Error.NotFound("registry.household_not_found", "未找到该户，或不在您的管辖范围内。");
    private static readonly Error Stale = Error.Conflict("registry.stale", "该户信息已被他人修改，请刷新后再保存。");

    public bool CanEdit => Editors.Any(actor.IsInRole);

    public async Task<Result<Guid>> RegisterAsync(NewHousehold request, CancellationToken ct = default)
    {
        if (!CanEdit)
        {
            return Forbidden;
        }

        var registered = await persons.RegisterHouseholdAsync(request, ct);
        if (!registered.IsSuccess)
        {
            return registered.Error!;
        }

        return await SaveAsync(registered.Value.Household.Id, ct);
    }

    public async Task<Result<Guid>> UpdateAsync(Guid householdId, string address, Guid version, CancellationToken ct = default)
    {
        if (!CanEdit)
        {
            return Forbidden;
        }

        var household = await data.Households.FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return NotFound;
        }

        if (household.ConcurrencyStamp != version)
        {
            return Stale;
        }

        var trimmed = address?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > 200)
        {
            return Error.Validation("registry.address_required", "请填写家庭住址（不超过 200 字）。");
        }

        var before = household.Address;
        household.Relocate(trimmed, clock.GetUtcNow());
        audit.Record(Event("household.update", household, $"修改地址：{before} → {trimmed}"));
        return await SaveAsync(household.Id, ct);
    }

    public async Task<Result<Guid>> AddMemberAsync(Guid householdId, NewMember member, CancellationToken ct = default)
    {
        if (!CanEdit)
        {
            return Forbidden;
        }

        var household = await data.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return NotFound;
        }

        var check = ResidentId.Check(member.IdNumber);
        if (!check.Valid)
        {
            return check.Reason!;
        }

        // Sex and birth date come from the number; when the form states them too, they must agree.
        if (member.ExpectedSex is { } sex && !string.Equals(sex, check.Sex == Sex.Male ? "male" : "female", StringComparison.OrdinalIgnoreCase))
        {
            return Error.Validation("registry.sex_mismatch", "填写的性别与身份证号不一致。");
        }

        if (member.ExpectedBirthDate is { } birth && birth != check.BirthDate)
        {
            return Error.Validation("registry.birth_mismatch", "填写的出生日期与身份证号不一致。");
        }

        if (string.IsNullOrWhiteSpace(member.Name) || member.Name.Trim().Length > 64)
        {
            return Error.Validation("registry.name_required", "请填写姓名（不超过 64 字）。");
        }

        if (member.Relation == Relation.Head)
        {
            return Error.Validation("registry.second_head", "一户只能有一位户主。");
        }

        if (member.Phone is { Length: > 0 } phone && !PersonRegistry.IsMobile(phone))
        {
            return Error.Validation("registry.phone_invalid", "手机号应为 11 位数字，以 1 开头。");
        }

        if (await CheckRegionAsync(member.RegistrationRegion, ct) is { } regionError)
        {
            return regionError;
        }

        if (await persons.FindByIdNumberAsync(check.Normalized!, ct) is not null)
        {
            return Error.Conflict("registry.person_exists", "该身份证号已登记，一人只能有一条记录。如需调整，请先合并或更正原记录。");
        }

        var person = new Person(household, member.Name.Trim(), check.Normalized!, member.Relation, member.Needs, protector);
        person.SetRegistrationRegion(member.RegistrationRegion);
        if (member.Phone is { Length: > 0 })
        {
            person.SetPhone(member.Phone, protector);
        }

        household.AddMember(person);
        data.Persons.Add(person);
        audit.Record(Event("household.add-member", household, $"新增成员 {person.Name}（{person.IdNumberMasked}），与户主关系：{member.Relation}"));
        return await SaveAsync(household.Id, ct);
    }

    public async Task<Result<Guid>> SetCategoryAsync(Guid householdId, AssistanceCategory? category, DateOnly date, Guid version, CancellationToken ct = default)
    {
        if (!actor.IsInRole(Roles.CountyOfficer) && !actor.IsInRole(Roles.CountyApprover))
        {
            return Error.Forbidden("registry.category_forbidden", "救助类别由县民政部门认定。");
        }

        var household = await data.Households.Include(h => h.Categories).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return NotFound;
        }

        if (household.ConcurrencyStamp != version)
        {
            return Stale;
        }

        if (household.Categories.Where(p => p.End is null).Select(p => p.Start).DefaultIfEmpty(DateOnly.MinValue).Max() > date)
        {
            return Error.Validation("registry.category_date", "日期不能早于当前救助类别的起始日期。");
        }

        var now = clock.GetUtcNow();
        if (category is { } c)
        {
            var period = household.Enroll(c, date, now);
            if (data.CategoryPeriods.Entry(period).State == EntityState.Detached)
            {
                data.CategoryPeriods.Add(period);
            }

            audit.Record(Event("household.category", household, $"救助类别：{c}，自 {date:yyyy-MM-dd} 起"));
        }
        else
        {
            household.EndCategory(date, now);
            audit.Record(Event("household.category", household, $"救助类别终止于 {date:yyyy-MM-dd}"));
        }

        return await SaveAsync(household.Id, ct);
    }

    public async Task<Result<Guid>> SetDisabilityAsync(Guid personId, DisabilityCertificate? certificate, CancellationToken ct = default)
    {
        if (!CanEdit)
        {
            return Forbidden;
        }

        if (certificate is not null && DisabilityCertificate.Check(certificate.Category, certificate.Level, certificate.Number) is { } error)
        {
            return error;
        }

        var person = await data.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return Error.NotFound("registry.person_not_found", "未找到该人员，或不在您的管辖范围内。");
        }

        person.SetDisability(certificate, protector);
        audit.Record(new AuditEvent("person.disability", "person", person.Id.ToString(), person.RegionCode, AuditOutcome.Success,
            certificate is null ? $"删除 {person.Name} 的残疾证信息" : $"登记 {person.Name} 的残疾证信息（内容已加密）"));
        await data.SaveChangesAsync(ct);
        return person.HouseholdId;
    }

    public async Task<Result<Guid>> SetGuardianAsync(Guid childId, Guid? guardianId, string? relation, CancellationToken ct = default)
    {
        if (!CanEdit)
        {
            return Forbidden;
        }

        var child = await data.Persons.FirstOrDefaultAsync(p => p.Id == childId, ct);
        if (child is null)
        {
            return Error.NotFound("registry.person_not_found", "未找到该人员，或不在您的管辖范围内。");
        }

        if (!child.IsMinorIn(ChinaTime.Today(clock).Year))
        {
            return Error.Validation("registry.not_minor", "只有未成年人需要登记监护人。");
        }

        if (guardianId is { } g && (g == childId || !await data.Persons.AnyAsync(p => p.Id == g, ct)))
        {
            return Error.Validation("registry.guardian_invalid", "监护人须是管辖范围内已登记的其他人员。");
        }

        if (relation is { Length: > 32 })
        {
            return Error.Validation("registry.guardian_relation", "监护关系不超过 32 字。");
        }

        child.SetGuardian(guardianId, relation?.Trim());
        audit.Record(new AuditEvent("person.guardian", "person", child.Id.ToString(), child.RegionCode, AuditOutcome.Success,
            guardianId is null ? $"解除 {child.Name} 的监护人登记" : $"登记 {child.Name} 的监护人（{relation}）"));
        await data.SaveChangesAsync(ct);
        return child.HouseholdId;
    }

    public async Task<Result<Guid>> RecordConsentAsync(Guid personId, NewConsent request, CancellationToken ct = default)
    {
        if (!CanEdit)
        {
            return Forbidden;
        }

        var person = await data.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return Error.NotFound("registry.person_not_found", "未找到该人员，或不在您的管辖范围内。");
        }

        var consent = Consent.Record(person, request.Purposes, request.Departments, request.GivenOn, request.GivenBy, request.Evidence, actor.Name, clock.GetUtcNow());
        if (!consent.IsSuccess)
        {
            return consent.Error!;
        }

        data.Consents.Add(consent.Value);
        audit.Record(new AuditEvent("consent.record", "person", person.Id.ToString(), person.RegionCode, AuditOutcome.Success,
            $"{person.Name} 授权：{string.Join("、", consent.Value.PurposeList.Select(ConsentPurposes.ChineseName))}；部门：{string.Join("、", consent.Value.DepartmentList.Select(Kernel.Departments.Name))}；授权人 {consent.Value.GivenBy}"));
        await data.SaveChangesAsync(ct);
        return consent.Value.Id;
    }

    public async Task<Result<Guid>> WithdrawConsentAsync(Guid consentId, CancellationToken ct = default)
    {
        if (!CanEdit)
        {
            return Forbidden;
        }

        var consent = await data.Consents.FirstOrDefaultAsync(c => c.Id == consentId, ct);
        if (consent is null)
        {
            return Error.NotFound("consent.not_found", "未找到该授权记录，或不在您的管辖范围内。");
        }

        consent.Withdraw(actor.Name, clock.GetUtcNow());
        audit.Record(new AuditEvent("consent.withdraw", "person", consent.PersonId.ToString(), consent.RegionCode, AuditOutcome.Success, "撤回授权"));
        await data.SaveChangesAsync(ct);
        return consent.Id;
    }

    /// <summary>Merges <paramref name="fromId"/> into <paramref name="intoId"/>: members, categories' history, consents and the records of others follow.</summary>
    public async Task<Result<Guid>> MergeAsync(Guid fromId, Guid intoId, string reason, CancellationToken ct = default)
    {
        if (!Mergers.Any(actor.IsInRole))
        {
            return Error.Forbidden("registry.merge_forbidden", "合并家庭户须由乡镇社工或县民政业务员办理。");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Error.Validation("registry.merge_reason", "请写明合并原因（不超过 500 字）。");
        }

        if (fromId == intoId)
        {
            return Error.Validation("registry.merge_same", "不能把一户合并到它自己。");
        }

        var from = await data.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == fromId, ct);
        var into = await data.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == intoId, ct);
        if (from is null || into is null)
        {
            return NotFound;
        }

        if (from.MergedIntoId is not null || into.MergedIntoId is not null)
        {
            return Error.Conflict("registry.already_merged", "其中一户已被合并，不能再次合并。");
        }

        await using var tx = await data.Database.BeginTransactionAsync(ct);
        var moved = from.Members.Select(m => $"{m.Name}（{m.IdNumberMasked}）").ToList();
        into.Absorb(from, clock.GetUtcNow());
        foreach (var consent in await data.Consents.Where(c => c.HouseholdId == fromId).ToListAsync(ct))
        {
            consent.MoveTo(into);
        }

        foreach (var participant in mergeParticipants)
        {
            await participant.MoveAsync(fromId, intoId, into.RegionCode, ct);
        }

        audit.Record(Event("household.merge", into, $"并入户 {from.Id}：成员 {string.Join("、", moved)}；原因：{reason.Trim()}"));
        audit.Record(Event("household.merged", from, $"已并入户 {into.Id}（户主 {into.HeadName}）；原因：{reason.Trim()}"));
        await data.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return into.Id;
    }

    private async Task<Error?> CheckRegionAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        return RegionCode.TryParse(code, out var region) && region.Level == RegionLevel.Village && await regions.ExistsAsync(region, ct)
            ? null
            : Error.Validation("registry.registration_region", "户籍地应为有效的村(社区)区划代码。");
    }

    private AuditEvent Event(string action, Household household, string summary) =>
        new(action, "household", household.Id.ToString(), household.RegionCode, AuditOutcome.Success, summary);

    private async Task<Result<Guid>> SaveAsync(Guid householdId, CancellationToken ct)
    {
        try
        {
            await data.SaveChangesAsync(ct);
            return householdId;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale;
        }
    }
}
