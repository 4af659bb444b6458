using Jiuzhu.Kernel;

namespace Jiuzhu.Registry.Domain;

/// <summary>
/// Unified social credit codes of organizations (统一社会信用代码, GB 32100-2015): 1 registration authority
/// (登记管理部门), 1 organization category (机构类别), 6-digit administrative division of the registering
/// authority (登记管理机关行政区划码), 9-character organization code (主体标识码, GB 11714-1997, with its own
/// check character) and the check character.
/// </summary>
/// <remarks>
/// Rules from GB 32100-2015 §4 and Annex A (text at https://www.cods.org.cn/c/2020-10-29/12575.html; the worked
/// example reproduced with it, e.g. at https://renrendoc.com/p-47802332.html: 91350100M000100Y4Z sums to 1640,
/// remainder 28, so the check character is 3, not Z) and GB 11714-1997 §2.1.2 and Annex A
/// (https://zh.wikisource.org/wiki/GB_11714-1997_全国组织机构代码编制规则). Verified against published codes
/// (see the tests). Some codes issued in the 2015 Fujian pilot before the standard (e.g. 91350211M0000XUF46) do not
/// satisfy the check character and are rejected like any mistyped code.
/// </remarks>
public static class UnifiedSocialCreditCode
{
    // GB 32100-2015 Annex A: digits and upper-case letters without I, O, Z, S, V (easily confused), valued 0–30.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // W(i) = 3^(i-1) mod 31.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly int[] OrganizationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    private static readonly IdentifierText Text = new("uscc", "统一社会信用代码", "代码", "9.14403E+17");

    /// <summary>
    /// Checks a typed, pasted or imported code. Surrounding spaces, full-width characters and lower case are
    /// normalised; everything else that is wrong is reported, never repaired by guessing.
    /// </summary>
    public static UnifiedSocialCreditCodeCheck Check(string? input)
    {
        var trimmed = IdentifierText.TrimSurrounding(input ?? string.Empty);
        if (trimmed.Length == 0)
        {
            return Invalid(input, Text.Empty());
        }

        var code = IdentifierText.Fold(trimmed);
        var problem = Text.SpreadsheetDamage(code) ?? Text.InnerSeparator(trimmed, code);
        if (problem is null && code.Length != 18)
        {
            problem = code.Length == 15 && IdentifierText.AllDigits(code)
                ? Text.Problem("registration_number", "这是 15 位数字，像是旧的工商注册号，不是统一社会信用代码；请录入营业执照上的 18 位代码")
                : Text.MissingDigits(code, allowX: false) ?? Text.Length(code.Length, "18 位");
        }

        problem ??= CharacterProblem(trimmed, code) ?? CheckProblem(code);
        return problem is null
            ? new UnifiedSocialCreditCodeCheck(input, true, code, null, code[2..8], code[..1], code[1..2], code[8..17])
            : Invalid(input, problem);
    }

    /// <summary>True for a valid code already in its stored form (18 upper-case characters, nothing to trim).</summary>
    public static bool IsValid(string? code) => Check(code) is { Valid: true } result && result.Normalized == code;

    /// <summary>The check character (18th) of the first 17 characters, which must be in the code's alphabet.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }

        // C18 = 31 − MOD(Σ, 31), and 31 is written 0.
        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>The GB 11714 check character (9th) of an organization code's first 8 characters (digits or A–Z).</summary>
    public static char OrganizationCheckCharacter(ReadOnlySpan<char> first8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            // GB 11714 Annex A values letters A–Z as 10–35, not by the credit-code alphabet; real codes such as
            // 91110117MABWGRQU85 only check out this way.
            var c = first8[i];
            sum += (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * OrganizationWeights[i];
        }

        // C9 = 11 − MOD(Σ, 11); 10 is written X and 11 is written 0.
        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }

    private static Error? CharacterProblem(string trimmed, string code)
    {
        for (var i = 0; i < 18; i++)
        {
            var c = code[i];
            if (i is >= 2 and <= 7)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return Text.Character(trimmed, i, "第 3–8 位是行政区划码，应为数字");
                }
            }
            else if (!Alphabet.Contains(c))
            {
                return Text.Character(trimmed, i, c is 'I' or 'O' or 'Z' or 'S' or 'V'
                    ? "统一社会信用代码不使用字母 I、O、Z、S、V（容易与数字混淆），请对照营业执照核对"
                    : "应为数字或大写字母（不含 I、O、Z、S、V）");
            }
        }

        return null;
    }

    private static Error? CheckProblem(string code)
    {
        var checkFits = CheckCharacter(code) == code[17];
        var organizationFits = OrganizationCheckCharacter(code.AsSpan(8, 8)) == code[16];
        if (checkFits && organizationFits)
        {
            return null;
        }

        if (IdentifierText.LooksTruncated(code))
        {
            return Text.Truncated();
        }

        // As with identity numbers, the messages never name the right character.
        return checkFits
            ? Text.Problem("organization_check", "统一社会信用代码第 9–17 位的组织机构代码校验码（第 17 位）不符，请对照营业执照核对")
            : Text.Problem("check_character", "统一社会信用代码的校验码（第 18 位）与前 17 位不符：有字符录错或前后颠倒，请对照营业执照核对");
    }

    private static UnifiedSocialCreditCodeCheck Invalid(string? input, Error reason) => new(input, false, null, reason, null, null, null, null);
}

/// <summary>
/// The verdict on one unified social credit code: the stored form and its parts as codes when valid (e.g.
/// authority "9" 市场监管, category "1" 企业); otherwise a reason with a stable code and a Chinese message.
/// </summary>
public sealed record UnifiedSocialCreditCodeCheck(
    string? Input,
    bool Valid,
    string? Normalized,
    Error? Reason,
    string? RegionCode,
    string? RegistrationAuthority,
    string? OrganizationCategory,
    string? OrganizationCode);
