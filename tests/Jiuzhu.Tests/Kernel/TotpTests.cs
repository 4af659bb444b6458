using System.Text;
using Jiuzhu.Identity;

namespace Jiuzhu.Tests.Kernel;

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 key "12345678901234567890" (base32 below), truncated to 6 digits.
    private const string Rfc6238Key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1111111111, "050471")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(Rfc6238Key, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Base32_decoding_ignores_spaces_and_case() =>
        Assert.Equal("12345678901234567890", Encoding.ASCII.GetString(Totp.Base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")));
}
