using System.Text;
using Lodestar.Knowledge.Analysis;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Passages;

namespace Lodestar.Knowledge.Answering;

/// <summary>
/// Answers without a language model: selects the passage sentences that best cover the question's terms,
/// drops near-duplicates, keeps reading order, and cites each sentence's passage. When no passage covers
/// enough of the question it says it does not know, with no citations.
/// </summary>
internal sealed class ExtractiveAnswerComposer : IAnswerGenerator
{
    public const string GeneratorName = "extractive";
    public const string NoAnswer = "I don't know: none of the documents you can read answer this question.";

    /// <summary>The best passage must contain at least this share of the question's terms.</summary>
    private const double RelevanceThreshold = 0.5;

    /// <summary>A sentence is used when it covers at least this share of the question's terms.</summary>
    private const double SentenceThreshold = 0.3;

    private const int MaxSentences = 4;
    private const int MaxListItems = 10;
    private const int MaxProseSentence = 600;
    private const int MaxSectionCharacters = 700;
    /// <summary>Jaccard overlap of analysed terms above which a sentence repeats one already chosen.</summary>
    private const double DuplicateOverlap = 0.6;

    private readonly TextAnalyzer _analyzer = PassageAnalyzer.Instance;

    public Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken cancellationToken = default)
    {
        // Retrieval used the standalone question; the words the user actually typed weigh most in choosing sentences.
        var question = QueryTerms.Of(request.StandaloneQuestion ?? request.Question, _analyzer);
        var asked = QueryTerms.Of(request.Question, _analyzer);
        var candidates = new List<Candidate>();
        var bestPassageCoverage = 0.0;
        for (var rank = 0; rank < request.Passages.Count; rank++)
        {
            var passage = request.Passages[rank];
            var context = passage.Title + " " + passage.HeadingPath + " " + passage.Text;
            var passageCoverage = QueryTerms.Coverage(question, context, _analyzer);
            bestPassageCoverage = Math.Max(bestPassageCoverage, passageCoverage);
            var headingCoverage = QueryTerms.Coverage(question, passage.Title + " " + passage.HeadingPath, _analyzer);
            var sentences = SentenceSplitter.Split(passage.Text);
            var headings = passage.HeadingPath.Split(" > ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(passage.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < sentences.Count; i++)
            {
                // A heading line names the topic, and a code block or table is not prose: neither reads as an answer.
                var text = passage.Text.AsSpan()[sentences[i]];
                if (headings.Contains(text.ToString().TrimStart('#', ' ')) || IsNotProse(text))
                {
                    continue;
                }

                var sentence = passage.Text.AsSpan()[sentences[i]];
                var coverage = QueryTerms.Coverage(question, sentence, _analyzer);
                var askedCoverage = asked.Count == question.Count ? coverage : QueryTerms.Coverage(asked, sentence, _analyzer);
                // Sentences of a section whose heading matches the question answer it even without repeating its words.
                var inMatchingSection = rank == 0 && headingCoverage >= RelevanceThreshold && sentences[i].End.GetOffset(passage.Text.Length) <= MaxSectionCharacters;
                var score = ((coverage + askedCoverage) / 2) + (inMatchingSection ? SentenceThreshold : 0) + (0.05 / (rank + 1));
                if (coverage >= SentenceThreshold || askedCoverage >= RelevanceThreshold || inMatchingSection)
                {
                    candidates.Add(new Candidate(rank, i, sentences[i], score));
                }
            }
        }

        if (question.Count == 0 || bestPassageCoverage < RelevanceThreshold || candidates.Count == 0)
        {
            return Task.FromResult(new GeneratedAnswer(NoAnswer, [], GeneratorName));
        }

        var chosen = Select(candidates, request.Passages);
        return Task.FromResult(Compose(chosen, request.Passages));
    }

    private List<Candidate> Select(List<Candidate> candidates, IReadOnlyList<SearchHit> passages)
    {
        var chosen = new List<Candidate>();
        var chosenTerms = new List<HashSet<string>>();
        var limit = Math.Max(MaxSentences, candidates.Count(c => c.Rank == 0 && c.Score >= 1));
        foreach (var candidate in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Rank).ThenBy(c => c.Sentence))
        {
            var terms = QueryTerms.Of(passages[candidate.Rank].Text.AsSpan()[candidate.Range], _analyzer);
            if (chosenTerms.Any(other => Overlap(terms, other) >= DuplicateOverlap))
            {
                continue;
            }

            chosen.Add(candidate);
            chosenTerms.Add(terms);
            if (chosen.Count >= Math.Min(limit, 8))
            {
                break;
            }
        }

        AddFollowingLists(chosen, passages);

        // Reading order: by passage rank, then by position in the passage.
        chosen.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Sentence.CompareTo(b.Sentence));
        return chosen;
    }

    /// <summary>A chosen sentence introducing a list ("To rotate a key, …:") brings the list: procedures answer how-to questions.</summary>
    private static void AddFollowingLists(List<Candidate> chosen, IReadOnlyList<SearchHit> passages)
    {
        foreach (var lead in chosen.ToList())
        {
            var text = passages[lead.Rank].Text;
            var sentences = SentenceSplitter.Split(text);
            for (var next = lead.Sentence + 1; next < sentences.Count && next - lead.Sentence <= MaxListItems && IsListItem(text[sentences[next]]); next++)
            {
                if (!chosen.Any(c => c.Rank == lead.Rank && c.Sentence == next))
                {
                    chosen.Add(new Candidate(lead.Rank, next, sentences[next], lead.Score));
                }
            }
        }
    }

    private static GeneratedAnswer Compose(List<Candidate> chosen, IReadOnlyList<SearchHit> passages)
    {
        var citationIndex = new Dictionary<int, int>();
        var text = new StringBuilder();
        foreach (var candidate in chosen)
        {
            if (!citationIndex.TryGetValue(candidate.Rank, out var index))
            {
                index = citationIndex.Count + 1;
                citationIndex[candidate.Rank] = index;
            }

            var sentence = passages[candidate.Rank].Text[candidate.Range];
            text.Append(text.Length == 0 ? string.Empty : IsListItem(sentence) ? "\n" : " ").Append(sentence).Append(" [").Append(index).Append(']');
        }

        var citations = citationIndex.OrderBy(pair => pair.Value).Select(pair =>
        {
            var passage = passages[pair.Key];
            var used = chosen.Where(c => c.Rank == pair.Key).ToList();
            var start = used[0].Range.Start.GetOffset(passage.Text.Length);
            var end = used[^1].Range.End.GetOffset(passage.Text.Length);
            // The snippet is one verbatim slice: the used sentences when they sit close together, else the first.
            if (end - start > MaxSectionCharacters)
            {
                end = used[0].Range.End.GetOffset(passage.Text.Length);
            }

            return new Citation(pair.Value, passage.DocumentId, passage.Source, passage.Title, passage.HeadingPath, passage.ChunkId,
                passage.Text[start..end], passage.StartOffset + start, passage.StartOffset + end);
        }).ToList();
        return new GeneratedAnswer(text.ToString(), citations, GeneratorName);
    }

    /// <summary>Code, tables and command listings: several lines, very long, or mostly non-letters.</summary>
    private static bool IsNotProse(ReadOnlySpan<char> sentence)
    {
        if (sentence.Length > MaxProseSentence || sentence.Count('\n') >= 2)
        {
            return true;
        }

        var letters = 0;
        foreach (var c in sentence)
        {
            letters += char.IsLetter(c) || c == ' ' ? 1 : 0;
        }

        return letters < sentence.Length * 0.7;
    }

    private static bool IsListItem(string sentence) => sentence.Length > 1 && (sentence[0] is '-' or '*' or '•' || (char.IsAsciiDigit(sentence[0]) && sentence.IndexOf('.') is > 0 and < 4));

    private static double Overlap(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private readonly record struct Candidate(int Rank, int Sentence, Range Range, double Score);
}
