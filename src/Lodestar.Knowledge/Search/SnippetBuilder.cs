using Lodestar.Knowledge.Analysis;
using Lodestar.Knowledge.Passages;

namespace Lodestar.Knowledge.Search;

/// <summary>Picks the sentences of a passage that best match the query, as a verbatim slice of at most a few hundred characters.</summary>
internal static class SnippetBuilder
{
    public const int MaxLength = 320;

    public static string Build(string passage, IReadOnlySet<string> queryTerms, TextAnalyzer analyzer)
    {
        var sentences = SentenceSplitter.Split(passage);
        if (sentences.Count == 0)
        {
            return string.Empty;
        }

        var best = 0;
        var bestCoverage = -1.0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var coverage = QueryTerms.Coverage(queryTerms, passage.AsSpan()[sentences[i]], analyzer);
            if (coverage > bestCoverage)
            {
                (best, bestCoverage) = (i, coverage);
            }
        }

        var (start, _) = sentences[best].GetOffsetAndLength(passage.Length);
        var end = sentences[best].End.GetOffset(passage.Length);
        // Extend with following sentences while they fit, so short sentences still give context.
        for (var next = best + 1; next < sentences.Count && sentences[next].End.GetOffset(passage.Length) - start <= MaxLength; next++)
        {
            end = sentences[next].End.GetOffset(passage.Length);
        }

        return Truncate(passage[start..end]);
    }

    private static string Truncate(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxLength);
        return text[..(cut > MaxLength / 2 ? cut : MaxLength)];
    }
}
