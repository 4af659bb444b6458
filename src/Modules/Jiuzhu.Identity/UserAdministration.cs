using Jiuzhu.Identity.Data;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Identity;

/// <summary>An account as administrators see it; never carries secrets.</summary>
public sealed record UserSummary(
    Guid Id,
    string UserName,
    string DisplayName,
    string Jurisdiction,
    string? Department,
    IReadOnlyList<string> Roles,
    bool IsDisabled,
    bool TwoFactorEnabled,
    bool IsLockedOut,
    DateTimeOffset CreatedAt,
    bool IsDemo);

/// <summary>A new account; roles may be given only by the security administrator or the command line.</summary>
public sealed record CreateUserRequest(
    string UserName,
    string DisplayName,
    string Jurisdiction,
    string Password,
    string? Department = null,
    IReadOnlyList<string>? Roles = null);

/// <summary>
/// Account administration under the separation of duties (三员分立): the system administrator creates,
/// disables and resets accounts; the security administrator grants roles and jurisdictions. Every action
/// is limited to the actor's jurisdiction and audited.
/// </summary>
public sealed class UserAdministration(
    UserManager<JiuzhuUser> users,
    RoleManager<JiuzhuRole> roleManager,
    IIdentityData data,
    ICurrentActor actor,
    IAuditTrail audit,
    IRegionLookup regions,
    TimeProvider clock)
{
    private static readonly Error Forbidden = Error.Forbidden("user.forbidden", "您没有执行此账号管理操作的权限。");
    private static readonly Error NotFound = Error.NotFound("user.not_found", "账号不存在，或不在您的管辖范围内。");

    public bool CanRead => IsSystem || actor.IsInRole(Roles.SystemAdmin) || actor.IsInRole(Roles.SecurityAdmin);

    public bool CanManageAccounts => IsSystem || actor.IsInRole(Roles.SystemAdmin);

    public bool CanGrant => IsSystem || actor.IsInRole(Roles.SecurityAdmin);

    private bool IsSystem => actor.Kind == ActorKind.System;

    /// <summary>Makes sure every platform role exists; run at start-up.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.AccountRoles)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new JiuzhuRole(role));
            }
        }
    }

    public async Task<Result<Page<UserSummary>>> ListAsync(string? search, string? role, PageRequest page, CancellationToken ct = default)
    {
        if (!CanRead)
        {
            return Forbidden;
        }

        var query = ScopedUsers();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(u => u.UserName!.Contains(s) || u.DisplayName.Contains(s) || u.Jurisdiction.StartsWith(s));
        }

        if (!string.IsNullOrWhiteSpace(role))
        {
            var holders = (await users.GetUsersInRoleAsync(role)).Select(h => h.Id).ToList();
            query = query.Where(u => holders.Contains(u.Id));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(u => u.Jurisdiction).ThenBy(u => u.UserName)
            .Skip(page.Skip).Take(page.SafeSize).AsNoTracking().ToListAsync(ct);
        var summaries = new List<UserSummary>(rows.Count);
        foreach (var u in rows)
        {
            summaries.Add(await SummarizeAsync(u));
        }

        return new Page<UserSummary>(summaries, total, page.SafePage, page.SafeSize);
    }

    public async Task<Result<UserSummary>> GetAsync(Guid id)
    {
        if (!CanRead)
        {
            return Forbidden;
        }

        var user = await FindScopedAsync(id);
        return user is null ? NotFound : await SummarizeAsync(user);
    }

    public async Task<Result<UserSummary>> CreateAsync(CreateUserRequest request)
    {
        if (!CanManageAccounts)
        {
            return Forbidden;
        }

        var requestedRoles = request.Roles ?? [];
        if (requestedRoles.Count > 0 && !CanGrant)
        {
            return Error.Forbidden("user.grant_forbidden", "系统管理员只能创建账号；角色须由安全管理员授予。");
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            return Error.Validation("user.display_name_required", "请填写姓名。");
        }

        if (request.Department is not null && !Departments.IsKnown(request.Department))
        {
            return Error.Validation("user.unknown_department", $"未知部门：{request.Department}");
        }

        var jurisdiction = await CheckJurisdictionAsync(request.Jurisdiction);
        if (!jurisdiction.IsSuccess)
        {
            return jurisdiction.Error!;
        }

        if ((Roles.CheckCombination(requestedRoles) ?? Roles.CheckJurisdiction(requestedRoles, jurisdiction.Value)) is { } roleError)
        {
            return roleError;
        }

        var user = new JiuzhuUser(request.UserName.Trim(), request.DisplayName.Trim(), jurisdiction.Value.Value, clock.GetUtcNow())
        {
            Department = request.Department,
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            return Invalid(created);
        }

        if (requestedRoles.Count > 0)
        {
            var added = await users.AddToRolesAsync(user, requestedRoles);
            if (!added.Succeeded)
            {
                return Invalid(added);
            }
        }

        var roleText = requestedRoles.Count > 0 ? $"，角色：{string.Join("、", requestedRoles.Select(Roles.ChineseTitle))}" : string.Empty;
        await Audit("user.create", user, $"创建账号 {user.UserName}（{user.DisplayName}），管辖 {user.Jurisdiction}{roleText}");
        return await SummarizeAsync(user);
    }

    public async Task<Result<UserSummary>> SetDisabledAsync(Guid id, bool disabled)
    {
        if (!CanManageAccounts)
        {
            return Forbidden;
        }

        var user = await FindScopedAsync(id);
        if (user is null)
        {
            return NotFound;
        }

        if (user.Id == actor.Id)
        {
            return Error.Validation("user.self", "不能停用自己的账号。");
        }

        user.IsDisabled = disabled;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return Invalid(result);
        }

        // A new security stamp ends the account's open sessions within a minute.
        await users.UpdateSecurityStampAsync(user);
        await Audit(disabled ? "user.disable" : "user.enable", user, disabled ? $"停用账号 {user.UserName}" : $"启用账号 {user.UserName}");
        return await SummarizeAsync(user);
    }

    public async Task<Result<UserSummary>> ResetPasswordAsync(Guid id, string newPassword)
    {
        if (!CanManageAccounts)
        {
            return Forbidden;
        }

        var user = await FindScopedAsync(id);
        if (user is null)
        {
            return NotFound;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            return Invalid(result);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await Audit("user.reset-password", user, $"重置账号 {user.UserName} 的密码并解除锁定");
        return await SummarizeAsync(user);
    }

    public async Task<Result<UserSummary>> SetRolesAsync(Guid id, IReadOnlyList<string> newRoles)
    {
        if (!CanGrant)
        {
            return Error.Forbidden("user.grant_forbidden", "只有安全管理员可以授予或撤销角色。");
        }

        var user = await FindScopedAsync(id);
        if (user is null)
        {
            return NotFound;
        }

        if (user.Id == actor.Id)
        {
            return Error.Validation("user.self", "不能修改自己的角色。");
        }

        var wanted = newRoles.Distinct(StringComparer.Ordinal).ToList();
        if ((Roles.CheckCombination(wanted) ?? Roles.CheckJurisdiction(wanted, RegionCode.Parse(user.Jurisdiction))) is { } roleError)
        {
            return roleError;
        }

        var current = await users.GetRolesAsync(user);
        var remove = current.Except(wanted).ToList();
        var add = wanted.Except(current).ToList();
        if (remove.Count > 0)
        {
            var r = await users.RemoveFromRolesAsync(user, remove);
            if (!r.Succeeded)
            {
                return Invalid(r);
            }
        }

        if (add.Count > 0)
        {
            var r = await users.AddToRolesAsync(user, add);
            if (!r.Succeeded)
            {
                return Invalid(r);
            }
        }

        await users.UpdateSecurityStampAsync(user);
        await Audit("user.set-roles", user,
            $"账号 {user.UserName} 角色：{Describe(current)} → {Describe(wanted)}");
        return await SummarizeAsync(user);
    }

    public async Task<Result<UserSummary>> SetJurisdictionAsync(Guid id, string jurisdiction)
    {
        if (!CanGrant)
        {
            return Error.Forbidden("user.grant_forbidden", "只有安全管理员可以调整管辖范围。");
        }

        var user = await FindScopedAsync(id);
        if (user is null)
        {
            return NotFound;
        }

        if (user.Id == actor.Id)
        {
            return Error.Validation("user.self", "不能修改自己的管辖范围。");
        }

        var code = await CheckJurisdictionAsync(jurisdiction);
        if (!code.IsSuccess)
        {
            return code.Error!;
        }

        if (Roles.CheckJurisdiction(await users.GetRolesAsync(user), code.Value) is { } levelError)
        {
            return levelError;
        }

        var before = user.Jurisdiction;
        user.Jurisdiction = code.Value.Value;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return Invalid(result);
        }

        await users.UpdateSecurityStampAsync(user);
        await Audit("user.set-jurisdiction", user, $"账号 {user.UserName} 管辖范围：{before} → {user.Jurisdiction}");
        return await SummarizeAsync(user);
    }

    private static string Describe(IEnumerable<string> roles)
    {
        var list = roles.Select(Roles.ChineseTitle).ToList();
        return list.Count == 0 ? "（无）" : string.Join("、", list);
    }

    // Staff accounts only: resident accounts have no jurisdiction and are not administered here.
    private IQueryable<JiuzhuUser> ScopedUsers()
    {
        var scope = actor.Scope;
        var staff = users.Users.Where(u => u.Jurisdiction != string.Empty);
        return scope.AllowsAll ? staff : staff.Where(u => u.Jurisdiction.StartsWith(scope.Prefix));
    }

    private async Task<JiuzhuUser?> FindScopedAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        return user is { Jurisdiction.Length: > 0 } && actor.Scope.Permits(user.Jurisdiction) ? user : null;
    }

    private async Task<Result<RegionCode>> CheckJurisdictionAsync(string text)
    {
        if (!RegionCode.TryParse(text, out var code))
        {
            return Error.Validation("user.bad_jurisdiction", $"管辖范围“{text}”不是有效的区划代码（2、4、6、9 或 12 位数字）。");
        }

        if (!actor.Scope.Permits(code))
        {
            return Error.Forbidden("user.jurisdiction_outside", "只能在您自己的管辖范围内设置账号的管辖范围。");
        }

        if (!await regions.ExistsAsync(code))
        {
            return Error.Validation("user.unknown_region", $"区划代码 {code.Value} 不存在，请先导入行政区划。");
        }

        return code;
    }

    private async Task<UserSummary> SummarizeAsync(JiuzhuUser u) => new(
        u.Id,
        u.UserName ?? string.Empty,
        u.DisplayName,
        u.Jurisdiction,
        u.Department,
        [.. await users.GetRolesAsync(u)],
        u.IsDisabled,
        u.TwoFactorEnabled,
        u.LockoutEnd is { } end && end > clock.GetUtcNow(),
        u.CreatedAt,
        u.IsDemo);

    private static Error Invalid(IdentityResult result) =>
        Error.Validation("user.invalid", string.Join(" ", result.Errors.Select(e => e.Description)));

    private Task Audit(string action, JiuzhuUser user, string summary)
    {
        audit.Record(new AuditEvent(action, "user", user.Id.ToString(), user.Jurisdiction, AuditOutcome.Success, summary));
        return data.SaveChangesAsync();
    }
}
