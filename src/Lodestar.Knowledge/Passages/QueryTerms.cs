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

    /// <summary>
    /// The words of a question that carry its topic ("how many days of annual leave do I get" → "days annual leave"),
    /// so retrieval is not pulled towards passages that merely share function words. The question itself when none survive.
    /// </summary>
    public static string TopicWords(string question, TextAnalyzer analyzer)
    {
        var kept = new List<string>();
        var terms = new List<string>();
        foreach (var word in question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            terms.Clear();
            analyzer.Analyze(word, terms);
            if (terms.Count > 0)
            {
                kept.Add(word);
            }
        }

        return kept.Count == 0 ? question : string.Join(' ', kept);
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
