using Lodestar.Knowledge.Analysis;
using Lodestar.Knowledge.Passages;

namespace Lodestar.Knowledge.Conversations;

/// <summary>
/// Deterministic follow-up rewriting (used when no chat model is configured): a question that leans on the
/// conversation — it refers back with a pronoun, opens with "and"/"what about", or has fewer than three content
/// terms — gets the content words of the previous standalone question that it lacks, so it can be searched alone.
/// </summary>
internal static class FollowUpRewriter
{
    private static readonly HashSet<string> Anaphora = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "its", "they", "them", "their", "this", "that", "these", "those", "he", "she", "him", "her", "there", "one",
    };

    private static readonly string[] ContinuationOpeners = ["and ", "what about ", "how about ", "also ", "what if ", "and what "];

    public static string Rewrite(string question, IReadOnlyList<ConversationTurn> history)
    {
        if (history.Count == 0)
        {
            return question;
        }

        var analyzer = PassageAnalyzer.Instance;
        var terms = QueryTerms.Of(question, analyzer);
        var words = question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('?', '.', ',', '!', ';', ':', '"', '\'')).ToList();
        var leans = terms.Count < 3
            || words.Any(Anaphora.Contains)
            || ContinuationOpeners.Any(opener => question.TrimStart().StartsWith(opener, StringComparison.OrdinalIgnoreCase));
        if (!leans)
        {
            return question;
        }

        var carried = new List<string>();
        var single = new List<string>(1);
        foreach (var word in history[^1].StandaloneQuestion.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var clean = word.Trim('?', '.', ',', '!', ';', ':', '"', '\'', '(', ')');
            single.Clear();
            analyzer.Analyze(clean, single);
            if (single.Count > 0 && single.All(term => !terms.Contains(term)) && !carried.Contains(clean, StringComparer.OrdinalIgnoreCase))
            {
                carried.Add(clean);
                terms.UnionWith(single);
            }
        }

        return carried.Count == 0 ? question : $"{question} ({string.Join(' ', carried)})";
    }
}
