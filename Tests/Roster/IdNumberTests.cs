using CivilAffairs.Domain.Roster;

namespace CivilAffairs.Tests.Roster;

/// <summary>GB 11643 resident ID numbers.</summary>
public class IdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31, Sex.Female)]
    [InlineData("360426199101010071", 1991, 1, 1, Sex.Male)]
    [InlineData("513200199909060190", 1999, 9, 6, Sex.Male)]
    [InlineData("11010519491231002x", 1949, 12, 31, Sex.Female)]
    public void Published_examples_pass_and_give_birth_date_and_sex(string text, int year, int month, int day, Sex sex)
    {
        Assert.True(IdNumber.TryParse(text, out var number));
        Assert.Equal(new DateOnly(year, month, day), number.BirthDate);
        Assert.Equal(sex, number.Sex);
        Assert.Equal(text.ToUpperInvariant(), number.Value);
    }

    [Fact]
    public void Changing_any_one_digit_breaks_the_check()
    {
        const string valid = "360426199101010071";
        for (var i = 0; i < valid.Length; i++)
        {
            var digit = valid[i] - '0';
            var changed = valid[..i] + (char)('0' + (digit + 1) % 10) + valid[(i + 1)..];
            Assert.NotNull(IdNumber.Check(changed));
        }
    }

    [Theory]
    [InlineData(null, IdNumberProblem.Missing)]
    [InlineData("", IdNumberProblem.Missing)]
    [InlineData("36042619910101007", IdNumberProblem.WrongLength)]
    [InlineData("3604261991010100711", IdNumberProblem.WrongLength)]
    [InlineData("36042619910101007A", IdNumberProblem.NotDigits)]
    [InlineData("360426199113010071", IdNumberProblem.BadBirthDate)]
    [InlineData("360426199101010072", IdNumberProblem.BadCheckCharacter)]
    public void Invalid_numbers_say_what_is_wrong(string? text, IdNumberProblem problem) => Assert.Equal(problem, IdNumber.Check(text));

    [Fact]
    public void Composed_numbers_are_valid_and_masking_keeps_four_and_four()
    {
        var number = IdNumber.Compose("431081", new DateOnly(1958, 3, 9), 123);
        Assert.Null(IdNumber.Check(number.Value));
        Assert.Equal(Sex.Male, number.Sex);
        Assert.Equal("4310**********" + number.Value[^4..], number.Masked);
        Assert.DoesNotContain(number.Value[6..14], number.ToString());
    }
}
