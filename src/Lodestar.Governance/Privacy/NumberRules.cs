using System.Text.RegularExpressions;

namespace Lodestar.Governance.Privacy;

/// <summary>Confirms payment cards, IBANs and US social security numbers proposed by their patterns.</summary>
internal static class NumberRules
{
    private const int MaxCardDigits = 19;
    private const int MaxIbanLength = 34;

    /// <summary>13–19 digits, one kind of separator, a known issuer prefix and a valid Luhn check digit.</summary>
    public static int ConfirmCard(string text, Match match)
    {
        Span<char> digits = stackalloc char[MaxCardDigits];
        var count = 0;
        var separator = '\0';
        foreach (var c in match.ValueSpan)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
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

        var number = digits[..count];
        return count >= 13 && HasIssuerPrefix(number) && number.ContainsAnyExcept(number[0]) && PiiChecksums.IsLuhnValid(number)
            ? match.Length
            : 0;
    }

    /// <summary>
    /// The pattern anchors only the country code and check digits; this walks on for exactly the country's IBAN
    /// length (single spaces allowed between characters) so that a following word is never swallowed.
    /// </summary>
    public static int ConfirmIban(string text, Match match)
    {
        var start = match.Index;
        Span<char> country = [char.ToUpperInvariant(text[start]), char.ToUpperInvariant(text[start + 1])];
        var expected = PiiChecksums.IbanLength(country);
        if (expected == 0)
        {
            return 0;
        }

        Span<char> iban = stackalloc char[MaxIbanLength];
        var count = 0;
        var position = start;
        while (count < expected && position < text.Length)
        {
            var c = text[position];
            if (char.IsAsciiLetterOrDigit(c))
            {
                // Pasted IBANs are sometimes lower-case; the checksum is defined on upper case.
                iban[count++] = char.ToUpperInvariant(c);
                position++;
            }
            else if (c == ' ' && count >= 4 && position + 1 < text.Length && char.IsAsciiLetterOrDigit(text[position + 1]))
            {
                position++;
            }
            else
            {
                break;
            }
        }

        var endsCleanly = position >= text.Length || !char.IsAsciiLetterOrDigit(text[position]);
        return count == expected && endsCleanly && PiiChecksums.IsIbanChecksumValid(iban[..count]) ? position - start : 0;
    }

    /// <summary>Excludes the ranges the SSA never issues: area 000, 666 and 9xx, group 00, serial 0000.</summary>
    public static int ConfirmSsn(string text, Match match)
    {
        var area = match.Groups["area"].ValueSpan;
        var valid = area is not "000" and not "666" && area[0] != '9'
            && match.Groups["group"].ValueSpan is not "00"
            && match.Groups["serial"].ValueSpan is not "0000";
        return valid ? match.Length : 0;
    }

    private static bool HasIssuerPrefix(ReadOnlySpan<char> number)
    {
        var length = number.Length;
        var two = ((number[0] - '0') * 10) + (number[1] - '0');
        var four = (two * 100) + ((number[2] - '0') * 10) + (number[3] - '0');
        return number[0] switch
        {
            '4' => length is 13 or 16 or 19,
            '5' => two is >= 51 and <= 55 && length == 16,
            '2' => four is >= 2221 and <= 2720 && length == 16,
            '3' => two is 34 or 37 ? length == 15
                : two == 35 ? length >= 16
                : two is 30 or 36 or 38 or 39 && length is >= 14 and <= 16,
            '6' => (four == 6011 || two is 62 or 65 || four / 10 is >= 644 and <= 649) && length >= 16,
            _ => false,
        };
    }
}
