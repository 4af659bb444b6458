using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Kernel;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("37", RegionLevel.Province, "370000000000", "37")]
    [InlineData("3711", RegionLevel.City, "371100000000", "3711")]
    [InlineData("371121", RegionLevel.County, "371121000000", "371121")]
    [InlineData("371121001", RegionLevel.Township, "371121001000", "371121001")]
    [InlineData("371121001002", RegionLevel.Village, "371121001002", "371121001002")]
    [InlineData("371121000000", RegionLevel.County, "371121000000", "371121")]
    public void Short_and_padded_forms_give_the_same_code_and_level(string text, RegionLevel level, string value, string prefix)
    {
        var code = RegionCode.Parse(text);
        Assert.Equal(level, code.Level);
        Assert.Equal(value, code.Value);
        Assert.Equal(prefix, code.Prefix);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("37112")]
    [InlineData("37a121")]
    [InlineData("000000")]
    [InlineData("370021001000")] // a county under a zero city group
    [InlineData("441900000001")] // a village under a zero township group
    [InlineData("3711210010021")]
    public void Malformed_codes_are_rejected(string text) => Assert.False(RegionCode.TryParse(text, out _));

    [Fact]
    public void A_county_contains_its_villages_but_not_its_neighbours()
    {
        var county = RegionCode.Parse("371121");
        Assert.True(county.Contains(RegionCode.Parse("371121001002")));
        Assert.False(county.Contains(RegionCode.Parse("371122001002")));
        Assert.False(RegionCode.Parse("371121001002").Contains(county));
    }

    [Fact]
    public void Parents_walk_up_to_the_province()
    {
        var village = RegionCode.Parse("371121001002");
        Assert.Equal("371121001000", village.Parent!.Value.Value);
        Assert.Equal("371121000000", village.Parent!.Value.Parent!.Value.Value);
        Assert.Null(RegionCode.Parse("37").Parent);
    }

    [Fact]
    public void A_township_of_a_city_without_counties_has_a_zero_county_group_and_the_city_as_parent()
    {
        // 东莞市 东城街道 and one of its communities: NBS skips the county level for 不设区的地级市.
        var township = RegionCode.Parse("441900003");
        Assert.Equal(RegionLevel.Township, township.Level);
        Assert.Equal("441900003", township.Prefix);
        Assert.Equal(RegionCode.Parse("4419"), township.Parent);
        Assert.Equal(RegionLevel.City, township.Parent!.Value.Level);
        Assert.Equal(RegionCode.Parse("441900003"), RegionCode.Parse("441900003001").Parent);
        Assert.True(RegionCode.Parse("4419").Contains(township));
        Assert.Equal(RegionLevel.City, RegionCode.Parse("441900").Level);
    }

    [Fact]
    public void Jurisdiction_scopes_permit_only_their_subtree()
    {
        var scope = JurisdictionScope.For(RegionCode.Parse("371121001"));
        Assert.True(scope.Permits("371121001002"));
        Assert.False(scope.Permits("371121002002"));
        Assert.False(JurisdictionScope.None.Permits("371121001002"));
        Assert.True(JurisdictionScope.All.Permits("110101001001"));
    }
}
