namespace Lodestar.Models.Serving;

/// <summary>
/// Reads the short decimals that prediction rows are made of (<c>-0.53</c>, <c>12.5</c>, <c>3</c>) about twice as fast as the
/// general parser, with the same result to the bit. A number with at most 15 digits and no exponent is an integer
/// below 2^53 divided by a power of ten up to 10^22; both are exact doubles, so one IEEE division rounds the exact
/// decimal correctly (Clinger's fast path). Anything else is left to the general parser.
/// </summary>
internal static class DecimalParser
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Parses a JSON number token; false when it is not in the fast path's shape (the caller then parses it in full).</summary>
    public static bool TryParseShort(ReadOnlySpan<byte> number, out double value)
    {
        value = 0;
        var i = 0;
        var negative = number.Length > 0 && number[0] == (byte)'-';
        if (negative)
        {
            i++;
        }

        long mantissa = 0;
        var digits = 0;
        var fractionDigits = 0;
        var inFraction = false;
        for (; i < number.Length; i++)
        {
            var c = number[i];
            if (c == (byte)'.' && !inFraction)
            {
                inFraction = true;
                continue;
            }

            var digit = (uint)(c - '0');
            if (digit > 9 || ++digits > MaxDigits)
            {
                return false;
            }

            mantissa = (mantissa * 10) + digit;
            fractionDigits += inFraction ? 1 : 0;
        }

        if (digits == 0)
        {
            return false;
        }

        var magnitude = mantissa / PowersOfTen[fractionDigits];
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
