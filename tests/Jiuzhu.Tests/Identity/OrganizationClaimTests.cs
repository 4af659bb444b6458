using System.Security.Claims;
using Jiuzhu.Identity;
using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Identity;

public sealed class OrganizationClaimTests
{
    private static ClaimsPrincipal Principal(string role, string? organization)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new(ClaimTypes.Name, "jigou.yuangong"),
            new(JiuzhuClaims.ActorKind, "user"),
            new(JiuzhuClaims.Jurisdiction, "371121000000"),
            new(ClaimTypes.Role, role),
        };
        if (organization is not null)
        {
            claims.Add(new Claim(JiuzhuClaims.Organization, organization));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    [Fact]
    public void A_provider_staff_account_acts_for_the_organization_its_claims_carry()
    {
        var organization = Guid.CreateVersion7();
        var actor = JiuzhuClaims.ToActor(Principal(Roles.ProviderStaff, organization.ToString()));
        Assert.Equal(organization, actor.Organization);
        Assert.True(actor.IsInRole(Roles.ProviderStaff));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-guid")]
    public void Without_a_valid_organization_claim_the_actor_works_for_no_organization(string? claim) =>
        Assert.Null(JiuzhuClaims.ToActor(Principal(Roles.ProviderStaff, claim)).Organization);

    [Fact]
    public void A_resident_never_carries_an_organization() =>
        Assert.Null(JiuzhuClaims.ToActor(Principal(Roles.Resident, Guid.NewGuid().ToString())).Organization);
}
