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
    [InlineData("370021001000")] // a township under a zero county group
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
    public void Jurisdiction_scopes_permit_only_their_subtree()
    {
        var scope = JurisdictionScope.For(RegionCode.Parse("371121001"));
        Assert.True(scope.Permits("371121001002"));
        Assert.False(scope.Permits("371121002002"));
        Assert.False(JurisdictionScope.None.Permits("371121001002"));
        Assert.True(JurisdictionScope.All.Permits("110101001001"));
    }
}
