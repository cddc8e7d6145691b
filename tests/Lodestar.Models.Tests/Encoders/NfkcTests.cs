using System.Security.Cryptography;
using System.Text;
using Lodestar.Models.Encoders;

namespace Lodestar.Models.Tests.Encoders;

public sealed class NfkcTests
{
    [Theory]
    [InlineData("ﬁ", "fi")]
    [InlineData("ＡＢＣ１２３", "ABC123")]
    [InlineData("e\u0301", "é")]
    [InlineData("a\u0323\u0302", "ậ")]
    [InlineData("a\u0302\u0323", "ậ")]
    [InlineData("\u1100\u1161\u11A8", "각")]
    [InlineData("½ x²", "1⁄2 x2")]
    [InlineData("plain ascii", "plain ascii")]
    public void Normalize_KnownInput_GivesNfkc(string input, string expected)
    {
        Assert.Equal(expected, Nfkc.Normalize(input));
    }

    [Fact]
    public void Normalize_ProbeOfAllCodePointsAndMarkSequences_MatchesReferenceDigest()
    {
        var probes = new List<string>();
        for (var codePoint = 0; codePoint <= 0x10FFFF; codePoint++)
        {
            if (codePoint is < 0xD800 or > 0xDFFF)
            {
                probes.Add(char.ConvertFromUtf32(codePoint));
            }
        }

        int[] marks = [0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x309, 0x30A, 0x30B, 0x30C, 0x30F,
            0x31B, 0x323, 0x324, 0x325, 0x327, 0x328, 0x32D, 0x331, 0x345];
        foreach (var baseLetter in "AEIOUaeiouCcNnSsZz\u0391\u03A9\u03B1\u03C9\u0418\u0438\u0415\u0435")
        {
            foreach (var first in marks)
            {
                foreach (var second in marks)
                {
                    probes.Add($"{baseLetter}{(char)first}{(char)second}");
                }
            }
        }

        for (var lead = 0x1100; lead < 0x1113; lead++)
        {
            for (var vowel = 0x1161; vowel < 0x1176; vowel += 4)
            {
                probes.Add($"{(char)lead}{(char)vowel}");
                probes.Add($"{(char)lead}{(char)vowel}{(char)(0x11A8 + (lead % 27))}");
            }
        }

        var joined = string.Join('\n', probes.Select(Nfkc.Normalize));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));

        Assert.Equal(ReferenceFixture.Instance.NfkcProbeSha256, digest);
    }
}
