using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Encoders;

namespace Lodestar.Models.Tests.Encoders;

public sealed class SentencePieceTokenizerTests
{
    [ModelFact]
    public void Encode_FixtureSentences_MatchReferenceTokenIds()
    {
        var tokenizer = SentencePieceTokenizer.Load(Path.Combine(ModelCache.TryLocate()!, "vocab.json"));

        foreach (var reference in ReferenceFixture.Instance.Cases)
        {
            Assert.Equal(reference.Tokens, tokenizer.Encode(reference.Text));
        }
    }

    [Fact]
    public void Encode_TinyVocabulary_PrefersHigherScoringSegmentation()
    {
        var tokenizer = TinyTokenizer(("▁ab", -1.0), ("▁a", -1.0), ("b", -1.5), ("c", -2.0));

        // "▁ab" (-1) beats "▁a"+"b" (-2.5); "c" is its own piece.
        Assert.Equal(new[] { 6, 9 }, tokenizer.Encode("abc"));
    }

    [Fact]
    public void Encode_UnknownRun_CollapsesToOneUnknownId()
    {
        var tokenizer = TinyTokenizer(("▁a", -1.0), ("▁", -3.0));

        Assert.Equal(new[] { 6, 0, 7, 0 }, tokenizer.Encode("axyz ñ"));
    }

    [Fact]
    public void Encode_EmptyString_ReturnsNoTokens()
    {
        Assert.Empty(TinyTokenizer(("▁a", -1.0)).Encode(""));
    }

    [Fact]
    public void Encode_FullWidthLetters_AreNfkcNormalisedWithoutLowercasing()
    {
        var tokenizer = TinyTokenizer(("▁A", -1.0), ("▁a", -1.0), ("▁", -5.0));

        Assert.Equal(new[] { 6 }, tokenizer.Encode("Ａ"));
    }

    [Fact]
    public void Encode_PositionOnlyReachableByUnknown_LetsZeroScoreUnknownWinLikeReference()
    {
        // Without a "▁" piece nothing ends at position 1, so its best score stays 0 and the
        // reference's unknown (score 0) then beats "▁A" (score -1); the port keeps that quirk.
        var tokenizer = TinyTokenizer(("▁A", -1.0));

        Assert.Equal(new[] { 0 }, tokenizer.Encode("A"));
    }

    [Fact]
    public void Load_NotAPairList_ThrowsInvalid()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"not": "a vocabulary"}""");

            var error = Assert.Throws<LodestarException>(() => SentencePieceTokenizer.Load(path));

            Assert.Equal(ErrorKind.Invalid, error.Kind);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SentencePieceTokenizer TinyTokenizer(params (string Piece, double Score)[] pieces)
    {
        var entries = new List<object[]> { new object[] { "\uFFFD", 0 } };
        for (var i = 1; i < 6; i++)
        {
            entries.Add(["<reserved" + i + ">", 0]);
        }

        entries.AddRange(pieces.Select(p => new object[] { p.Piece, p.Score }));
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, JsonSerializer.Serialize(entries));
            return SentencePieceTokenizer.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
