namespace Lodestar.Knowledge.Analysis;

/// <summary>Lucene's EnglishAnalyzer default stop set, which Anserini uses for its BEIR baselines.</summary>
internal static class EnglishStopWords
{
    public static readonly IReadOnlySet<string> Set = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
        "they", "this", "to", "was", "will", "with",
    };
}
