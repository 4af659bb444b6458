using System.Globalization;
using Jiuzhu.Kernel;

namespace Jiuzhu.Registry.Domain;

/// <summary>Citizen identity numbers (公民身份号码, GB 11643-1999): checking, composing and masking.</summary>
public static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    // The oldest people with a number were born in the 1880s (GB 11643-1999 Annex A uses 1880-01-01); earlier is a typo.
    private static readonly DateOnly EarliestBirth = new(1880, 1, 1);

    private static readonly IdentifierText Text = new("id", "身份证号", "号码", "3.71121E+17");

    /// <summary>
    /// Checks a typed, pasted or imported number against today's date in China. Surrounding spaces, full-width
    /// characters and a lower-case x are normalised and a well-formed 15-digit number is upgraded to 18 digits;
    /// everything else that is wrong is reported, never repaired by guessing.
    /// </summary>
    public static ResidentIdCheck Check(string? input) => Check(input, ChinaTime.Today(TimeProvider.System));

    /// <summary>Checks <paramref name="input"/>; a birth date after <paramref name="today"/> is rejected.</summary>
    public static ResidentIdCheck Check(string? input, DateOnly today)
    {
        var trimmed = IdentifierText.TrimSurrounding(input ?? string.Empty);
        if (trimmed.Length == 0)
        {
            return Invalid(input, Text.Empty());
        }

        var folded = IdentifierText.Fold(trimmed);
        var problem = Text.SpreadsheetDamage(folded) ?? Text.InnerSeparator(trimmed, folded);
        if (problem is not null)
        {
            return Invalid(input, problem);
        }

        return folded.Length switch
        {
            18 => CheckFull(input, trimmed, folded, today),
            15 => CheckLegacy(input, trimmed, folded, today),
            _ => Invalid(input, Text.MissingDigits(folded, allowX: true) ?? Text.Length(folded.Length, "18 位（旧号码为 15 位）")),
        };
    }

    /// <summary>The ISO 7064 MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>
    /// True for a valid number already in its stored form: 18 characters, upper-case X, nothing to trim or upgrade.
    /// Input that is valid only after normalising is not: store <see cref="ResidentIdCheck.Normalized"/> instead.
    /// </summary>
    public static bool IsValid(string? id) => Check(id) is { Valid: true } result && result.Normalized == id;

    public static bool TryBirthDate(string id, out DateOnly birthDate)
    {
        birthDate = default;
        return id.Length >= 14 && DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate);
    }

    /// <summary>Odd sequence digits are men, even are women.</summary>
    public static Sex SexOf(string id) => (id[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>Builds a valid number from an address code, birth date and 3-digit sequence.</summary>
    public static string Compose(string addressCode6, DateOnly birthDate, int sequence)
    {
        if (addressCode6.Length != 6 || !IdentifierText.AllDigits(addressCode6) || sequence is < 0 or > 999)
        {
            throw new ArgumentException("Address code must have 6 digits and the sequence 0–999.");
        }

        var first17 = string.Create(CultureInfo.InvariantCulture, $"{addressCode6}{birthDate:yyyyMMdd}{sequence:000}");
        return first17 + CheckCharacter(first17);
    }

    /// <summary>Shows the address code and the last four characters only, e.g. 371121********123X.</summary>
    public static string Mask(string id) => id.Length == 18 ? $"{id[..6]}********{id[14..]}" : new string('*', id.Length);

    private static ResidentIdCheck CheckFull(string? input, string trimmed, string id, DateOnly today)
    {
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return Invalid(input, Text.Character(trimmed, i, "应为数字"));
            }
        }

        if (!char.IsAsciiDigit(id[17]) && id[17] != 'X')
        {
            return Invalid(input, Text.Character(trimmed, 17, "应为数字或 X"));
        }

        if (BirthDateProblem(id.AsSpan(6, 8), "7–14", today) is { } dateProblem)
        {
            return Invalid(input, dateProblem);
        }

        if (CheckCharacter(id) != id[17])
        {
            // The message never names the right check character: it would turn a guessed number into a valid one.
            return Invalid(input, IdentifierText.LooksTruncated(id)
                ? Text.Truncated()
                : Text.Problem("check_character", "身份证号的校验码（第 18 位）与前 17 位不符：有数字录错或前后颠倒，请对照证件核对"));
        }

        return Valid(input, id);
    }

    // GB 11643-1999 §6: the 15-digit numbers issued before 1999 carry a 2-digit year of the 1900s and no check
    // character; the 18-digit form inserts "19" before the birth date and appends the check character.
    private static ResidentIdCheck CheckLegacy(string? input, string trimmed, string legacy, DateOnly today)
    {
        for (var i = 0; i < 15; i++)
        {
            if (!char.IsAsciiDigit(legacy[i]))
            {
                return Invalid(input, Text.Character(trimmed, i, "15 位旧号码应全部为数字"));
            }
        }

        var first17 = string.Concat(legacy.AsSpan(0, 6), "19", legacy.AsSpan(6));
        if (BirthDateProblem(first17.AsSpan(6, 8), "7–12", today) is { } dateProblem)
        {
            return Invalid(input, dateProblem);
        }

        return Valid(input, first17 + CheckCharacter(first17));
    }

    private static Error? BirthDateProblem(ReadOnlySpan<char> yyyyMMdd, string positions, DateOnly today)
    {
        if (!DateOnly.TryParseExact(yyyyMMdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
        {
            return Text.Problem("birth_date_nonexistent", $"身份证号第 {positions} 位的出生日期 {yyyyMMdd} 不是存在的日期");
        }

        if (birth > today)
        {
            return Text.Problem("birth_date_future", $"身份证号中的出生日期 {Iso(birth)} 晚于今天");
        }

        return birth < EarliestBirth
            ? Text.Problem("birth_date_too_early", $"身份证号中的出生日期 {Iso(birth)} 早于 1880 年")
            : null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ResidentIdCheck Valid(string? input, string id)
    {
        TryBirthDate(id, out var birth);
        return new ResidentIdCheck(input, true, id, null, birth, SexOf(id), id[..6]);
    }

    private static ResidentIdCheck Invalid(string? input, Error reason) => new(input, false, null, reason, null, null, null);
}

/// <summary>
/// The verdict on one identity number: the 18-character stored form, birth date, sex and 6-digit address code
/// when valid; otherwise a reason with a stable code and a Chinese message, and nothing derived from the number.
/// </summary>
public sealed record ResidentIdCheck(
    string? Input,
    bool Valid,
    string? Normalized,
    Error? Reason,
    DateOnly? BirthDate,
    Sex? Sex,
    string? RegionCode);

/// <summary>Sex as recorded in the identity number.</summary>
public enum Sex
{
    Male = 1,
    Female = 2,
}
