using Jiuzhu.Geo.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Geo;

public sealed class RegionKindTests
{
    [Theory]
    [InlineData("371121001", RegionKind.Subdistrict)]
    [InlineData("371121099", RegionKind.Subdistrict)]
    [InlineData("371121100", RegionKind.Town)]
    [InlineData("371121199", RegionKind.Town)]
    [InlineData("371121200", RegionKind.Township)]
    [InlineData("371121399", RegionKind.Township)]
    [InlineData("371121400", RegionKind.OtherTownship)]
    public void A_townships_kind_follows_from_its_three_digits(string code, RegionKind kind) =>
        Assert.Equal(kind, RegionKinds.FromCode(RegionCode.Parse(code)));

    [Theory]
    [InlineData("371121001001", RegionKind.Community)]
    [InlineData("371121001099", RegionKind.Community)]
    [InlineData("371121001100", RegionKind.Community)]
    [InlineData("371121001199", RegionKind.Community)]
    [InlineData("371121001200", RegionKind.Village)]
    [InlineData("371121001399", RegionKind.Village)]
    [InlineData("371121001400", RegionKind.OtherVillage)]
    public void A_villages_kind_follows_from_its_last_three_digits(string code, RegionKind kind) =>
        Assert.Equal(kind, RegionKinds.FromCode(RegionCode.Parse(code)));

    [Fact]
    public void A_village_kind_does_not_depend_on_its_townships_kind()
    {
        // A 村委会 under a 街道 is still rural, a 社区 under a 乡 still urban.
        Assert.Equal(RegionKind.Village, RegionKinds.FromCode(RegionCode.Parse("371121001201")));
        Assert.Equal(RegionKind.Community, RegionKinds.FromCode(RegionCode.Parse("371121201001")));
    }

    [Theory]
    [InlineData("37", RegionKind.Province, "省级")]
    [InlineData("3711", RegionKind.City, "地级")]
    [InlineData("371121", RegionKind.County, "县级")]
    [InlineData("371121001", RegionKind.Subdistrict, "街道")]
    [InlineData("371121102", RegionKind.Town, "镇")]
    [InlineData("371121201", RegionKind.Township, "乡")]
    [InlineData("371121001001", RegionKind.Community, "社区居委会")]
    [InlineData("371121102201", RegionKind.Village, "村委会")]
    public void Each_kind_has_its_Chinese_name(string code, RegionKind kind, string chinese)
    {
        var region = new Region(RegionCode.Parse(code), "某地");
        Assert.Equal(kind, region.Kind);
        Assert.Equal(chinese, RegionKinds.ChineseName(region.Kind));
    }

    [Fact]
    public void A_new_region_knows_its_level_and_parent()
    {
        var village = new Region(RegionCode.Parse("371121001002"), "集后社区居民委员会");
        Assert.Equal(RegionLevel.Village, village.Level);
        Assert.Equal("371121001000", village.ParentCode);
        Assert.True(village.IsUrban);
        Assert.Null(new Region(RegionCode.Parse("37"), "山东省").ParentCode);
    }
}
