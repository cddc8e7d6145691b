using Lodestar.Core;

namespace Lodestar.Knowledge.Search.Fusion;

/// <summary>Merges several rankings of the same keys (e.g. BM25 and vector hits) into one, best first.</summary>
public static class RankFusion
{
    /// <summary>
    /// Reciprocal rank fusion (Cormack et al. 2009): score(key) = Σ_i w_i / (k + rank_i(key)), rank 1-based, lists that
    /// miss a key contribute nothing. Each list must be in rank order, best first. Only ranks matter, so scores on different scales combine safely.
    /// A key repeated within one list counts at its best rank.
    /// </summary>
    public static IReadOnlyList<RankedItem> Reciprocal(IReadOnlyList<IReadOnlyList<RankedItem>> rankings, int k = 60, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        if (k < 0)
        {
            throw LodestarException.Invalid($"The RRF constant k must not be negative, got {k}.");
        }

        CheckWeights(rankings, weights);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var list = 0; list < rankings.Count; list++)
        {
            var weight = weights?[list] ?? 1.0;
            var ranking = rankings[list];
            seen.Clear();
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var key = ranking[rank].Key;
                if (seen.Add(key))
                {
                    fused[key] = fused.GetValueOrDefault(key) + (weight / (k + rank + 1));
                }
            }
        }

        return Sorted(fused);
    }

    /// <summary>
    /// Min-max normalises each list's scores to [0, 1] (a list whose scores are all equal maps them to 1), then sums
    /// them weighted; a key missing from a list gets 0 there. Keeps score gaps that RRF throws away.
    /// </summary>
    public static IReadOnlyList<RankedItem> WeightedNormalized(IReadOnlyList<IReadOnlyList<RankedItem>> rankings, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentNullException.ThrowIfNull(weights);
        CheckWeights(rankings, weights);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var list = 0; list < rankings.Count; list++)
        {
            best.Clear();
            var normalized = MinMax(rankings[list]);
            for (var i = 0; i < normalized.Length; i++)
            {
                var key = rankings[list][i].Key;
                best[key] = Math.Max(best.GetValueOrDefault(key), normalized[i]);
            }

            foreach (var (key, score) in best)
            {
                fused[key] = fused.GetValueOrDefault(key) + (weights[list] * score);
            }
        }

        return Sorted(fused);
    }

    /// <summary>Scores mapped to [0, 1] by (s - min) / (max - min); all-equal scores map to 1.</summary>
    internal static double[] MinMax(IReadOnlyList<RankedItem> ranking) => MinMax(ranking.Count, i => ranking[i].Score);

    internal static double[] MinMax(int count, Func<int, double> score)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var i = 0; i < count; i++)
        {
            var s = score(i);
            if (!double.IsFinite(s))
            {
                throw LodestarException.Invalid($"Ranking scores must be finite, got {s}.");
            }

            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }

        var normalized = new double[count];
        for (var i = 0; i < count; i++)
        {
            normalized[i] = max > min ? (score(i) - min) / (max - min) : 1.0;
        }

        return normalized;
    }

    /// <summary>Best first; equal scores fall back to ordinal key order so results never depend on hash order.</summary>
    internal static IReadOnlyList<RankedItem> Sorted(Dictionary<string, double> scores)
    {
        var items = new RankedItem[scores.Count];
        var i = 0;
        foreach (var (key, score) in scores)
        {
            items[i++] = new RankedItem(key, score);
        }

        Array.Sort(items, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Key, b.Key));
        return items;
    }

    private static void CheckWeights(IReadOnlyList<IReadOnlyList<RankedItem>> rankings, IReadOnlyList<double>? weights)
    {
        if (weights is null)
        {
            return;
        }

        if (weights.Count != rankings.Count)
        {
            throw LodestarException.Invalid($"Got {weights.Count} weights for {rankings.Count} rankings.");
        }

        foreach (var weight in weights)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw LodestarException.Invalid($"Fusion weights must be finite and non-negative, got {weight}.");
            }
        }
    }
}
