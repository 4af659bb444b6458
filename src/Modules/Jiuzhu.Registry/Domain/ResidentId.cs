namespace Jiuzhu.Registry.Domain;

/// <summary>Citizen identity numbers (公民身份号码, GB 11643-1999): checking, composing and masking.</summary>
public static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

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

    /// <summary>True for an 18-character number with digits, an existing birth date and the right check character.</summary>
    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != 18)
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return false;
            }
        }

        return TryBirthDate(id, out _) && CheckCharacter(id) == id[17];
    }

    public static bool TryBirthDate(string id, out DateOnly birthDate) =>
        DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", out birthDate);

    /// <summary>Odd sequence digits are men, even are women.</summary>
    public static Sex SexOf(string id) => (id[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>Builds a valid number from an address code, birth date and 3-digit sequence.</summary>
    public static string Compose(string addressCode6, DateOnly birthDate, int sequence)
    {
        if (addressCode6.Length != 6 || sequence is < 0 or > 999)
        {
            throw new ArgumentException("Address code must have 6 digits and the sequence 0–999.");
        }

        var first17 = $"{addressCode6}{birthDate:yyyyMMdd}{sequence:000}";
        return first17 + CheckCharacter(first17);
    }

    /// <summary>Shows the address code and the last four characters only, e.g. 371121********123X.</summary>
    public static string Mask(string id) => id.Length == 18 ? $"{id[..6]}********{id[14..]}" : new string('*', id.Length);
}

/// <summary>Sex as recorded in the identity number.</summary>
public enum Sex
{
    Male = 1,
    Female = 2,
}
