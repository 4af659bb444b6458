using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jiuzhu.Identity;

/// <summary>
/// Identity's user manager with the separation of the three administrators enforced where roles are granted,
/// so no path (pages, API, command line, demo seed) can give one account two of them.
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
        var combined = (await GetRolesAsync(user)).Concat(adding);
        if (Roles.CheckCombination(combined) is { } error)
        {
            return IdentityResult.Failed(new IdentityError { Code = error.Code, Description = error.Message });
        }

        return await base.AddToRolesAsync(user, adding);
    }
}
