using System.Numerics.Tensors;
using Lodestar.Core;
using Microsoft.Extensions.AI;

namespace Lodestar.Knowledge.Search.Fusion;

/// <summary>
/// Re-scores candidates by blending semantic closeness with the first stage:
/// alpha·cosine(query, passage) + (1 − alpha)·minmax(firstStageScore). Query and passages are embedded in one batch.
/// Works with any embedding generator, so it needs no model runtime of its own.
/// </summary>
public sealed class EmbeddingReranker : IReranker
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly double _alpha;

    public EmbeddingReranker(IEmbeddingGenerator<string, Embedding<float>> generator, double alpha = 0.7)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(alpha is >= 0 and <= 1))
        {
            throw LodestarException.Invalid($"Reranker alpha must be between 0 and 1, got {alpha}.");
        }

        _generator = generator;
        _alpha = alpha;
    }

    public async ValueTask<IReadOnlyList<RankedItem>> RerankAsync(
        string query,
        IReadOnlyList<(string Key, string Text, double Score)> candidates,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return [];
        }

        var inputs = new string[candidates.Count + 1];
        inputs[0] = query;
        for (var i = 0; i < candidates.Count; i++)
        {
            inputs[i + 1] = candidates[i].Text;
        }

        var embeddings = await _generator.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != inputs.Length)
        {
            throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} embeddings for {inputs.Length} inputs.");
        }

        var queryVector = embeddings[0].Vector.Span;
        var cosines = new double[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            cosines[i] = Cosine(queryVector, embeddings[i + 1].Vector.Span);
        }

        return Blend(candidates.Count, i => candidates[i].Key, i => candidates[i].Score, cosines, _alpha);
    }

    /// <summary>
    /// alpha·cosine + (1 − alpha)·minmax(first stage), folded per key by max (several texts of one key, e.g. the
    /// embedding windows of a chunk, count as the best), best first. The search pipeline's rerank stage uses this too.
    /// </summary>
    internal static IReadOnlyList<RankedItem> Blend(int count, Func<int, string> key, Func<int, double> firstStageScore, ReadOnlySpan<double> cosines, double alpha)
    {
        var firstStage = RankFusion.MinMax(count, firstStageScore);
        var blended = new Dictionary<string, double>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var score = (alpha * cosines[i]) + ((1 - alpha) * firstStage[i]);
            var k = key(i);
            blended[k] = blended.TryGetValue(k, out var existing) ? Math.Max(existing, score) : score;
        }

        return RankFusion.Sorted(blended);
    }

    /// <summary>Cosine similarity; 0 when either side has no direction (an empty text may embed to the zero vector).</summary>
    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new InvalidOperationException($"Embeddings differ in length ({a.Length} vs {b.Length}).");
        }

        var norms = (double)TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return norms > 0 ? TensorPrimitives.Dot(a, b) / norms : 0;
    }
}
