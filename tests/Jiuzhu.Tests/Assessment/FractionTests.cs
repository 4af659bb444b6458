using Jiuzhu.Assessment.Mpi;

namespace Jiuzhu.Tests.Assessment;

public sealed class FractionTests
{
    [Theory]
    [InlineData("1/6", "1/6")]
    [InlineData("2/12", "1/6")]
    [InlineData("0.1", "1/10")]
    [InlineData("0.25", "1/4")]
    [InlineData("1", "1")]
    [InlineData(" 1 / 3 ", "1/3")]
    [InlineData("-0.5", "-1/2")]
    [InlineData("3/-6", "-1/2")]
    [InlineData(".5", "1/2")]
    [InlineData("2.", "2")]
    [InlineData("0.000", "0")]
    public void Parses_fractions_and_decimals_exactly_and_normalizes(string text, string expected)
    {
        Assert.True(Fraction.TryParse(text, out var value));
        Assert.Equal(expected, value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("one")]
    [InlineData("1/0")]
    [InlineData("1e-1")]
    [InlineData("1/2/3")]
    [InlineData("1,5")]
    [InlineData(".")]
    [InlineData("0.1/2")]
    public void Refuses_what_is_not_a_plain_fraction_or_decimal(string text) => Assert.False(Fraction.TryParse(text, out _));

    [Fact]
    public void Arithmetic_and_comparison_are_exact()
    {
        var tenth = Fraction.Parse("0.1");
        var sum = Fraction.Zero;
        for (var i = 0; i < 8; i++)
        {
            sum += tenth;
        }

        Assert.Equal(Fraction.Parse("0.8"), sum);
        Assert.True(sum >= Fraction.Parse("4/5"));
        Assert.Equal(Fraction.One, Fraction.Parse("1/3") * 3);
        Assert.Equal(Fraction.Parse("1/3"), Fraction.Parse("1/6") + Fraction.Parse("3/18"));
        Assert.Equal(Fraction.Parse("-1/12"), Fraction.Parse("1/6") - Fraction.Parse("1/4"));
        Assert.Equal(Fraction.Parse("2/3"), Fraction.Parse("1/6") / Fraction.Parse("1/4"));
        Assert.True(Fraction.Parse("5/18") < Fraction.Parse("1/3"));
        Assert.Equal(Fraction.Zero, default);
        Assert.Equal(Fraction.Parse("1.25"), Fraction.FromDecimal(1.25m));
        Assert.Equal(0.375, Fraction.Parse("3/8").ToDouble());
        Assert.Equal(1.0 / 3, Fraction.Parse("1/3").ToDouble());
    }
}
