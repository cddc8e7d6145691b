using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Tests.Analysis;

public sealed class TextAnalyzerTests
{
    private static List<string> Analyze(TextAnalyzer analyzer, string text)
    {
        var terms = new List<string>();
        analyzer.Analyze(text, terms);
        return terms;
    }

    [Fact]
    public void Analyze_EnglishSentence_LowercasesDropsStopWordsAndStems()
    {
        // Act
        var terms = Analyze(TextAnalyzer.English, "The Running of the Bulls is dangerous");

        // Assert
        Assert.Equal(["run", "bull", "danger"], terms);
    }

    [Fact]
    public void Analyze_Punctuation_SplitsOnHyphensAndSlashesButKeepsNumbersWhole()
    {
        // Act: "3.5" and "1,000" stay whole (UAX #29 MidNum), the trailing period and the slash split.
        var terms = Analyze(TextAnalyzer.English, "growth 3.5 of 1,000 cells/ml.");

        // Assert
        Assert.Equal(["growth", "3.5", "1,000", "cell", "ml"], terms);
    }

    [Fact]
    public void Analyze_HyphenatedCompoundWithDigit_EmitsPartsAndCompound()
    {
        // Act
        var terms = Analyze(TextAnalyzer.English, "IL-6 and COVID-19 but not long-term");

        // Assert
        Assert.Equal(["il", "il-6", "6", "covid", "covid-19", "19", "long", "term"], terms);
    }

    [Fact]
    public void Analyze_PossessiveAndContraction_RemovesPossessiveKeepsContraction()
    {
        // Act
        var terms = Analyze(new TextAnalyzer(new TextAnalyzerOptions(Stem: false)), "Alzheimer's patients don't");

        // Assert
        Assert.Equal(["alzheimer", "patients", "don't"], terms);
    }

    [Fact]
    public void Analyze_NonLatinText_KeepsLettersAndSplitsIdeographs()
    {
        // Act
        var terms = Analyze(new TextAnalyzer(new TextAnalyzerOptions(Stem: false)), "Café naïve ΑΒΓ 中文 αβ-2");

        // Assert
        Assert.Equal(["café", "naïve", "αβγ", "中", "文", "αβ", "αβ-2", "2"], terms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-- ... !!! ,,,")]
    [InlineData("the of and")]
    public void Analyze_NoWords_YieldsNothing(string text)
    {
        // Act
        var terms = Analyze(TextAnalyzer.English, text);

        // Assert
        Assert.Empty(terms);
    }

    [Fact]
    public void Analyze_TokenLongerThan255_SplitsLikeLucene()
    {
        // Act
        var terms = Analyze(new TextAnalyzer(new TextAnalyzerOptions()), new string('x', 300));

        // Assert
        Assert.Equal([255, 45], terms.Select(t => t.Length));
    }

    [Fact]
    public void Analyze_OptionsOff_KeepsCaseStopWordsAndSuffixes()
    {
        // Arrange
        var analyzer = new TextAnalyzer(new TextAnalyzerOptions(Lowercase: false, StopWords: null, Stem: false));

        // Act
        var terms = Analyze(analyzer, "The Running");

        // Assert
        Assert.Equal(["The", "Running"], terms);
    }

    [Fact]
    public void Analyze_CustomStopWords_RemovesOnlyThose()
    {
        // Arrange
        var analyzer = new TextAnalyzer(new TextAnalyzerOptions(StopWords: new HashSet<string> { "protein" }));

        // Act
        var terms = Analyze(analyzer, "the protein binds");

        // Assert
        Assert.Equal(["the", "bind"], terms);
    }
}
