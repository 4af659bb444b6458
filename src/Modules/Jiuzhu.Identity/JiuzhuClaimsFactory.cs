using System.Security.Claims;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jiuzhu.Identity;

/// <summary>Adds jurisdiction, display name, department, organization and the 2FA-enrolment marker to a signed-in user's claims.</summary>
internal sealed class JiuzhuClaimsFactory(
    UserManager<JiuzhuUser> users,
    RoleManager<JiuzhuRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<JiuzhuUser, JiuzhuRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(JiuzhuUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(JiuzhuClaims.ActorKind, "user"));
        identity.AddClaim(new Claim(JiuzhuClaims.Jurisdiction, user.Jurisdiction));
        identity.AddClaim(new Claim(JiuzhuClaims.DisplayName, user.DisplayName));
        if (user.Department is not null)
        {
            identity.AddClaim(new Claim(JiuzhuClaims.Department, user.Department));
        }

        if (user.Organization is { } organization)
        {
            identity.AddClaim(new Claim(JiuzhuClaims.Organization, organization.ToString()));
        }

        var userRoles = identity.FindAll(ClaimTypes.Role).Select(c => c.Value);
        if (!user.TwoFactorEnabled && userRoles.Any(r => Roles.RequireTwoFactor.Contains(r)))
        {
            identity.AddClaim(new Claim(JiuzhuClaims.TwoFactorSetupRequired, "1"));
        }

        return identity;
    }
}
