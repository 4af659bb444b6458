using System.Text.Json;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Tests.Registry;

public sealed class ResidentIdTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static JsonElement Vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("vectors", "resident-id.json")));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Reference_vectors_are_classified_correctly()
    {
        var vectors = Vectors();
        foreach (var v in vectors.GetProperty("valid").EnumerateArray())
        {
            var id = v.GetProperty("id").GetString()!;
            var result = ResidentId.Check(id);
            Assert.True(result.Valid, v.GetProperty("why").GetString());
            Assert.Equal(id, result.Normalized);
            Assert.Null(result.Reason);
            Assert.True(ResidentId.IsValid(id));
        }

        foreach (var v in vectors.GetProperty("invalid").EnumerateArray())
        {
            var id = v.GetProperty("id").GetString()!;
            var result = ResidentId.Check(id);
            Assert.False(result.Valid, v.GetProperty("why").GetString());
            Assert.Null(result.Normalized);
            Assert.NotNull(result.Reason);
            Assert.False(ResidentId.IsValid(id));
        }
    }

    [Fact]
    public void Reference_vectors_say_why_each_invalid_number_fails()
    {
        var reasons = Vectors().GetProperty("invalid").EnumerateArray()
            .ToDictionary(v => v.GetProperty("id").GetString()!, v => ResidentId.Check(v.GetProperty("id").GetString()).Reason!);

        Assert.Equal("id.check_character", reasons["110105194912310021"].Code);
        Assert.Equal("id.check_character", reasons["440524188001010015"].Code);
        Assert.Equal("id.missing_digits", reasons["1101051949123100"].Code);
        Assert.Contains("长度为 16 位，可能丢失了数字", reasons["1101051949123100"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_vector_15_digit_number_is_upgraded()
    {
        var upgrade = Vectors().GetProperty("upgrade_15_to_18");
        var result = ResidentId.Check(upgrade.GetProperty("input").GetString());
        Assert.True(result.Valid);
        Assert.Equal(upgrade.GetProperty("output").GetString(), result.Normalized);
    }

    [Fact]
    public void Check_character_follows_the_reference_weights_and_table()
    {
        var vectors = Vectors();
        var weights = vectors.GetProperty("weights").EnumerateArray().Select(w => w.GetInt32()).ToArray();
        var table = vectors.GetProperty("remainder_to_check_char").EnumerateObject()
            .ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetString()![0]);
        var rng = new Random(11643);
        var seen = new HashSet<int>();
        for (var n = 0; n < 500; n++)
        {
            var digits = Enumerable.Range(0, 17).Select(_ => rng.Next(10)).ToArray();
            var remainder = digits.Select((d, i) => d * weights[i]).Sum() % 11;
            seen.Add(remainder);
            Assert.Equal(table[remainder], ResidentId.CheckCharacter(string.Concat(digits)));
        }

        Assert.Equal(11, seen.Count);
    }

    [Fact]
    public void A_valid_number_carries_birth_date_sex_and_address_code()
    {
        var result = ResidentId.Check("11010519491231002X");
        Assert.Equal(new DateOnly(1949, 12, 31), result.BirthDate);
        Assert.Equal(Sex.Female, result.Sex);
        Assert.Equal("110105", result.RegionCode);
        Assert.Equal(Sex.Male, ResidentId.Check("440524188001010014").Sex);
    }

    [Theory]
    [InlineData("11010519491231002x")]                       // lower-case x
    [InlineData("  11010519491231002X\t")]                   // ASCII spaces and a tab
    [InlineData("\u300011010519491231002X\u3000")]           // full-width (ideographic) space
    [InlineData("\u00A011010519491231002X\u00A0")]           // NBSP from a web page
    [InlineData("\uFEFF11010519491231002X\r\n")]             // BOM and line end of a pasted cell
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")]         // full-width digits and X
    [InlineData("１１０１０５１９４９１２３１００２ｘ")]         // full-width lower-case x
    [InlineData("\u3000１１０１０５１９４９１２３１００２ｘ ")]
    public void Surrounding_spaces_full_width_and_lower_case_x_are_normalised(string input)
    {
        var result = ResidentId.Check(input);
        Assert.True(result.Valid, result.Reason?.Message);
        Assert.Equal("11010519491231002X", result.Normalized);
        Assert.Equal(input, result.Input);
        Assert.False(ResidentId.IsValid(input)); // not the stored form: store Normalized
    }

    [Theory]
    [InlineData("3.71121E+17")]
    [InlineData("3.7112119430517E+17")]
    [InlineData("3.71121e+17")]
    [InlineData("3.71121E17")]
    [InlineData("3.71121e17")]
    [InlineData("+3.71121E+17")]
    [InlineData("3,71121E+17")]
    [InlineData(" 3.71121E+17 ")]
    [InlineData("３.７１１２１Ｅ＋１７")]
    [InlineData("4E+17")]
    public void Scientific_notation_is_reported_as_lost(string input)
    {
        var result = ResidentId.Check(input);
        Assert.False(result.Valid);
        Assert.Equal("id.scientific_notation", result.Reason!.Code);
        Assert.Equal("身份证号被表格软件转成了科学计数法（如 3.71121E+17），原号码已丢失，请按文本格式重新录入", result.Reason.Message);
        Assert.Null(result.Normalized);
    }

    [Theory]
    [InlineData("371121194305171234.0", ".0")]
    [InlineData("371121194305171234.00", ".00")]
    [InlineData("11010519491231002.5", ".5")]
    [InlineData("371121194305171234.", ".")]
    public void A_decimal_part_is_reported(string input, string part)
    {
        var reason = ResidentId.Check(input).Reason!;
        Assert.Equal("id.decimal_part", reason.Code);
        Assert.Contains($"小数部分（{part}）", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thousands_separators_are_reported() =>
        Assert.Equal("id.thousands_separator", ResidentId.Check("371,121,194,305,171,000").Reason!.Code);

    [Fact]
    public void Eighteen_digits_ending_000_that_fail_the_check_are_spreadsheet_truncation()
    {
        // What a spreadsheet keeps of 371121194305171234: 15 significant digits, then zeros.
        Assert.NotEqual('0', ResidentId.CheckCharacter("37112119430517100"));
        var reason = ResidentId.Check("371121194305171000").Reason!;
        Assert.Equal("id.truncated", reason.Code);
        Assert.Contains("15 位有效数字", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_number_ending_000_is_not_mistaken_for_truncation()
    {
        var id = Enumerable.Range(0, 1000).Select(s => ResidentId.Compose("371121", new DateOnly(1960, 1, 1).AddDays(s), 0))
            .First(i => i.EndsWith("000", StringComparison.Ordinal));
        Assert.True(ResidentId.Check(id).Valid);
    }

    [Theory]
    [InlineData("37112119430517123", 17)]
    [InlineData("3711211943051712X", 17)]
    [InlineData("3711211943051712", 16)]
    public void Sixteen_or_seventeen_digits_have_lost_digits(string input, int length)
    {
        var reason = ResidentId.Check(input).Reason!;
        Assert.Equal("id.missing_digits", reason.Code);
        Assert.Contains($"长度为 {length} 位，可能丢失了数字", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1101051949123100", "id.missing_digits")]
    [InlineData("11010519491231002X1", "id.length")]
    [InlineData("1101051949", "id.length")]
    [InlineData("11010519491231002XX", "id.length")]
    public void Wrong_lengths_are_reported(string input, string code) =>
        Assert.Equal(code, ResidentId.Check(input).Reason!.Code);

    [Theory]
    [InlineData("110105 19491231002X", 7, "空格")]
    [InlineData("110105\u300019491231002X", 7, "空格")]
    [InlineData("110105-19491231-002X", 7, "横线")]
    [InlineData("110105－19491231002X", 7, "横线")]
    [InlineData("1101051949 1231 002X", 11, "空格")]
    public void Inner_spaces_and_dashes_are_rejected_not_removed(string input, int position, string what)
    {
        var reason = ResidentId.Check(input).Reason!;
        Assert.Equal("id.inner_separator", reason.Code);
        Assert.Contains(what, reason.Message, StringComparison.Ordinal);
        Assert.Contains($"第 {position} 位", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11O10519491231002X", 3, "O")]
    [InlineData("1101051949123100AX", 17, "A")]
    [InlineData("11010519491231002Y", 18, "Y")]
    [InlineData("1101051949123100X2", 17, "X")]
    [InlineData("'11010519491231002", 1, "'")]
    [InlineData("11010519491231002Ｙ", 18, "Ｙ")]
    [InlineData("11010549123100A", 15, "A")]
    public void A_bad_character_is_named_with_its_position(string input, int position, string character)
    {
        var reason = ResidentId.Check(input).Reason!;
        Assert.Equal("id.character", reason.Code);
        Assert.Contains($"第 {position} 位是“{character}”", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1101051949\u200B1231002X", "id.inner_separator", "U+200B")]
    [InlineData("1101051949\u00011231002X", "id.length", "19 位")]
    [InlineData("1101051949\u0001231002X", "id.character", "U+0001")]
    public void Invisible_characters_are_named_by_their_code_point(string input, string code, string shown)
    {
        var reason = ResidentId.Check(input).Reason!;
        Assert.Equal(code, reason.Code);
        Assert.Contains(shown, reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_birth_date_that_does_not_exist_is_rejected()
    {
        var first17 = "37112119430230123";
        var result = ResidentId.Check(first17 + ResidentId.CheckCharacter(first17));
        Assert.Equal("id.birth_date_nonexistent", result.Reason!.Code);
        Assert.Contains("19430230", result.Reason.Message, StringComparison.Ordinal);
        Assert.False(ResidentId.IsValid(first17 + ResidentId.CheckCharacter(first17)));
    }

    [Fact]
    public void A_birth_date_in_the_future_is_rejected()
    {
        var tomorrow = ResidentId.Compose("371121", Today.AddDays(1), 123);
        Assert.Equal("id.birth_date_future", ResidentId.Check(tomorrow, Today).Reason!.Code);
        Assert.True(ResidentId.Check(ResidentId.Compose("371121", Today, 123), Today).Valid);
    }

    [Fact]
    public void A_birth_date_before_1880_is_rejected()
    {
        var result = ResidentId.Check(ResidentId.Compose("440524", new DateOnly(1879, 12, 31), 1));
        Assert.Equal("id.birth_date_too_early", result.Reason!.Code);
        Assert.True(ResidentId.Check(ResidentId.Compose("440524", new DateOnly(1880, 1, 1), 1)).Valid);
    }

    [Fact]
    public void A_wrong_check_character_is_reported_without_revealing_the_right_one()
    {
        var messages = new HashSet<string>();
        foreach (var valid in new[] { "11010519491231002X", "440524188001010014", ResidentId.Compose("371121", new DateOnly(1943, 5, 17), 123) })
        {
            foreach (var wrong in "0123456789X".Where(c => c != valid[17]))
            {
                var result = ResidentId.Check(valid[..17] + wrong);
                Assert.Equal("id.check_character", result.Reason!.Code);
                Assert.DoesNotContain(valid[17].ToString(), result.Reason.Message[result.Reason.Message.IndexOf('：', StringComparison.Ordinal)..], StringComparison.Ordinal);
                messages.Add(result.Reason.Message);
            }
        }

        // One message for every number and every wrong character: it carries nothing about the right one.
        Assert.Single(messages);
    }

    [Theory]
    [InlineData("110105491231002", "11010519491231002X", "1949-12-31")]
    [InlineData(" ４４０５２４８００１０１００１ ", "440524198001010013", "1980-01-01")]
    public void Well_formed_15_digit_numbers_are_upgraded_to_18(string input, string expected, string birthDate)
    {
        var result = ResidentId.Check(input);
        Assert.True(result.Valid, result.Reason?.Message);
        Assert.Equal(expected, result.Normalized);
        Assert.Equal(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture), result.BirthDate);
    }

    [Theory]
    [InlineData("110105490230002", "id.birth_date_nonexistent")] // 1949-02-30
    [InlineData("110105491331002", "id.birth_date_nonexistent")] // month 13
    [InlineData("11010549123100X", "id.character")]              // no check character in 15-digit numbers
    [InlineData("11010549123100x", "id.character")]
    public void Malformed_15_digit_numbers_are_not_upgraded(string input, string code)
    {
        var result = ResidentId.Check(input);
        Assert.False(result.Valid);
        Assert.Null(result.Normalized);
        Assert.Equal(code, result.Reason!.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Nothing_typed_is_reported_as_empty(string? input)
    {
        var result = ResidentId.Check(input);
        Assert.False(result.Valid);
        Assert.Equal("id.empty", result.Reason!.Code);
        Assert.False(ResidentId.IsValid(input));
    }

    [Fact]
    public void An_invalid_number_yields_nothing_derived_from_it()
    {
        var result = ResidentId.Check("110105194912310021");
        Assert.Null(result.Normalized);
        Assert.Null(result.BirthDate);
        Assert.Null(result.Sex);
        Assert.Null(result.RegionCode);
    }

    [Fact]
    public void Composed_numbers_are_valid_and_carry_birth_date_and_sex()
    {
        var id = ResidentId.Compose("371121", new DateOnly(1943, 5, 17), 123);
        Assert.True(ResidentId.IsValid(id));
        Assert.True(ResidentId.TryBirthDate(id, out var birth));
        Assert.Equal(new DateOnly(1943, 5, 17), birth);
        Assert.Equal(Sex.Male, ResidentId.SexOf(id));
        Assert.Equal(Sex.Female, ResidentId.SexOf(ResidentId.Compose("371121", new DateOnly(1943, 5, 17), 124)));
    }

    [Fact]
    public void Composing_refuses_a_malformed_address_code()
    {
        Assert.Throws<ArgumentException>(() => ResidentId.Compose("37112", new DateOnly(1943, 5, 17), 1));
        Assert.Throws<ArgumentException>(() => ResidentId.Compose("37112A", new DateOnly(1943, 5, 17), 1));
        Assert.Throws<ArgumentException>(() => ResidentId.Compose("371121", new DateOnly(1943, 5, 17), 1000));
    }

    [Fact]
    public void Masking_keeps_the_address_code_and_last_four_only() =>
        Assert.Equal("110105********002X", ResidentId.Mask("11010519491231002X"));
}
