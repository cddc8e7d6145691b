using System.Text.RegularExpressions;

namespace Lodestar.Governance.Privacy;

/// <summary>
/// Confirms phone candidates. International numbers need 8–15 digits (E.164). National numbers need either a
/// trunk prefix 0 and 10–12 digits, or the North American 3-3-4 shape; separators must be consistent, which
/// rules out dates and times glued together ("2024-01-15 10").
/// </summary>
internal static class PhoneNumberRules
{
    private const int MaxGroups = 8;

    public static int ConfirmInternational(string text, Match match)
    {
        var value = match.ValueSpan;
        var digits = 0;
        for (var i = 0; i < value.Length; i++)
        {
            // "(0)" is the optional national trunk prefix, not part of the E.164 number.
            if (value[i..].StartsWith("(0)", StringComparison.Ordinal))
            {
                i += 2;
            }
            else if (char.IsAsciiDigit(value[i]))
            {
                digits++;
            }
        }

        return digits is >= 8 and <= 15 ? match.Length : 0;
    }

    public static int ConfirmNational(string text, Match match)
    {
        var value = match.ValueSpan;
        Span<int> groups = stackalloc int[MaxGroups];
        var groupCount = 0;
        var digits = 0;
        var separator = '\0';
        var afterParenthesis = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                if (i == 0 || !char.IsAsciiDigit(value[i - 1]))
                {
                    if (groupCount == MaxGroups)
                    {
                        return 0;
                    }

                    groupCount++;
                }

                groups[groupCount - 1]++;
                digits++;
            }
            else if (c == ')')
            {
                afterParenthesis = true;
            }
            else if (c != '(')
            {
                if (afterParenthesis)
                {
                    afterParenthesis = false;
                }
                else if (separator == '\0' || separator == c)
                {
                    separator = c;
                }
                else
                {
                    return 0;
                }
            }
        }

        var shape = groups[..groupCount];
        var firstDigit = FirstDigit(value);
        var valid = firstDigit == '0'
            ? digits is >= 10 and <= 12
            : IsNorthAmerican(value, shape, digits);
        return valid ? match.Length : 0;
    }

    private static bool IsNorthAmerican(ReadOnlySpan<char> value, ReadOnlySpan<int> shape, int digits)
    {
        var offset = digits == 11 && shape.Length == 4 && shape[0] == 1 && FirstDigit(value) == '1' ? 1 : 0;
        if (digits - offset != 10 || shape.Length - offset != 3 || shape[offset] != 3 || shape[offset + 1] != 3 || shape[offset + 2] != 4)
        {
            return false;
        }

        // Area code and exchange both start with 2–9.
        Span<char> number = stackalloc char[11];
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                number[count++] = c;
            }
        }

        return number[offset] >= '2' && number[offset + 3] >= '2';
    }

    private static char FirstDigit(ReadOnlySpan<char> value)
    {
        var index = value.IndexOfAnyInRange('0', '9');
        return index < 0 ? '\0' : value[index];
    }
}
