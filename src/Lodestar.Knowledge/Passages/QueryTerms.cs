using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Passages;

/// <summary>Analysed, distinct terms of a text, for lexical overlap between questions, sentences and passages.</summary>
internal static class QueryTerms
{
    public static HashSet<string> Of(ReadOnlySpan<char> text, TextAnalyzer analyzer)
    {
        var terms = new List<string>();
        analyzer.Analyze(text, terms);
        return new HashSet<string>(terms, StringComparer.Ordinal);
    }

    /// <summary>The share of <paramref name="wanted"/> terms that occur in <paramref name="text"/>.</summary>
    public static double Coverage(IReadOnlySet<string> wanted, ReadOnlySpan<char> text, TextAnalyzer analyzer)
    {
        if (wanted.Count == 0)
        {
            return 0;
        }

        var found = Of(text, analyzer);
        var hits = 0;
        foreach (var term in wanted)
        {
            hits += found.Contains(term) ? 1 : 0;
        }

        return (double)hits / wanted.Count;
    }
}
