using Jiuzhu.Identity.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jiuzhu.Identity;

/// <summary>Refuses sign-in to disabled accounts, on top of Identity's own checks.</summary>
internal sealed class JiuzhuSignInManager(
    UserManager<JiuzhuUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<JiuzhuUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<JiuzhuUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<JiuzhuUser> confirmation)
    : SignInManager<JiuzhuUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(JiuzhuUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}
