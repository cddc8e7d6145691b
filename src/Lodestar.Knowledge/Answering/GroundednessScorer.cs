using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Lodestar.Knowledge.Passages;
using Lodestar.Knowledge.Search;
using Microsoft.Extensions.AI;

namespace Lodestar.Knowledge.Answering;

/// <summary>
/// Lodestar's hallucination signal: the share of answer sentences supported by the passage they cite (or, for
/// uncited sentences, by any cited passage). A sentence is supported when at least <see cref="SupportThreshold"/> of
/// its analysed terms occur in one such passage; or, with an embedding generator, when at least
/// <see cref="SemanticMinimumCoverage"/> of its terms occur there and its cosine to the closest sentence of that
/// passage reaches <see cref="SemanticThreshold"/> (a paraphrase). The coverage floor keeps a sentence that merely
/// sounds like the topic from counting.
/// </summary>
internal static partial class GroundednessScorer
{
    public const double SupportThreshold = 0.8;

    public const double SemanticThreshold = 0.8;

    public const double SemanticMinimumCoverage = 0.4;

    public static async Task<double> ScoreAsync(
        string answer, IReadOnlyList<Citation> citations, IReadOnlyList<SearchHit> passages,
        IEmbeddingGenerator<string, Embedding<float>>? embedder, CancellationToken cancellationToken)
    {
        if (citations.Count == 0)
        {
            return 0;
        }

        var analyzer = PassageAnalyzer.Instance;
        var byIndex = citations.ToDictionary(c => c.Index, c => passages.FirstOrDefault(p => p.ChunkId == c.ChunkId)?.Text ?? c.Snippet);
        int total = 0, supported = 0;
        var undecided = new List<(string Sentence, List<string> Sources)>();
        foreach (var range in SentenceSplitter.Split(answer))
        {
            var sentence = answer[range];
            var cited = CitationMarker().Matches(sentence).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var plain = CitationMarker().Replace(sentence, string.Empty);
            var terms = QueryTerms.Of(plain, analyzer);
            if (terms.Count == 0)
            {
                continue;
            }

            total++;
            var sources = (cited.Count > 0 ? cited.Where(byIndex.ContainsKey).Select(i => byIndex[i]) : byIndex.Values).ToList();
            var coverage = sources.Count == 0 ? 0 : sources.Max(source => QueryTerms.Coverage(terms, source, analyzer));
            if (coverage >= SupportThreshold)
            {
                supported++;
            }
            else if (embedder is not null && coverage >= SemanticMinimumCoverage)
            {
                undecided.Add((plain, sources.SelectMany(source => SentenceSplitter.Split(source).Select(r => source[r])).ToList()));
            }
        }

        if (undecided.Count > 0)
        {
            supported += await CountParaphrasesAsync(undecided, embedder!, cancellationToken).ConfigureAwait(false);
        }

        return total == 0 ? 0 : (double)supported / total;
    }

    /// <summary>Sentences whose closest source sentence reaches <see cref="SemanticThreshold"/>; all embedded in one call.</summary>
    private static async Task<int> CountParaphrasesAsync(List<(string Sentence, List<string> Sources)> undecided, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var inputs = undecided.SelectMany(u => u.Sources.Prepend(u.Sentence)).ToList();
        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await embedder.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The lexical score stands on its own; an embedding outage must not fail the answer.
            return 0;
        }

        var paraphrases = 0;
        var offset = 0;
        foreach (var (_, sources) in undecided)
        {
            var sentence = embeddings[offset].Vector.Span;
            var best = 0f;
            for (var i = 1; i <= sources.Count; i++)
            {
                best = Math.Max(best, Cosine(sentence, embeddings[offset + i].Vector.Span));
            }

            paraphrases += best >= SemanticThreshold ? 1 : 0;
            offset += sources.Count + 1;
        }

        return paraphrases;
    }

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return norms > 0 ? TensorPrimitives.Dot(a, b) / norms : 0;
    }

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex CitationMarker();
}
