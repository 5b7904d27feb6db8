namespace CivilAffairs.Domain.Roster;

/// <summary>
/// The shape of the account a household is paid into: a bank card or passbook account of 16 to 19 digits. UnionPay
/// cards (银联卡, numbers starting 62) carry a Luhn check digit, so a mistyped digit on one of them is caught at entry;
/// passbook accounts of the rural credit cooperatives do not, and are checked for shape only.
/// </summary>
public static class BankAccountNumber
{
    public const int MinLength = 16;
    public const int MaxLength = 19;
    public const string UnionPayPrefix = "62";

    /// <summary>Digits only, of an account's length.</summary>
    public static bool HasShape(string account) => account.Length is >= MinLength and <= MaxLength && account.All(char.IsAsciiDigit);

    /// <summary>Of an account's shape, and a UnionPay card number's check digit right.</summary>
    public static bool IsWellFormed(string account) =>
        HasShape(account) && (!account.StartsWith(UnionPayPrefix, StringComparison.Ordinal) || LuhnHolds(account));

    /// <summary>The Luhn (mod 10) check over every digit, the last being the check digit.</summary>
    public static bool LuhnHolds(string digits) => LuhnSum(digits, checkDigitIncluded: true) % 10 == 0;

    /// <summary>The check digit that completes <paramref name="body"/> (every digit but the last).</summary>
    public static char CheckDigitFor(string body) => (char)('0' + (10 - LuhnSum(body, checkDigitIncluded: false) % 10) % 10);

    private static int LuhnSum(string digits, bool checkDigitIncluded)
    {
        var sum = 0;
        // Doubling starts at the digit left of the check digit, counting from the right.
        var doubled = !checkDigitIncluded;
        for (var i = digits.Length - 1; i >= 0; i--, doubled = !doubled)
        {
            var d = digits[i] - '0';
            if (doubled) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum;
    }
}
