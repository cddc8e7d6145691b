using System.Globalization;
using System.Text;
using Lodestar.Models.Serving;

namespace Lodestar.Models.Tests.Serving;

public sealed class DecimalParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.05")]
    [InlineData("-0.53")]
    [InlineData("12.5")]
    [InlineData("123456789012345")]
    [InlineData("0.00000000000001")]
    [InlineData("-99999999999999.9")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    public void TryParseShort_ShortDecimal_SameBitsAsDoubleParse(string text)
    {
        Assert.True(DecimalParser.TryParseShort(Encoding.ASCII.GetBytes(text), out var value));

        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("1.5E-3")]
    [InlineData("1234567890123456")]
    [InlineData("0.1234567890123456")]
    [InlineData("")]
    [InlineData("-")]
    public void TryParseShort_ExponentOrTooManyDigits_LeavesItToTheFullParser(string text)
    {
        Assert.False(DecimalParser.TryParseShort(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void TryParseShort_RandomDecimals_SameBitsAsDoubleParse()
    {
        var random = new Random(17);
        for (var n = 0; n < 200_000; n++)
        {
            var digits = random.Next(1, 16);
            var mantissa = random.NextInt64((long)Math.Pow(10, digits));
            var text = mantissa.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
            var point = random.Next(0, digits);
            text = point == 0 ? text.TrimStart('0').PadLeft(1, '0') : text[..^point].TrimStart('0').PadLeft(1, '0') + "." + text[^point..];
            text = random.Next(2) == 0 ? "-" + text : text;

            Assert.True(DecimalParser.TryParseShort(Encoding.ASCII.GetBytes(text), out var value), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
        }
    }
}
