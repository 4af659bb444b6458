using System.Security.Claims;
using Jiuzhu.Kernel;

namespace Jiuzhu.Identity;

/// <summary>Claim types Jiuzhu adds to a principal, and the mapping from a principal to an actor.</summary>
public static class JiuzhuClaims
{
    public const string Jurisdiction = "jz:jurisdiction";
    public const string DisplayName = "jz:display";
    public const string Department = "jz:department";
    public const string Organization = "jz:organization";
    public const string ActorKind = "jz:kind";

    /// <summary>Present while an administrator has yet to enrol a second factor: such a session may do nothing else.</summary>
    public const string TwoFactorSetupRequired = "jz:mfa-setup";

    /// <summary>
    /// The actor a principal stands for; a principal still owing 2FA enrolment is treated as anonymous, and a resident
    /// gets no jurisdiction at all.
    /// </summary>
    public static ICurrentActor ToActor(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == TwoFactorSetupRequired))
        {
            return FixedActor.Anonymous;
        }

        var kind = principal.FindFirstValue(ActorKind) == "apiclient" ? Kernel.ActorKind.ApiClient : Kernel.ActorKind.User;
        Guid? id = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : null;
        var name = principal.FindFirstValue(ClaimTypes.Name) ?? "unknown";
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
        if (roles.Contains(Roles.Resident, StringComparer.Ordinal))
        {
            // A resident is nobody's staff: no jurisdiction (the region filter shows them nothing) and no other role,
            // whatever else the principal carries. What they may see is decided by ownership in the resident services.
            return id is null ? FixedActor.Anonymous : new FixedActor(kind, id, name, [Roles.Resident], null);
        }

        RegionCode? jurisdiction = RegionCode.TryParse(principal.FindFirstValue(Jurisdiction), out var code) ? code : null;

        // An account without a valid jurisdiction sees nothing rather than everything.
        return jurisdiction is null ? FixedActor.Anonymous : new FixedActor(kind, id, name, roles, jurisdiction, principal.FindFirstValue(Department),
                Guid.TryParse(principal.FindFirstValue(Organization), out var organization) ? organization : null);
    }
}
