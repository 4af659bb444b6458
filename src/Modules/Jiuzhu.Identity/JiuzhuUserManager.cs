using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jiuzhu.Identity;

/// <summary>
/// Identity's user manager with the separation of the three administrators, and of residents from staff, enforced
/// where roles are granted, so no path (pages, API, command line, demo seed) can break them.
/// </summary>
internal sealed class JiuzhuUserManager(
    IUserStore<JiuzhuUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<JiuzhuUser> passwordHasher,
    IEnumerable<IUserValidator<JiuzhuUser>> userValidators,
    IEnumerable<IPasswordValidator<JiuzhuUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<JiuzhuUser>> logger)
    : UserManager<JiuzhuUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override Task<IdentityResult> AddToRoleAsync(JiuzhuUser user, string role) => AddToRolesAsync(user, [role]);

    public override async Task<IdentityResult> AddToRolesAsync(JiuzhuUser user, IEnumerable<string> roles)
    {
        var adding = roles.ToList();
        var combined = (await GetRolesAsync(user)).Concat(adding).ToList();

        // The resident role belongs to resident accounts alone, and they hold nothing else: no path can turn a
        // resident into staff or give staff the resident's ownership-based access.
        var isResidentAccount = user.IdNumberIndex is not null;
        if (isResidentAccount || combined.Contains(Roles.Resident))
        {
            return isResidentAccount && combined.All(r => r == Roles.Resident)
                ? await base.AddToRolesAsync(user, adding)
                : IdentityResult.Failed(new IdentityError { Code = "role.resident", Description = "居民账号只能持有居民角色，员工账号不能持有居民角色。" });
        }

        if (Roles.CheckCombination(combined) is { } error)
        {
            return IdentityResult.Failed(new IdentityError { Code = error.Code, Description = error.Message });
        }

        return await base.AddToRolesAsync(user, adding);
    }
}
