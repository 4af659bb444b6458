using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Registry;

/// <summary>A person found by identity number, wherever they are registered; <see cref="InScope"/> says whether the actor may see them.</summary>
public sealed record PersonMatch(Guid PersonId, Guid HouseholdId, string RegionCode, bool InScope);

/// <summary>A new household with its head, as registered at intake.</summary>
public sealed record NewHousehold(string VillageCode, string Address, string HeadName, string HeadIdNumber, string? HeadPhone);

/// <summary>
/// One person, one record: finds people by identity number across every jurisdiction (through the blind index, so
/// nothing is decrypted) and registers new households, refusing a number that is already registered anywhere.
/// </summary>
public sealed class PersonRegistry(IRegistryData data, IFieldProtector protector, ICurrentActor actor, IAuditTrail audit, IRegionLookup regions, TimeProvider clock)
{
    /// <summary>Looks a normalised 18-character number up everywhere; the caller decides what an out-of-scope match may reveal.</summary>
    public async Task<PersonMatch?> FindByIdNumberAsync(string normalizedId, CancellationToken ct = default)
    {
        var index = protector.BlindIndex(normalizedId);
        // Uniqueness is platform-wide, so the lookup must see past the jurisdiction filter; only the scope flag leaves here.
        var match = await data.Persons.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.IdNumberIndex == index)
            .Select(p => new { p.Id, p.HouseholdId, p.RegionCode })
            .FirstOrDefaultAsync(ct);
        return match is null ? null : new PersonMatch(match.Id, match.HouseholdId, match.RegionCode, actor.Scope.Permits(match.RegionCode));
    }

    /// <summary>A person the actor may see, by id; null when missing or outside the jurisdiction.</summary>
    public async Task<PersonMatch?> FindInScopeAsync(Guid personId, CancellationToken ct = default)
    {
        var match = await data.Persons.AsNoTracking()
            .Where(p => p.Id == personId)
            .Select(p => new { p.Id, p.HouseholdId, p.RegionCode })
            .FirstOrDefaultAsync(ct);
        return match is null ? null : new PersonMatch(match.Id, match.HouseholdId, match.RegionCode, true);
    }

    /// <summary>Registers a household and its head inside the actor's jurisdiction; the change is saved by the caller's unit of work.</summary>
    public Task<Result<(Household Household, Person Head)>> RegisterHouseholdAsync(NewHousehold request, CancellationToken ct = default) =>
        RegisterAsync(request, online: false, ct);

    /// <summary>
    /// Registers the household of a resident who applies online for themselves (网上申请), in the village they name.
    /// Residents have no jurisdiction, so the staff rule (inside your own jurisdiction) cannot apply; everything else
    /// does: the village must exist and the identity number must not be registered anywhere.
    /// </summary>
    public Task<Result<(Household Household, Person Head)>> RegisterOnlineApplicantAsync(NewHousehold request, CancellationToken ct = default) =>
        actor.IsInRole(Roles.Resident)
            ? RegisterAsync(request, online: true, ct)
            : Task.FromResult<Result<(Household, Person)>>(Error.Forbidden("registry.online_residents_only", "只有居民本人可以通过网上申请登记家庭户。"));

    private async Task<Result<(Household Household, Person Head)>> RegisterAsync(NewHousehold request, bool online, CancellationToken ct)
    {
        if (!RegionCode.TryParse(request.VillageCode, out var village) || village.Level != RegionLevel.Village)
        {
            return Error.Validation("registry.village_required", "请选择户所在的村(社区)。");
        }

        if (!online && !actor.Scope.Permits(village))
        {
            return Error.Forbidden("registry.village_outside", "只能在您的管辖范围内登记家庭户。");
        }

        if (!await regions.ExistsAsync(village, ct))
        {
            return Error.Validation("registry.unknown_village", $"村(社区)代码 {village.Value} 不存在。");
        }

        if (string.IsNullOrWhiteSpace(request.HeadName) || request.HeadName.Trim().Length > 64)
        {
            return Error.Validation("registry.name_required", "请填写姓名（不超过 64 字）。");
        }

        if (string.IsNullOrWhiteSpace(request.Address) || request.Address.Trim().Length > 200)
        {
            return Error.Validation("registry.address_required", "请填写家庭住址（不超过 200 字）。");
        }

        var check = ResidentId.Check(request.HeadIdNumber);
        if (!check.Valid)
        {
            return check.Reason!;
        }

        var idNumber = check.Normalized!;

        if (request.HeadPhone is { Length: > 0 } phone && !IsMobile(phone))
        {
            return Error.Validation("registry.phone_invalid", "手机号应为 11 位数字，以 1 开头。");
        }

        if (await FindByIdNumberAsync(idNumber, ct) is not null)
        {
            return Error.Conflict("registry.person_exists", "该身份证号已登记，一人只能有一条记录。");
        }

        var household = new Household(village, request.Address.Trim(), null, clock.GetUtcNow());
        var head = new Person(household, request.HeadName.Trim(), idNumber, Relation.Head, NeedFlags.None, protector);
        if (request.HeadPhone is { Length: > 0 })
        {
            head.SetPhone(request.HeadPhone, protector);
        }

        household.AddMember(head);
        data.Households.Add(household);
        data.Persons.Add(head);
        audit.Record(new AuditEvent("household.register", "household", household.Id.ToString(), household.RegionCode, AuditOutcome.Success,
            $"登记家庭户{(online ? "（居民网上申请）" : string.Empty)}：户主 {head.Name}，证件号 {head.IdNumberMasked}"));
        return (household, head);
    }

    public static bool IsMobile(string phone) => MobileNumber.Normalize(phone) == phone;
}
