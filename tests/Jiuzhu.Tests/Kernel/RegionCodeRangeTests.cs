using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Kernel;

public sealed class RegionCodeRangeTests
{
    [Theory]
    [InlineData("3711", "3711", "3712")]
    [InlineData("371121", "371121", "371122")]
    [InlineData("3719", "3719", "372")] // a trailing 9 carries: the bound stays digits, which every collation orders alike
    [InlineData("371129999", "371129999", "37113")]
    [InlineData("379999", "379999", "38")]
    [InlineData("99", "99", RegionCodeRange.AboveAllCodes)]
    [InlineData("", "", RegionCodeRange.AboveAllCodes)]
    public void The_range_of_a_prefix_ends_at_the_next_prefix(string prefix, string lower, string upper)
    {
        var range = RegionCodeRange.StartingWith(prefix);
        Assert.Equal(lower, range.Lower);
        Assert.Equal(upper, range.Upper);
    }

    [Theory]
    [InlineData("3711")]
    [InlineData("3719")]
    [InlineData("371121009")]
    [InlineData("371199")]
    [InlineData("99")]
    [InlineData("9")]
    [InlineData("")]
    public void A_code_is_in_the_range_exactly_when_it_starts_with_the_prefix(string prefix)
    {
        var range = RegionCodeRange.StartingWith(prefix);
        string[] codes =
        [
            "", "0", "3", "37", "371", "3711", "371100000000", "371121009000", "371121009999", "371121010000", "371120999999",
            "371199999999", "371200000000", "371900000000", "371999999999", "372000000000", "380000000000", "990000000000",
            "999999999999", "9", "99", "3719", "37199",
        ];
        foreach (var code in codes)
        {
            Assert.True(code.StartsWith(prefix, StringComparison.Ordinal) == range.Contains(code), $"{code} against prefix {prefix}");
        }
    }

    [Fact]
    public void The_scopes_map_to_ranges_all_none_and_a_subtree()
    {
        Assert.True(JurisdictionScope.All.Range.Contains("371121001002"));
        Assert.True(JurisdictionScope.All.Range.Contains("000000000000"));
        Assert.False(JurisdictionScope.None.Range.Contains("371121001002"));
        Assert.False(JurisdictionScope.None.Range.Contains(JurisdictionScope.NothingPrefix));
        Assert.Equal(JurisdictionScope.None.Range.Lower, JurisdictionScope.None.Range.Upper);
        var township = JurisdictionScope.For(RegionCode.Parse("371121009"));
        Assert.True(township.Range.Contains("371121009001"));
        Assert.False(township.Range.Contains("371121010001"));
        Assert.False(township.Range.Contains("371121008999"));
    }

    [Fact]
    public void A_prefix_must_be_digits()
    {
        Assert.Throws<ArgumentException>(() => RegionCodeRange.StartingWith("37a1"));
        Assert.Throws<ArgumentException>(() => RegionCodeRange.StartingWith(JurisdictionScope.NothingPrefix));
    }
}
