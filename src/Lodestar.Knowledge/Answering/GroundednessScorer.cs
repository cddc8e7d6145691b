using System.Text.RegularExpressions;
using Lodestar.Knowledge.Analysis;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Passages;

namespace Lodestar.Knowledge.Answering;

/// <summary>
/// Lodestar's hallucination signal: the share of answer sentences whose content terms are found in the passage
/// they cite (or, for uncited sentences, in any given passage). A sentence counts as supported when at least
/// <see cref="SupportThreshold"/> of its analysed terms occur in one such passage.
/// </summary>
internal static partial class GroundednessScorer
{
    public const double SupportThreshold = 0.8;

    public static double Score(string answer, IReadOnlyList<Citation> citations, IReadOnlyList<SearchHit> passages)
    {
        if (citations.Count == 0)
        {
            return 0;
        }

        var analyzer = PassageAnalyzer.Instance;
        var byIndex = citations.ToDictionary(c => c.Index, c => passages.FirstOrDefault(p => p.ChunkId == c.ChunkId)?.Text ?? c.Snippet);
        var sentences = SentenceSplitter.Split(answer);
        int total = 0, supported = 0;
        foreach (var range in sentences)
        {
            var sentence = answer[range];
            var cited = CitationMarker().Matches(sentence).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var terms = QueryTerms.Of(CitationMarker().Replace(sentence, string.Empty), analyzer);
            if (terms.Count == 0)
            {
                continue;
            }

            total++;
            var sources = cited.Count > 0 ? cited.Where(byIndex.ContainsKey).Select(i => byIndex[i]) : byIndex.Values;
            if (sources.Any(source => QueryTerms.Coverage(terms, source, analyzer) >= SupportThreshold))
            {
                supported++;
            }
        }

        return total == 0 ? 0 : (double)supported / total;
    }

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex CitationMarker();
}
