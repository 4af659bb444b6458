using Jiuzhu.Catalog;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Identity.Data;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Providers.Data;
using Jiuzhu.Providers.Domain;
using Jiuzhu.Registry.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Providers;

/// <summary>
/// The provider registry: queries within the actor's view (<see cref="ProviderAccess"/>), and every change checked,
/// audited and saved with its audit entry, or refused with a stable code and nothing changed.
/// </summary>
public sealed class ProviderService(
    IProvidersData data, IIdentityData identity, UserManager<JiuzhuUser> users, CatalogService catalog, IRegionLookup regions,
    IFieldProtector protector, ICurrentActor actor, IAuditTrail audit, TimeProvider clock) : IProviderSupply
{
    private static readonly Error NotFound = Error.NotFound("provider.not_found", "未找到该服务机构，或不在您的管辖范围内。");
    private static readonly Error Stale = Error.Conflict("provider.stale", "该机构的信息已被他人修改，请刷新后再保存。");

    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>True when the actor may register providers (somewhere in its jurisdiction).</summary>
    public bool CanCreate => actor.Scope.AllowsAll || (ProviderAccess.Editors.Any(actor.IsInRole) && !ProviderAccess.IsOwnOrganizationOnly(actor));

    /// <summary>The providers the current actor may see (one query rule for the pages, the API and the supply query).</summary>
    internal IQueryable<Provider> Visible()
    {
        var all = data.Providers.AsQueryable();
        if (actor.Scope.AllowsAll)
        {
            return all;
        }

        if (ProviderAccess.IsOwnOrganizationOnly(actor))
        {
            var own = actor.Organization;
            return own is null ? all.Where(p => false) : all.Where(p => p.Id == own);
        }

        if (actor.Jurisdiction is not { } j || actor.IsInRole(Roles.Resident))
        {
            return all.Where(p => false);
        }

        var prefix = j.Prefix;
        var enclosing = ProviderAccess.SelfAndAncestors(j);
        return all.Where(p => p.RegionCode.StartsWith(prefix)
            || p.Regions.Any(r => r.RegionCode.StartsWith(prefix) || enclosing.Contains(r.RegionCode)));
    }

    public async Task<Result<IReadOnlyList<ProviderRow>>> ListAsync(ProviderFilter filter, CancellationToken ct = default)
    {
        var query = Visible();
        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            if (!RegionCode.TryParse(filter.Region, out var region))
            {
                return BadRegion(filter.Region);
            }

            // Providers serving the region, a region inside it or one enclosing it, and those at home there.
            var prefix = region.Prefix;
            var enclosing = ProviderAccess.SelfAndAncestors(region);
            query = query.Where(p => p.RegionCode.StartsWith(prefix)
                || p.Regions.Any(r => r.RegionCode.StartsWith(prefix) || enclosing.Contains(r.RegionCode)));
        }

        if (!string.IsNullOrWhiteSpace(filter.Item))
        {
            var item = filter.Item.Trim();
            query = query.Where(p => p.Items.Any(i => i.ItemCode == item));
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(p => p.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            var upper = text.ToUpperInvariant();
            query = query.Where(p => p.Name.Contains(text) || p.CreditCode.Contains(upper) || p.Address.Contains(text));
        }

        var providers = await query.AsNoTracking().Include(p => p.Qualifications).Include(p => p.Items).Include(p => p.Regions).Include(p => p.Points)
            .AsSplitQuery().OrderBy(p => p.Name).Take(500).ToListAsync(ct);
        var today = Today;
        if (filter.ValidOn is { } on)
        {
            providers = [.. providers.Where(p => Provider.QualifiedOn(p.Qualifications, on))];
        }

        return Result<IReadOnlyList<ProviderRow>>.Ok([.. providers.Select(p => new ProviderRow(
            p.Id, p.Name, p.Kind, p.CreditCode, p.RegionCode, p.StatusOn(filter.ValidOn ?? today),
            p.Qualifications.Where(q => q.ValidTo is { } to && to >= today).Select(q => q.ValidTo).Min(),
            [.. p.Items.Select(i => i.ItemCode).Order(StringComparer.Ordinal)], [.. p.Regions.Select(r => r.RegionCode).Order(StringComparer.Ordinal)],
            p.Points.Count, ProviderAccess.CanAdminister(actor, p.RegionCode)))]);
    }

    public async Task<Result<ProviderDetail>> GetAsync(Guid id, CancellationToken ct = default)
    {
        var provider = await LoadAsync(id, tracking: false, ct);
        if (provider is null)
        {
            await AuditRefusalAsync(id, "provider.view", ct);
            return NotFound;
        }

        return await DetailAsync(provider, ct);
    }

    public async Task<Result<ProviderDetail>> CreateAsync(ProviderRequest request, CancellationToken ct = default)
    {
        if (!CanCreate)
        {
            return Error.Forbidden("provider.edit_forbidden", "只有县民政业务员、审批人或市/省管理员可以登记服务机构。");
        }

        var checkedBasics = await CheckBasicsAsync(request, null, ct);
        if (!checkedBasics.IsSuccess)
        {
            return checkedBasics.Error!;
        }

        var (name, code, home) = checkedBasics.Value;
        var provider = new Provider(name, request.Kind, code, home, Text(request.Address), Text(request.Contact), actor.Name, clock.GetUtcNow());
        data.Providers.Add(provider);
        Record("provider.create", provider, $"登记服务机构 {name}（{ProviderTerms.KindName(request.Kind)}，统一社会信用代码 {code}，登记地 {home.Prefix}）");
        return await SaveAsync(provider, ct);
    }

    public Task<Result<ProviderDetail>> UpdateAsync(Guid id, ProviderRequest request, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, async p =>
        {
            if (request.Version != p.Stamp)
            {
                return Stale;
            }

            var checkedBasics = await CheckBasicsAsync(request, p, ct);
            if (!checkedBasics.IsSuccess)
            {
                return checkedBasics.Error!;
            }

            var (name, code, home) = checkedBasics.Value;
            if (home.Value != p.RegionCode)
            {
                return Error.Validation("provider.home_region_fixed", "登记地不能修改：机构迁移登记地请在新登记地重新登记。");
            }

            var changes = new List<string>();
            if (name != p.Name)
            {
                changes.Add($"名称 {p.Name} → {name}");
            }

            if (request.Kind != p.Kind)
            {
                changes.Add($"类型 {ProviderTerms.KindName(p.Kind)} → {ProviderTerms.KindName(request.Kind)}");
            }

            if (code != p.CreditCode)
            {
                changes.Add($"统一社会信用代码 {p.CreditCode} → {code}");
            }

            if (Text(request.Address) != p.Address || Text(request.Contact) != p.Contact)
            {
                changes.Add("地址或联系方式");
            }

            p.Update(name, request.Kind, code, Text(request.Address), Text(request.Contact));

            return ("provider.update", $"修改服务机构 {name}：{(changes.Count == 0 ? "无变化" : string.Join("，", changes))}");
        }, ct);

    public Task<Result<ProviderDetail>> AddQualificationAsync(Guid id, QualificationRequest request, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, p =>
        {
            var type = Text(request.Type);
            var number = Text(request.Number);
            var issuer = Text(request.Issuer);
            if (type.Length is 0 or > 50 || number.Length is 0 or > 64 || issuer.Length is 0 or > 100)
            {
                return Done(Error.Validation("provider.bad_qualification", "资质须填写类型（50 字以内）、证书编号（64 字以内）和发证机关（100 字以内）。"));
            }

            if (request.ValidTo is { } to && to < request.ValidFrom)
            {
                return Done(Error.Validation("provider.bad_qualification_dates", "资质的有效期止不能早于有效期起。"));
            }

            if (p.Qualifications.Any(q => q.Type == type && q.Number == number))
            {
                return Done(Error.Conflict("provider.duplicate_qualification", $"该机构已登记 {type} {number}。"));
            }

            var q = new Qualification(p.Id, type, number, issuer, request.ValidFrom, request.ValidTo);
            p.Qualifications.Add(q);
            data.ProviderQualifications.Add(q);
            return Done(("provider.qualification.add",
                $"{p.Name} 新增资质 {type}（{number}，{issuer}，{request.ValidFrom:yyyy-MM-dd} 至 {(request.ValidTo is { } end ? end.ToString("yyyy-MM-dd") : "长期")}）"));
        }, ct);

    public Task<Result<ProviderDetail>> RemoveQualificationAsync(Guid id, Guid qualificationId, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, p =>
        {
            var q = p.Qualifications.FirstOrDefault(x => x.Id == qualificationId);
            if (q is null)
            {
                return Done(Error.NotFound("provider.qualification_not_found", "该机构没有这项资质。"));
            }

            p.Qualifications.Remove(q);
            data.ProviderQualifications.Remove(q);
            return Done(("provider.qualification.remove", $"{p.Name} 删除资质 {q.Type}（{q.Number}）"));
        }, ct);

    public Task<Result<ProviderDetail>> AddItemAsync(Guid id, string? itemCode, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, async p =>
        {
            var code = Text(itemCode);
            var known = await CatalogItemsAsync(p.RegionCode, ct);
            if (!known.TryGetValue(code, out var name))
            {
                return Error.Validation("provider.unknown_item", $"“{code}”不在机构登记地的现行服务目录中（或已在本地停用）。");
            }

            if (p.Items.Any(i => i.ItemCode == code))
            {
                return Error.Conflict("provider.item_exists", $"该机构已登记提供 {code} {name}。");
            }

            p.Items.Add(new ProviderItem(p.Id, code));
            return ("provider.item.add", $"{p.Name} 新增服务项目 {code} {name}");
        }, ct);

    public Task<Result<ProviderDetail>> RemoveItemAsync(Guid id, string itemCode, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, p =>
        {
            var item = p.Items.FirstOrDefault(i => i.ItemCode == itemCode);
            if (item is null)
            {
                return Done(Error.NotFound("provider.item_not_found", $"该机构没有登记提供 {itemCode}。"));
            }

            // The capacities of an item go with it: a capacity for an item nobody offers would mislead the matcher.
            var capacities = p.Capacities.Where(c => c.ItemCode == itemCode).ToList();
            foreach (var c in capacities)
            {
                p.Capacities.Remove(c);
            }

            p.Items.Remove(item);
            return Done(("provider.item.remove", $"{p.Name} 不再提供 {itemCode}{(capacities.Count > 0 ? $"，同时删除其 {capacities.Count} 项产能" : string.Empty)}"));
        }, ct);

    public Task<Result<ProviderDetail>> AddRegionAsync(Guid id, string? regionCode, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, async p =>
        {
            if (await CheckRegionAsync(regionCode, ct) is { IsSuccess: false } bad)
            {
                return bad.Error!;
            }

            var region = RegionCode.Parse(regionCode!);
            if (p.Regions.Any(r => r.RegionCode == region.Value))
            {
                return Error.Conflict("provider.region_exists", $"该机构已登记服务 {region.Prefix}。");
            }

            p.Regions.Add(new ServedRegion(p.Id, region));
            return ("provider.region.add", $"{p.Name} 新增服务区域 {region.Prefix}");
        }, ct);

    public Task<Result<ProviderDetail>> RemoveRegionAsync(Guid id, string regionCode, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, p =>
        {
            var served = RegionCode.TryParse(regionCode, out var code) ? p.Regions.FirstOrDefault(r => r.RegionCode == code.Value) : null;
            if (served is null)
            {
                return Done(Error.NotFound("provider.region_not_found", $"该机构没有登记服务 {regionCode}。"));
            }

            p.Regions.Remove(served);
            return Done(("provider.region.remove", $"{p.Name} 不再服务 {code.Prefix}"));
        }, ct);

    public Task<Result<ProviderDetail>> AddPointAsync(Guid id, PointRequest request, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Operate, async p =>
        {
            var checkedPoint = await CheckPointAsync(request, ct);
            if (!checkedPoint.IsSuccess)
            {
                return checkedPoint.Error!;
            }

            var (name, region, hours) = checkedPoint.Value;
            var point = new ServicePoint(p.Id, request.Kind, name, region, Text(request.Address), request.Latitude, request.Longitude, hours);
            p.Points.Add(point);
            data.ServicePoints.Add(point);
            return ("provider.point.add", $"{p.Name} 新增服务网点 {name}（{ProviderTerms.PointKindName(request.Kind)}，{region.Prefix}，营业时间 {hours.Describe()}）");
        }, ct);

    public Task<Result<ProviderDetail>> UpdatePointAsync(Guid id, Guid pointId, PointRequest request, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Operate, async p =>
        {
            var point = p.Points.FirstOrDefault(x => x.Id == pointId);
            if (point is null)
            {
                return Error.NotFound("provider.point_not_found", "该机构没有这个服务网点。");
            }

            var checkedPoint = await CheckPointAsync(request, ct);
            if (!checkedPoint.IsSuccess)
            {
                return checkedPoint.Error!;
            }

            var (name, region, hours) = checkedPoint.Value;
            point.Set(request.Kind, name, region, Text(request.Address), request.Latitude, request.Longitude, hours);
            return ("provider.point.update", $"{p.Name} 修改服务网点 {name}（{ProviderTerms.PointKindName(request.Kind)}，{region.Prefix}，营业时间 {hours.Describe()}）");
        }, ct);

    public Task<Result<ProviderDetail>> RemovePointAsync(Guid id, Guid pointId, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Operate, p =>
        {
            var point = p.Points.FirstOrDefault(x => x.Id == pointId);
            if (point is null)
            {
                return Done(Error.NotFound("provider.point_not_found", "该机构没有这个服务网点。"));
            }

            p.Points.Remove(point);
            data.ServicePoints.Remove(point);
            return Done(("provider.point.remove", $"{p.Name} 撤销服务网点 {point.Name}"));
        }, ct);

    public Task<Result<ProviderDetail>> AddStaffAsync(Guid id, StaffRequest request, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Operate, async p =>
        {
            var staff = new StaffMember(p.Id, string.Empty, request.Role, null);
            var applied = await ApplyStaffAsync(p, staff, request, ct);
            if (!applied.IsSuccess)
            {
                return applied.Error!;
            }

            p.Staff.Add(staff);
            data.ProviderStaff.Add(staff);
            return ("provider.staff.add", $"{p.Name} 新增人员 {staff.Name}（{ProviderTerms.StaffRoleName(staff.Role)}）{applied.Value}");
        }, ct);

    public Task<Result<ProviderDetail>> UpdateStaffAsync(Guid id, Guid staffId, StaffRequest request, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Operate, async p =>
        {
            var staff = p.Staff.FirstOrDefault(s => s.Id == staffId);
            if (staff is null)
            {
                return Error.NotFound("provider.staff_not_found", "该机构没有这名人员。");
            }

            var applied = await ApplyStaffAsync(p, staff, request, ct);
            return applied.IsSuccess
                ? ("provider.staff.update", $"{p.Name} 修改人员 {staff.Name}（{ProviderTerms.StaffRoleName(staff.Role)}）{applied.Value}")
                : applied.Error!;
        }, ct);

    public Task<Result<ProviderDetail>> RemoveStaffAsync(Guid id, Guid staffId, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Operate, async p =>
        {
            var staff = p.Staff.FirstOrDefault(s => s.Id == staffId);
            if (staff is null)
            {
                return Error.NotFound("provider.staff_not_found", "该机构没有这名人员。");
            }

            if (staff.UserId is not null && !ProviderAccess.CanAdminister(actor, p.RegionCode))
            {
                return Error.Forbidden("provider.account_link_forbidden", "已关联平台账号的人员只能由县民政业务员、审批人或市/省管理员移除。");
            }

            await UnlinkAsync(staff, ct);
            p.Staff.Remove(staff);
            data.ProviderStaff.Remove(staff);
            return ("provider.staff.remove", $"{p.Name} 移除人员 {staff.Name}");
        }, ct);

    /// <summary>Shows a staff member's full phone to the provider's administrators and its own staff, for a stated reason (audited).</summary>
    public async Task<Result<RevealedPhone>> RevealPhoneAsync(Guid id, Guid staffId, string? reason, CancellationToken ct = default)
    {
        var provider = await LoadAsync(id, tracking: false, ct);
        var staff = provider?.Staff.FirstOrDefault(s => s.Id == staffId);
        if (provider is null || staff is null)
        {
            await AuditRefusalAsync(id, "provider.staff.reveal-phone", ct);
            return Error.NotFound("provider.staff_not_found", "未找到该人员，或不在您的管辖范围内。");
        }

        if (!ProviderAccess.CanOperate(actor, provider))
        {
            await audit.WriteNowAsync(new AuditEvent("provider.staff.reveal-phone", "provider-staff", staff.Id.ToString(), provider.RegionCode, AuditOutcome.Denied,
                $"无权查看 {provider.Name} 人员 {staff.Name} 的完整手机号"), ct);
            return Error.Forbidden("provider.reveal_forbidden", "只有该机构的管理部门和本机构人员可以查看完整手机号。");
        }

        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length is < 4 or > 200)
        {
            return Error.Validation("provider.reveal_reason_required", "查看完整手机号须填写事由（4 至 200 字）。");
        }

        if (staff.PhoneCipher is null)
        {
            return Error.NotFound("provider.phone_empty", "该人员没有登记手机号。");
        }

        await audit.WriteNowAsync(new AuditEvent("provider.staff.reveal-phone", "provider-staff", staff.Id.ToString(), provider.RegionCode, AuditOutcome.Success,
            $"查看 {provider.Name} 人员 {staff.Name} 的完整手机号，事由：{trimmed}"), ct);
        return new RevealedPhone(protector.Unprotect(staff.PhoneCipher));
    }

    public Task<Result<ProviderDetail>> SetCapacityAsync(Guid id, CapacityRequest request, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, p =>
        {
            var item = Text(request.Item);
            if (Capacity.Check(item, request.Period, request.Quantity, p.Items.Select(i => i.ItemCode)) is { } invalid)
            {
                return Done(invalid);
            }

            var existing = p.Capacities.FirstOrDefault(c => c.ItemCode == item && c.Period == request.Period);
            var period = ProviderTerms.PeriodName(request.Period);
            if (existing is null)
            {
                p.Capacities.Add(new Capacity(p.Id, item, request.Period, request.Quantity));
                return Done(("provider.capacity.set", $"{p.Name} 登记 {item} 产能：{period} {request.Quantity}"));
            }

            var before = existing.Quantity;
            existing.Set(request.Quantity);
            return Done(("provider.capacity.set", $"{p.Name} 调整 {item} 产能：{period} {before} → {request.Quantity}"));
        }, ct);

    public Task<Result<ProviderDetail>> RemoveCapacityAsync(Guid id, Guid capacityId, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, p =>
        {
            var capacity = p.Capacities.FirstOrDefault(c => c.Id == capacityId);
            if (capacity is null)
            {
                return Done(Error.NotFound("provider.capacity_not_found", "该机构没有这项产能。"));
            }

            p.Capacities.Remove(capacity);
            return Done(("provider.capacity.remove", $"{p.Name} 删除 {capacity.ItemCode} 的{ProviderTerms.PeriodName(capacity.Period)}产能（原为 {capacity.Quantity}）"));
        }, ct);

    public Task<Result<ProviderDetail>> AddTeamAsync(Guid id, TeamRequest request, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, async p =>
        {
            var name = Text(request.Name);
            var leader = Text(request.Leader);
            if (name.Length is 0 or > 100 || leader.Length is 0 or > 50)
            {
                return Error.Validation("provider.bad_team", "志愿队伍须填写名称（100 字以内）和负责人（50 字以内）。");
            }

            if (request.Members is < 1 or > 100_000)
            {
                return Error.Validation("provider.bad_team_members", "志愿队伍人数须为 1 到 100000 之间的整数。");
            }

            var items = (request.Items ?? []).Select(Text).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var known = await CatalogItemsAsync(p.RegionCode, ct);
            if (items.FirstOrDefault(c => !known.ContainsKey(c)) is { } unknown)
            {
                return Error.Validation("provider.unknown_item", $"“{unknown}”不在机构登记地的现行服务目录中（或已在本地停用）。");
            }

            if (string.Join(',', items).Length > 400)
            {
                return Error.Validation("provider.bad_team", "志愿队伍的协助项目过多。");
            }

            var team = new VolunteerTeam(p.Id, name, leader, request.Members, items);
            p.Teams.Add(team);
            return ("provider.team.add", $"{p.Name} 新增志愿队伍 {name}（负责人 {leader}，{request.Members} 人{(items.Count > 0 ? "，协助 " + string.Join("、", items) : string.Empty)}）");
        }, ct);

    public Task<Result<ProviderDetail>> RemoveTeamAsync(Guid id, Guid teamId, CancellationToken ct = default) =>
        ChangeAsync(id, Need.Administer, p =>
        {
            var team = p.Teams.FirstOrDefault(t => t.Id == teamId);
            if (team is null)
            {
                return Done(Error.NotFound("provider.team_not_found", "该机构没有这支志愿队伍。"));
            }

            p.Teams.Remove(team);
            return Done(("provider.team.remove", $"{p.Name} 撤销志愿队伍 {team.Name}"));
        }, ct);

    /// <inheritdoc />
    public async Task<Result<SupplyView>> SupplyAsync(string? regionText, string? itemText, DateOnly? on, CancellationToken ct = default)
    {
        if (!RegionCode.TryParse(regionText, out var region))
        {
            return BadRegion(regionText);
        }

        var item = Text(itemText);
        if (item.Length == 0)
        {
            return Error.Validation("provider.item_required", "请指定服务项目编码（item）。");
        }

        var date = on ?? Today;
        var enclosing = ProviderAccess.SelfAndAncestors(region);
        var offering = await Visible().AsNoTracking()
            .Where(p => p.Items.Any(i => i.ItemCode == item) && p.Regions.Any(r => enclosing.Contains(r.RegionCode)))
            .Include(p => p.Qualifications).Include(p => p.Points).Include(p => p.Capacities)
            .AsSplitQuery().OrderBy(p => p.Name).ToListAsync(ct);
        var providers = new List<SupplyProvider>();
        var excluded = new List<ExcludedProvider>();
        foreach (var p in offering)
        {
            var status = p.StatusOn(date);
            switch (status)
            {
                case QualificationStatus.Valid or QualificationStatus.ExpiringSoon:
                    providers.Add(new SupplyProvider(p.Id, p.Name, p.Kind, status,
                        [.. p.Points.OrderBy(x => x.Name).Select(x => new SupplyPoint(x.Id, x.Kind, x.Name, x.RegionCode, x.Latitude, x.Longitude, x.OpeningHours))],
                        [.. p.Capacities.Where(c => c.ItemCode == item).OrderBy(c => c.Period).Select(CapacityOf)]));
                    break;
                case QualificationStatus.Expired:
                    excluded.Add(new ExcludedProvider(p.Id, p.Name, "qualification_expired", $"{p.Name} 的资质在 {date:yyyy-MM-dd} 已过期"));
                    break;
                case QualificationStatus.NotYetValid:
                    excluded.Add(new ExcludedProvider(p.Id, p.Name, "qualification_not_yet_valid", $"{p.Name} 的资质在 {date:yyyy-MM-dd} 尚未生效"));
                    break;
                default:
                    excluded.Add(new ExcludedProvider(p.Id, p.Name, "no_qualification", $"{p.Name} 没有登记资质"));
                    break;
            }
        }

        return new SupplyView(region.Value, item, date, providers, excluded);
    }

    private enum Need
    {
        Administer,
        Operate,
    }

    private static Task<Result<(string Action, string Summary)>> Done(Result<(string Action, string Summary)> result) => Task.FromResult(result);

    /// <summary>Loads, checks the actor may make this kind of change, applies it, audits it and saves, or changes nothing.</summary>
    private async Task<Result<ProviderDetail>> ChangeAsync(Guid id, Need need, Func<Provider, Task<Result<(string Action, string Summary)>>> change, CancellationToken ct)
    {
        var provider = await LoadAsync(id, tracking: true, ct);
        if (provider is null)
        {
            await AuditRefusalAsync(id, "provider.change", ct);
            return NotFound;
        }

        var allowed = need == Need.Administer ? ProviderAccess.CanAdminister(actor, provider.RegionCode) : ProviderAccess.CanOperate(actor, provider);
        if (!allowed)
        {
            await audit.WriteNowAsync(new AuditEvent("provider.change", "provider", provider.Id.ToString(), provider.RegionCode, AuditOutcome.Denied,
                $"无权修改服务机构 {provider.Name}"), ct);
            return Error.Forbidden("provider.edit_forbidden", need == Need.Administer
                ? "只有机构登记地的县民政业务员、审批人或市/省管理员可以修改这项信息。"
                : "只有机构登记地的管理部门和本机构人员可以修改服务网点和人员。");
        }

        var result = await change(provider);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        provider.Touch(actor.Name, clock.GetUtcNow());
        Record(result.Value.Action, provider, result.Value.Summary);
        return await SaveAsync(provider, ct);
    }

    private void Record(string action, Provider provider, string summary) =>
        audit.Record(new AuditEvent(action, "provider", provider.Id.ToString(), provider.RegionCode, AuditOutcome.Success, summary));

    private async Task<Result<ProviderDetail>> SaveAsync(Provider provider, CancellationToken ct)
    {
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale;
        }
        catch (DbUpdateException)
        {
            // The unique credit code (or a second link of one account) was taken between the check and the save.
            return Error.Conflict("provider.conflict", "保存时与他人的修改冲突（统一社会信用代码或账号已被占用），请刷新后重试。");
        }

        return await GetAsync(provider.Id, ct);
    }

    private async Task<Provider?> LoadAsync(Guid id, bool tracking, CancellationToken ct)
    {
        var query = Visible().Where(p => p.Id == id)
            .Include(p => p.Qualifications).Include(p => p.Items).Include(p => p.Regions).Include(p => p.Points)
            .Include(p => p.Staff).Include(p => p.Capacities).Include(p => p.Teams).AsSplitQuery();
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    private async Task<ProviderDetail> DetailAsync(Provider p, CancellationToken ct)
    {
        var today = Today;
        var names = await regions.NamesAsync([p.RegionCode, .. p.Regions.Select(r => r.RegionCode)], ct);
        var items = await CatalogItemsAsync(p.RegionCode, ct);
        var userIds = p.Staff.Where(s => s.UserId is not null).Select(s => s.UserId!.Value).ToList();
        var accounts = userIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await identity.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? string.Empty, ct);
        return new ProviderDetail(
            p.Id, p.Name, p.Kind, p.CreditCode, p.RegionCode, names.GetValueOrDefault(p.RegionCode, p.RegionCode), p.Address, p.Contact,
            p.Stamp, p.UpdatedBy, p.UpdatedAt, today, p.StatusOn(today),
            [.. p.Qualifications.OrderBy(q => q.Type).ThenByDescending(q => q.ValidFrom)
                .Select(q => new QualificationView(q.Id, q.Type, q.Number, q.Issuer, q.ValidFrom, q.ValidTo, q.StatusOn(today)))],
            [.. p.Items.OrderBy(i => i.ItemCode, StringComparer.Ordinal).Select(i => new ItemView(i.ItemCode, items.GetValueOrDefault(i.ItemCode, "（已不在现行目录中）")))],
            [.. p.Regions.OrderBy(r => r.RegionCode, StringComparer.Ordinal).Select(r => new RegionView(r.RegionCode, names.GetValueOrDefault(r.RegionCode, r.RegionCode)))],
            [.. p.Points.OrderBy(x => x.Name).Select(x => new PointView(x.Id, x.Kind, x.Name, x.RegionCode, x.Address, x.Latitude, x.Longitude, x.OpeningHours, x.Hours.Describe()))],
            [.. p.Staff.OrderBy(s => s.Role).ThenBy(s => s.Name).Select(s => new StaffView(s.Id, s.Name, s.Role, s.QualificationText, s.PhoneMasked,
                s.UserId is { } u ? accounts.GetValueOrDefault(u) : null))],
            [.. p.Capacities.OrderBy(c => c.ItemCode, StringComparer.Ordinal).ThenBy(c => c.Period).Select(CapacityOf)],
            [.. p.Teams.OrderBy(t => t.Name).Select(t => new TeamView(t.Id, t.Name, t.Leader, t.Members, t.Items))],
            ProviderAccess.CanAdminister(actor, p.RegionCode), ProviderAccess.CanOperate(actor, p));
    }

    private static CapacityView CapacityOf(Capacity c) => new(c.Id, c.ItemCode, c.Period, c.Quantity);

    private async Task<Result<(string Name, string Code, RegionCode Home)>> CheckBasicsAsync(ProviderRequest request, Provider? current, CancellationToken ct)
    {
        var name = Text(request.Name);
        if (name.Length is 0 or > 100)
        {
            return Error.Validation("provider.bad_name", "请填写机构名称（100 字以内）。");
        }

        if (!Enum.IsDefined(request.Kind))
        {
            return Error.Validation("provider.bad_kind", "机构类型须为社会组织、企业或事业单位（SocialOrganization、Enterprise、PublicInstitution）。");
        }

        if (Text(request.Address).Length > 200 || Text(request.Contact).Length > 100)
        {
            return Error.Validation("provider.bad_text", "地址最多 200 字，联系方式最多 100 字。");
        }

        var check = UnifiedSocialCreditCode.Check(request.CreditCode);
        if (!check.Valid)
        {
            return Error.Validation("provider.bad_credit_code", check.Reason!.Message);
        }

        var code = check.Normalized!;
        if (current?.CreditCode != code && await data.Providers.IgnoreQueryFilters().AnyAsync(p => p.CreditCode == code, ct))
        {
            return Error.Conflict("provider.duplicate_credit_code", $"统一社会信用代码 {code} 已登记为另一家服务机构。");
        }

        if (current is not null)
        {
            return (name, code, RegionCode.Parse(current.RegionCode));
        }

        var region = await CheckRegionAsync(request.Region, ct);
        if (!region.IsSuccess)
        {
            return region.Error!;
        }

        var home = region.Value;
        if (home.Level < RegionLevel.County)
        {
            return Error.Validation("provider.bad_home_region", "登记地须为县级或以下的区划（由该县管理）。");
        }

        return (name, code, home);
    }

    /// <summary>A region code that exists and lies in the actor's jurisdiction.</summary>
    private async Task<Result<RegionCode>> CheckRegionAsync(string? text, CancellationToken ct)
    {
        if (!RegionCode.TryParse(text, out var region) || !await regions.ExistsAsync(region, ct))
        {
            return BadRegion(text);
        }

        if (!actor.Scope.Permits(region))
        {
            return Error.Forbidden("provider.region_outside_jurisdiction", $"区划 {region.Prefix} 不在您的管辖范围内。");
        }

        return region;
    }

    private async Task<Result<(string Name, RegionCode Region, OpeningHours Hours)>> CheckPointAsync(PointRequest request, CancellationToken ct)
    {
        var name = Text(request.Name);
        if (name.Length is 0 or > 100 || Text(request.Address).Length > 200)
        {
            return Error.Validation("provider.bad_point", "服务网点须填写名称（100 字以内），地址最多 200 字。");
        }

        if (!Enum.IsDefined(request.Kind))
        {
            return Error.Validation("provider.bad_point_kind", "网点类型须为救助服务驿站、社工站、幸福食堂或暖心帮扶点。");
        }

        if (Coordinates.Check(request.Latitude, request.Longitude) is { } badPlace)
        {
            return badPlace;
        }

        var hours = OpeningHours.Parse(request.OpeningHours);
        if (!hours.IsSuccess)
        {
            return hours.Error!;
        }

        // A provider-staff actor's jurisdiction is its county; the point's region must still be a real one inside it.
        var region = await CheckRegionAsync(request.Region, ct);
        return region.IsSuccess ? (name, region.Value, hours.Value) : region.Error!;
    }

    /// <summary>Applies name, role, qualification, phone and account; returns what to add to the audit summary.</summary>
    private async Task<Result<string>> ApplyStaffAsync(Provider provider, StaffMember staff, StaffRequest request, CancellationToken ct)
    {
        var name = Text(request.Name);
        if (name.Length is 0 or > 50)
        {
            return Error.Validation("provider.bad_staff", "请填写人员姓名（50 字以内）。");
        }

        if (!Enum.IsDefined(request.Role))
        {
            return Error.Validation("provider.bad_staff_role", "人员角色须为社工、护理员、护士、厨师、负责人或其他。");
        }

        if (Text(request.Qualification).Length > 100)
        {
            return Error.Validation("provider.bad_staff", "个人资质最多 100 字。");
        }

        string? phone = null;
        if (request.Phone is { Length: > 0 } phoneText && (phone = MobileNumber.Normalize(phoneText)) is null)
        {
            return Error.Validation("provider.bad_phone", "手机号应为 11 位数字，以 1 开头。");
        }

        var notes = new List<string>();
        if (request.Account is not null)
        {
            var linked = await LinkAsync(provider, staff, request.Account, ct);
            if (!linked.IsSuccess)
            {
                return linked.Error!;
            }

            if (linked.Value is { } note)
            {
                notes.Add(note);
            }
        }

        staff.Update(name, request.Role, Text(request.Qualification) is { Length: > 0 } q ? q : null);
        if (request.Phone is not null)
        {
            staff.SetPhone(phone, protector);
            notes.Add(phone is null ? "清除手机号" : "登记手机号（加密保存）");
        }

        return notes.Count == 0 ? string.Empty : "：" + string.Join("，", notes);
    }

    /// <summary>Links (or with an empty name unlinks) the platform account a staff member signs in with; administrators only.</summary>
    private async Task<Result<string?>> LinkAsync(Provider provider, StaffMember staff, string accountText, CancellationToken ct)
    {
        var userName = accountText.Trim();
        var current = staff.UserId is { } uid ? await identity.Users.FirstOrDefaultAsync(u => u.Id == uid, ct) : null;
        if (userName.Length == 0 ? current is null : current?.UserName == userName)
        {
            return (string?)null;
        }

        if (!ProviderAccess.CanAdminister(actor, provider.RegionCode))
        {
            return Error.Forbidden("provider.account_link_forbidden", "关联平台账号只能由机构登记地的县民政业务员、审批人或市/省管理员办理。");
        }

        if (userName.Length == 0)
        {
            await UnlinkAsync(staff, ct);
            return $"解除账号 {current!.UserName} 的关联";
        }

        var user = await users.FindByNameAsync(userName);
        if (user is null || user.IsDisabled)
        {
            return Error.Validation("provider.account_not_found", $"账号 {userName} 不存在或已停用。");
        }

        if (!await users.IsInRoleAsync(user, Roles.ProviderStaff))
        {
            return Error.Validation("provider.account_not_provider_staff", $"账号 {userName} 不是“服务机构人员”角色，不能关联到机构。");
        }

        if (user.Organization is { } other && other != provider.Id
            || await data.ProviderStaff.IgnoreQueryFilters().AnyAsync(s => s.UserId == user.Id && s.Id != staff.Id, ct))
        {
            return Error.Conflict("provider.account_linked_elsewhere", $"账号 {userName} 已关联到其他人员或机构。");
        }

        await UnlinkAsync(staff, ct);
        user.Organization = provider.Id;
        // Sessions of the account are signed in again, so its claims carry the organization.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        staff.LinkAccount(user.Id);
        return $"关联平台账号 {userName}";
    }

    private async Task UnlinkAsync(StaffMember staff, CancellationToken ct)
    {
        if (staff.UserId is { } uid && await identity.Users.FirstOrDefaultAsync(u => u.Id == uid, ct) is { } user)
        {
            user.Organization = null;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        staff.LinkAccount(null);
    }

    /// <summary>Codes and names of the items of the region's effective catalog today (switched-off items excluded).</summary>
    private async Task<Dictionary<string, string>> CatalogItemsAsync(string region, CancellationToken ct)
    {
        var effective = await catalog.EffectiveAsync(region, Today, new CatalogFilter(), ct);
        return effective.IsSuccess ? effective.Value.Items.ToDictionary(i => i.Code, i => i.Name, StringComparer.Ordinal) : [];
    }

    // A provider outside the view looks missing; the attempt is traced when the provider exists.
    private async Task AuditRefusalAsync(Guid id, string action, CancellationToken ct)
    {
        var elsewhere = await data.Providers.AsNoTracking().Where(p => p.Id == id).Select(p => p.RegionCode).FirstOrDefaultAsync(ct);
        if (elsewhere is not null)
        {
            await audit.WriteNowAsync(new AuditEvent(action, "provider", id.ToString(), elsewhere, AuditOutcome.Denied, "越权访问：该机构不在操作人的可见范围内"), ct);
        }
    }

    private static Error BadRegion(string? text) => Error.Validation("provider.bad_region", $"“{text}”不是已知的区划代码。");

    private static string Text(string? text) => text?.Trim() ?? string.Empty;
}
