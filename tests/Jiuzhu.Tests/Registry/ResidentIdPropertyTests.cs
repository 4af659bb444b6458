using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Tests.Registry;

/// <summary>Properties over thousands of generated numbers; a fixed seed keeps every run the same.</summary>
public sealed class ResidentIdPropertyTests
{
    private const string AllowedLast = "0123456789X";
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly DateOnly Earliest = new(1880, 1, 1);
    private static readonly DateOnly Latest = new(2025, 12, 31);

    private static IEnumerable<(string Id, string Address, DateOnly Birth, int Sequence)> Generated(int count, int seed)
    {
        var rng = new Random(seed);
        var days = Latest.DayNumber - Earliest.DayNumber;
        for (var n = 0; n < count; n++)
        {
            var address = rng.Next(110000, 830000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var birth = Earliest.AddDays(rng.Next(days + 1));
            var sequence = rng.Next(1000);
            yield return (ResidentId.Compose(address, birth, sequence), address, birth, sequence);
        }
    }

    [Fact]
    public void Composed_numbers_round_trip_through_check()
    {
        var checkedX = 0;
        foreach (var (id, address, birth, sequence) in Generated(5000, 20261129))
        {
            var result = ResidentId.Check(id, Today);
            Assert.True(result.Valid, $"{id}: {result.Reason?.Message}");
            Assert.Equal(id, result.Normalized);
            Assert.Equal(birth, result.BirthDate);
            Assert.Equal(sequence % 2 == 1 ? Sex.Male : Sex.Female, result.Sex);
            Assert.Equal(address, result.RegionCode);

            // The same number typed in full width with a lower-case x and padded comes back identical.
            var typed = "\u3000" + string.Concat(id.Select(c => c == 'X' ? 'ｘ' : (char)(c + 0xFEE0))) + " ";
            Assert.Equal(id, ResidentId.Check(typed, Today).Normalized);
            checkedX += id[17] == 'X' ? 1 : 0;
        }

        Assert.True(checkedX > 100, "the sample should include numbers ending in X");
    }

    [Fact]
    public void Any_single_changed_character_is_caught_unless_the_result_is_itself_valid()
    {
        foreach (var (id, _, _, _) in Generated(1500, 7064))
        {
            for (var position = 0; position < 18; position++)
            {
                var allowed = position == 17 ? AllowedLast : AllowedLast[..10];
                foreach (var replacement in allowed.Where(c => c != id[position]))
                {
                    var changed = string.Concat(id.AsSpan(0, position), replacement.ToString(), id.AsSpan(position + 1));
                    var result = ResidentId.Check(changed, Today);

                    Assert.Equal(IndependentlyValid(changed), result.Valid);
                    Assert.Equal(result.Valid, result.Reason is null);
                    Assert.Equal(result.Valid ? changed : null, result.Normalized);

                    // MOD 11-2 guarantees this: every weight is non-zero mod 11 and 11 is prime, so a single changed
                    // digit always changes the sum; a changed check character never matches the unchanged sum.
                    Assert.False(result.Valid, $"{id} → {changed} was not caught");
                }
            }
        }
    }

    [Fact]
    public void An_X_anywhere_but_the_last_position_is_a_bad_character()
    {
        foreach (var (id, _, _, _) in Generated(200, 42))
        {
            for (var position = 0; position < 17; position++)
            {
                var changed = string.Concat(id.AsSpan(0, position), "X", id.AsSpan(position + 1));
                Assert.Equal("id.character", ResidentId.Check(changed, Today).Reason!.Code);
            }
        }
    }

    [Fact]
    public void Upgraded_15_digit_numbers_round_trip()
    {
        var rng = new Random(1999);
        for (var n = 0; n < 2000; n++)
        {
            var birth = new DateOnly(1900, 1, 1).AddDays(rng.Next(36500));
            var id = ResidentId.Compose(rng.Next(110000, 660000).ToString(System.Globalization.CultureInfo.InvariantCulture), birth, rng.Next(1000));
            var legacy = string.Concat(id.AsSpan(0, 6), id.AsSpan(8, 9)); // drop the century and the check character
            var result = ResidentId.Check(legacy, Today);
            Assert.True(result.Valid, $"{legacy}: {result.Reason?.Message}");
            Assert.Equal(id, result.Normalized);
        }
    }

    /// <summary>
    /// ISO 7064 MOD 11-2 written the other way round from the implementation: over all 18 characters, with X worth
    /// 10 and weight 2^(18-i) mod 11, a valid number sums to 1 mod 11. Plus a birth date that exists in range.
    /// </summary>
    private static bool IndependentlyValid(string id)
    {
        var sum = 0;
        for (var i = 0; i < 18; i++)
        {
            var value = id[i] == 'X' ? 10 : id[i] - '0';
            sum += value * (int)(Math.Pow(2, 17 - i) % 11);
        }

        return sum % 11 == 1
            && DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var birth)
            && birth >= Earliest && birth <= Today;
    }
}
