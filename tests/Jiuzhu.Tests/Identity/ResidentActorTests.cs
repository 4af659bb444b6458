using System.Security.Claims;
using Jiuzhu.Identity;
using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Identity;

public sealed class ResidentActorTests
{
    private static ClaimsPrincipal Principal(string jurisdiction, params string[] roles)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new(ClaimTypes.Name, "rabcdefghij"),
            new(JiuzhuClaims.ActorKind, "user"),
            new(JiuzhuClaims.Jurisdiction, jurisdiction),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    [Fact]
    public void A_resident_acts_as_a_user_with_no_jurisdiction_and_sees_nothing_through_the_region_filter()
    {
        var actor = JiuzhuClaims.ToActor(Principal(string.Empty, Roles.Resident));
        Assert.Equal(ActorKind.User, actor.Kind);
        Assert.NotNull(actor.Id);
        Assert.Null(actor.Jurisdiction);
        Assert.Equal([Roles.Resident], actor.Roles);
        Assert.Equal(JurisdictionScope.None, actor.Scope);
    }

    [Fact]
    public void A_principal_claiming_resident_and_staff_roles_and_a_jurisdiction_still_gets_only_the_resident_role_and_no_scope()
    {
        var actor = JiuzhuClaims.ToActor(Principal("371121001201", Roles.Resident, Roles.VillageWorker));
        Assert.Equal([Roles.Resident], actor.Roles);
        Assert.Equal(JurisdictionScope.None, actor.Scope);
    }

    [Fact]
    public void Counter_test_the_same_principal_without_the_resident_role_is_staff_with_its_village()
    {
        var actor = JiuzhuClaims.ToActor(Principal("371121001201", Roles.VillageWorker));
        Assert.Equal("371121001201", actor.Jurisdiction?.Value);
        Assert.True(actor.Scope.Permits("371121001201"));
    }

    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData(" 138-1234-5678 ", "13812345678")]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("23812345678", null)]
    [InlineData("1381234567", null)]
    [InlineData("cun.xiezhu", null)]
    public void Mobile_numbers_are_recognised_with_spaces_and_dashes_removed(string input, string? expected) =>
        Assert.Equal(expected, MobileNumber.Normalize(input));
}
