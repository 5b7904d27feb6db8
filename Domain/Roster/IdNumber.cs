using System.Globalization;

namespace CivilAffairs.Domain.Roster;

/// <summary>Sex as the resident ID number encodes it (digit 17: odd male, even female).</summary>
public enum Sex
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// An 18-digit resident identity number (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence
/// whose last digit gives the sex, and a check character computed mod 11.
/// </summary>
public readonly record struct IdNumber
{
    public const int Length = 18;
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private IdNumber(string value) => Value = value;

    public string Value { get; }

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);
    public Sex Sex => (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
    /// <summary>The last four characters, which staff search by.</summary>
    public string LastFour => Value[^4..];
    public string Masked => Common.Masking.Mask(Value);

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacterOf(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>Why a text is not a valid number, or null when it is.</summary>
    public static IdNumberProblem? Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return IdNumberProblem.Missing;
        var value = text.Trim().ToUpperInvariant();
        if (value.Length != Length) return IdNumberProblem.WrongLength;
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(value[i])) return IdNumberProblem.NotDigits;
        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X') return IdNumberProblem.NotDigits;
        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900) return IdNumberProblem.BadBirthDate;
        if (CheckCharacterOf(value) != value[17]) return IdNumberProblem.BadCheckCharacter;
        return null;
    }

    public static bool TryParse(string? text, out IdNumber number)
    {
        number = default;
        if (Check(text) is not null) return false;
        number = new IdNumber(text!.Trim().ToUpperInvariant());
        return true;
    }

    public static IdNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"Not a valid resident ID number ({Check(text)}).");

    /// <summary>Builds a valid number from its parts (area code, birth date, 3-digit sequence); the demo and tests use it.</summary>
    public static IdNumber Compose(string areaCode, DateOnly birthDate, int sequence)
    {
        var first17 = $"{areaCode}{birthDate:yyyyMMdd}{sequence:D3}";
        return new IdNumber(first17 + CheckCharacterOf(first17));
    }

    public override string ToString() => Masked;
}

/// <summary>What is wrong with a text that should be an ID number.</summary>
public enum IdNumberProblem
{
    Missing = 1,
    WrongLength = 2,
    NotDigits = 3,
    BadBirthDate = 4,
    BadCheckCharacter = 5,
}
