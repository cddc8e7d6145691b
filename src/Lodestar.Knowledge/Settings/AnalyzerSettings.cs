using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Settings;

/// <summary>
/// How a knowledge base turns text into BM25 terms. <paramref name="Stemmer"/>: <c>porter</c> or <c>none</c>;
/// <paramref name="StopWords"/>: <c>english</c> (Lucene's 33), <c>none</c>, or <c>custom</c> with <paramref name="CustomStopWords"/>.
/// </summary>
public sealed record AnalyzerSettings(string Stemmer = "porter", string StopWords = "english", IReadOnlyList<string>? CustomStopWords = null, bool Lowercase = true)
{
    // The list compares by content, so the same settings read back from the store are equal.
    public bool Equals(AnalyzerSettings? other) =>
        other is not null && Stemmer == other.Stemmer && StopWords == other.StopWords && Lowercase == other.Lowercase
        && (CustomStopWords ?? []).SequenceEqual(other.CustomStopWords ?? [], StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Stemmer, StopWords, Lowercase, CustomStopWords?.Count ?? 0);

    /// <summary>A short readable form for status output, e.g. <c>porter/english/lowercase</c>.</summary>
    public string Describe() =>
        $"{Stemmer}/{(StopWords == "custom" ? $"custom:{CustomStopWords?.Count ?? 0}" : StopWords)}/{(Lowercase ? "lowercase" : "case-sensitive")}";

    /// <summary>The analyzer these (validated) settings describe.</summary>
    internal TextAnalyzer CreateAnalyzer()
    {
        IReadOnlySet<string>? stopWords = StopWords switch
        {
            "english" => EnglishStopWords.Set,
            "custom" => new HashSet<string>(CustomStopWords!.Select(word => Lowercase ? word.ToLowerInvariant() : word), StringComparer.Ordinal),
            _ => null,
        };
        return new TextAnalyzer(new TextAnalyzerOptions(Lowercase, stopWords, Stemmer == "porter"));
    }
}
