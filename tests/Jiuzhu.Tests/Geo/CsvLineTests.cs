using Jiuzhu.Geo.ImportRegions;

namespace Jiuzhu.Tests.Geo;

public sealed class CsvLineTests
{
    private readonly List<string> _fields = [];

    [Fact]
    public void A_quoted_name_loses_its_quotes()
    {
        Assert.True(CsvLine.TrySplit("371121001002,\"集后社区居民委员会\",371121001,37,3711,371121", _fields));
        Assert.Equal(["371121001002", "集后社区居民委员会", "371121001", "37", "3711", "371121"], _fields);
    }

    [Fact]
    public void A_comma_inside_quotes_belongs_to_the_field()
    {
        Assert.True(CsvLine.TrySplit("11,\"北京市, 直辖\",x", _fields));
        Assert.Equal(["11", "北京市, 直辖", "x"], _fields);
    }

    [Fact]
    public void Doubled_quotes_inside_quotes_are_one_quote()
    {
        Assert.True(CsvLine.TrySplit("11,\"a \"\"b\"\", c\",\"\"", _fields));
        Assert.Equal(["11", "a \"b\", c", ""], _fields);
    }

    [Fact]
    public void Empty_fields_are_kept()
    {
        Assert.True(CsvLine.TrySplit("11,,", _fields));
        Assert.Equal(["11", "", ""], _fields);
    }

    [Theory]
    [InlineData("11,\"北京市,1")] // never closed
    [InlineData("11,\"北京\"市,1")] // text after the closing quote
    [InlineData("11,北\"京,1")] // a quote inside an unquoted field
    public void Broken_quoting_is_refused(string line) => Assert.False(CsvLine.TrySplit(line, _fields));
}
