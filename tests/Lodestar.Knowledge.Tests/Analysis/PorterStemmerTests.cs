using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Tests.Analysis;

public sealed class PorterStemmerTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("generalization", "gener")]
    [InlineData("generalizations", "gener")]
    [InlineData("oscillators", "oscil")]
    [InlineData("hopefulness", "hope")]
    [InlineData("decisiveness", "decis")]
    [InlineData("callousness", "callous")]
    [InlineData("formaliti", "formal")]
    [InlineData("sensitiviti", "sensit")]
    [InlineData("sensibiliti", "sensibl")]
    [InlineData("triplicate", "triplic")]
    [InlineData("formative", "form")]
    [InlineData("electrical", "electr")]
    [InlineData("goodness", "good")]
    [InlineData("revival", "reviv")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("airliner", "airlin")]
    [InlineData("gyroscopic", "gyroscop")]
    [InlineData("adjustable", "adjust")]
    [InlineData("defensible", "defens")]
    [InlineData("irritant", "irrit")]
    [InlineData("replacement", "replac")]
    [InlineData("dependent", "depend")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("activate", "activ")]
    [InlineData("homologous", "homolog")]
    [InlineData("effective", "effect")]
    [InlineData("bowdlerize", "bowdler")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controlling", "control")]
    [InlineData("rolling", "roll")]
    public void Stem_PorterPaperVocabulary_MatchesReferenceOutput(string word, string expected)
    {
        // Arrange
        var buffer = word.ToCharArray();

        // Act
        var length = PorterStemmer.Stem(buffer);

        // Assert
        Assert.Equal(expected, new string(buffer, 0, length));
    }

    [Theory]
    [InlineData("possibly", "possibl")]
    [InlineData("archaeology", "archaeolog")]
    public void Stem_ReferenceImplementationDepartures_FollowsLucene(string word, string expected)
    {
        // Arrange: Porter's C/Java code (and Lucene) use bli→ble and logi→log where the paper has abli→able.
        var buffer = word.ToCharArray();

        // Act
        var length = PorterStemmer.Stem(buffer);

        // Assert
        Assert.Equal(expected, new string(buffer, 0, length));
    }

    [Theory]
    [InlineData("as")]
    [InlineData("is")]
    [InlineData("a")]
    [InlineData("")]
    public void Stem_WordOfAtMostTwoLetters_IsUnchanged(string word)
    {
        // Arrange
        var buffer = word.ToCharArray();

        // Act
        var length = PorterStemmer.Stem(buffer);

        // Assert
        Assert.Equal(word, new string(buffer, 0, length));
    }
}
