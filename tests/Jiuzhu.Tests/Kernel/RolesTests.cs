using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Kernel;

public sealed class RolesTests
{
    [Theory]
    [InlineData(Roles.SystemAdmin, Roles.SecurityAdmin)]
    [InlineData(Roles.SystemAdmin, Roles.AuditAdmin)]
    [InlineData(Roles.SecurityAdmin, Roles.AuditAdmin)]
    public void One_account_cannot_combine_two_separated_administrators(string a, string b)
    {
        var error = Roles.CheckCombination([a, b]);
        Assert.NotNull(error);
        Assert.Equal("role.admin_separation", error.Code);
    }

    [Fact]
    public void An_administrator_role_alone_or_with_business_roles_is_allowed()
    {
        Assert.Null(Roles.CheckCombination([Roles.SystemAdmin]));
        Assert.Null(Roles.CheckCombination([Roles.CountyOfficer, Roles.CountyApprover]));
    }

    [Fact]
    public void Unknown_roles_are_refused() =>
        Assert.Equal("role.unknown", Roles.CheckCombination(["super-user"])!.Code);

    [Fact]
    public void The_resident_role_is_not_a_staff_role_and_cannot_be_granted()
    {
        Assert.DoesNotContain(Roles.Resident, Roles.All);
        Assert.Contains(Roles.Resident, Roles.AccountRoles);
        Assert.Equal("role.unknown", Roles.CheckCombination([Roles.Resident])!.Code);
        Assert.Equal("role.unknown", Roles.CheckCombination([Roles.VillageWorker, Roles.Resident])!.Code);
    }
}
