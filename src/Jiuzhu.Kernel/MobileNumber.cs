namespace Jiuzhu.Kernel;

/// <summary>Mainland mobile numbers (手机号): 11 digits starting with 1; personal data, stored encrypted and shown masked.</summary>
public static class MobileNumber
{
    /// <summary>The 11 digits with surrounding spaces and inner spaces or dashes removed; null when it is not a mobile number.</summary>
    public static string? Normalize(string? text)
    {
        var digits = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return digits.Length == 11 && digits[0] == '1' && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>138****5678.</summary>
    public static string Mask(string phone) => phone.Length >= 7 ? $"{phone[..3]}****{phone[^4..]}" : "****";
}
