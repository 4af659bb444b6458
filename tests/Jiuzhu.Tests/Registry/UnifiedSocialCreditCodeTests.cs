using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Tests.Registry;

public sealed class UnifiedSocialCreditCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>
    /// Real codes as published by or about the organizations (annual reports, prospectuses, court rulings,
    /// procurement contracts, the companies' own pages, Wikipedia's infobox for Huawei).
    /// </summary>
    public static TheoryData<string, string> PublishedCodes => new()
    {
        { "914403001922038216", "华为技术有限公司 (zh.wikipedia.org 华为 infobox)" },
        { "91440300708461136T", "深圳市腾讯计算机系统有限公司 (AIGC content labels of its services)" },
        { "9131000063159284XQ", "国泰君安证券股份有限公司 (organization check character X)" },
        { "91420100568359390C", "武汉光庭信息技术股份有限公司 (listed 301221; organization check character 0, i.e. 11)" },
        { "91330100470102706G", "杭州市城市建设投资集团 subsidiary, bond disclosure" },
        { "91440106074639077N", "广州博鳌纵横网络科技有限公司" },
        { "91211103MA10E6140W", "盘锦信朋缘劳务有限公司 (letters in the organization code)" },
        { "91110117MABWGRQU85", "企查龙（北京）科技有限公司 (letters valued 10–35 under GB 11714)" },
        { "12100000470095016Q", "浙江大学 (事业单位, category 12)" },
        { "12100000425006117P", "复旦大学" },
        { "12310000425022547M", "上海工程技术大学" },
        { "11140800558745220K", "晋中市文化和旅游局 (机关, category 11)" },
        { "11410182005291054B", "荥阳市司法局 (court ruling (2019)豫01行终492号)" },
        { "53100000500019795A", "a national public foundation registered with 民政部 (category 53)" },
        { "91140106713678575D", "山西晋韵古建筑有限公司 (procurement contract)" },
    };

    [Theory]
    [MemberData(nameof(PublishedCodes))]
    public void Published_codes_are_valid(string code, string whose)
    {
        var result = UnifiedSocialCreditCode.Check(code);
        Assert.True(result.Valid, $"{whose}: {result.Reason?.Message}");
        Assert.Equal(code, result.Normalized);
        Assert.True(UnifiedSocialCreditCode.IsValid(code));
        Assert.Equal(code[17], UnifiedSocialCreditCode.CheckCharacter(code));
        Assert.Equal(code[16], UnifiedSocialCreditCode.OrganizationCheckCharacter(code.AsSpan(8, 8)));
    }

    [Fact]
    public void A_valid_code_is_split_into_its_parts()
    {
        var result = UnifiedSocialCreditCode.Check("914403001922038216");
        Assert.Equal("9", result.RegistrationAuthority);
        Assert.Equal("1", result.OrganizationCategory);
        Assert.Equal("440300", result.RegionCode);
        Assert.Equal("192203821", result.OrganizationCode);
    }

    [Fact]
    public void The_worked_example_of_the_standard_computes_check_character_3()
    {
        // Σ = 1640, 1640 mod 31 = 28, C18 = 31 − 28 = 3: the example code ending in Z is wrong (Z is not even used).
        Assert.Equal('3', UnifiedSocialCreditCode.CheckCharacter("91350100M000100Y4"));
        Assert.True(UnifiedSocialCreditCode.Check("91350100M000100Y43").Valid);
        var reason = UnifiedSocialCreditCode.Check("91350100M000100Y4Z").Reason!;
        Assert.Equal("uscc.character", reason.Code);
        Assert.Contains("第 18 位是“Z”", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91350211M0000XUF46")]
    [InlineData("91350100M0001TGQXM")]
    [InlineData("91350203M0001FUE2P")]
    public void Early_Fujian_pilot_codes_that_break_the_standard_are_rejected(string code)
    {
        // Issued before GB 32100-2015 took effect; real, but their check character does not follow the standard.
        // Documented in docs/identity-numbers.md: such an organization is confirmed by a person, not by the checker.
        Assert.Equal("uscc.check_character", UnifiedSocialCreditCode.Check(code).Reason!.Code);
    }

    [Theory]
    [InlineData("91440300708461136t")]
    [InlineData(" 91440300708461136T\u3000")]
    [InlineData("\u00A0９１４４０３００７０８４６１１３６Ｔ")]
    [InlineData("９１４４０３００７０８４６１１３６ｔ")]
    public void Surrounding_spaces_full_width_and_lower_case_are_normalised(string input)
    {
        var result = UnifiedSocialCreditCode.Check(input);
        Assert.True(result.Valid, result.Reason?.Message);
        Assert.Equal("91440300708461136T", result.Normalized);
        Assert.False(UnifiedSocialCreditCode.IsValid(input));
    }

    [Theory]
    [InlineData("9.14403E+17", "uscc.scientific_notation")]
    [InlineData("9.14403001922038E+17", "uscc.scientific_notation")]
    [InlineData("9.14403e17", "uscc.scientific_notation")]
    [InlineData("914403001922038216.0", "uscc.decimal_part")]
    [InlineData("914,403,001,922,038,000", "uscc.thousands_separator")]
    [InlineData("914403001922038000", "uscc.truncated")]
    [InlineData("91440300192203821", "uscc.missing_digits")]
    [InlineData("9144030019220382", "uscc.missing_digits")]
    [InlineData("440300000025945", "uscc.registration_number")]
    [InlineData("9144030070846113", "uscc.missing_digits")]
    [InlineData("91440300708461136TT", "uscc.length")]
    [InlineData("9144030070846113T", "uscc.length")]
    [InlineData("914403 001922038216", "uscc.inner_separator")]
    [InlineData("91440300-192203821-6", "uscc.inner_separator")]
    [InlineData("", "uscc.empty")]
    [InlineData(null, "uscc.empty")]
    public void Spreadsheet_damage_and_wrong_lengths_are_reported(string? input, string code)
    {
        var result = UnifiedSocialCreditCode.Check(input);
        Assert.False(result.Valid);
        Assert.Null(result.Normalized);
        Assert.Equal(code, result.Reason!.Code);
    }

    [Fact]
    public void Scientific_notation_message_says_the_code_is_lost() =>
        Assert.Equal("统一社会信用代码被表格软件转成了科学计数法（如 9.14403E+17），原代码已丢失，请按文本格式重新录入",
            UnifiedSocialCreditCode.Check("9.14403E+17").Reason!.Message);

    [Theory]
    [InlineData("91440300708461136I", 18, "I", "不使用字母 I、O、Z、S、V")]
    [InlineData("9144030070846113OT", 17, "O", "不使用字母 I、O、Z、S、V")]
    [InlineData("S1440300708461136T", 1, "S", "不使用字母 I、O、Z、S、V")]
    [InlineData("9144A300708461136T", 5, "A", "应为数字")]
    [InlineData("91440300708461136*", 18, "*", "应为数字或大写字母")]
    public void A_bad_character_is_named_with_its_position(string input, int position, string character, string expectation)
    {
        var reason = UnifiedSocialCreditCode.Check(input).Reason!;
        Assert.Equal("uscc.character", reason.Code);
        Assert.Contains($"第 {position} 位是“{character}”", reason.Message, StringComparison.Ordinal);
        Assert.Contains(expectation, reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_organization_check_character_is_caught_even_when_the_last_character_fits()
    {
        var first16 = "9144030019220382";
        var wrong = first16 + "2"; // the organization code 192203821 ends in 1
        var code = wrong + UnifiedSocialCreditCode.CheckCharacter(wrong);
        Assert.Equal("uscc.organization_check", UnifiedSocialCreditCode.Check(code).Reason!.Code);
    }

    [Fact]
    public void A_wrong_check_character_is_reported_without_revealing_the_right_one()
    {
        var messages = Alphabet.Where(c => c != '6').Select(c => UnifiedSocialCreditCode.Check("91440300192203821" + c).Reason!)
            .Select(r => (r.Code, r.Message)).Distinct().ToList();
        Assert.Single(messages);
        Assert.Equal("uscc.check_character", messages[0].Code);
    }

    [Fact]
    public void Generated_codes_round_trip_and_any_single_changed_character_is_caught()
    {
        var rng = new Random(32100);
        for (var n = 0; n < 2000; n++)
        {
            var code = Compose(rng);
            var result = UnifiedSocialCreditCode.Check(code);
            Assert.True(result.Valid, $"{code}: {result.Reason?.Message}");
            Assert.Equal(code, result.Normalized);

            for (var position = 0; position < 18; position++)
            {
                var allowed = position is >= 2 and <= 7 ? Alphabet[..10] : Alphabet;
                foreach (var replacement in allowed.Where(c => c != code[position]))
                {
                    var changed = string.Concat(code.AsSpan(0, position), replacement.ToString(), code.AsSpan(position + 1));

                    // MOD 31 with weights 3^i mod 31: 31 is prime and no weight is 0 mod 31, so any single change
                    // within the alphabet changes the sum and is always caught.
                    Assert.False(UnifiedSocialCreditCode.Check(changed).Valid, $"{code} → {changed} was not caught");
                }

                foreach (var excluded in "IOZSV")
                {
                    var changed = string.Concat(code.AsSpan(0, position), excluded.ToString(), code.AsSpan(position + 1));
                    Assert.Equal("uscc.character", UnifiedSocialCreditCode.Check(changed).Reason!.Code);
                }
            }
        }
    }

    /// <summary>A random code built as the standard describes: parts, then the GB 11714 and GB 32100 check characters.</summary>
    private static string Compose(Random rng)
    {
        var chars = new char[18];
        chars[0] = Alphabet[rng.Next(Alphabet.Length)];
        chars[1] = Alphabet[rng.Next(Alphabet.Length)];
        for (var i = 2; i < 8; i++)
        {
            chars[i] = (char)('0' + rng.Next(10));
        }

        for (var i = 8; i < 16; i++)
        {
            chars[i] = Alphabet[rng.Next(Alphabet.Length)];
        }

        chars[16] = UnifiedSocialCreditCode.OrganizationCheckCharacter(chars.AsSpan(8, 8));
        chars[17] = UnifiedSocialCreditCode.CheckCharacter(chars);
        return new string(chars);
    }
}
