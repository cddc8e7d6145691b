namespace Lodestar.Models.Tests.Encoders;

/// <summary>trec_eval-style nDCG@k (linear gain) and recall@k for one ranked list.</summary>
internal static class RankingMetrics
{
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            dcg += judged.GetValueOrDefault(ranked[i]) / Math.Log2(i + 2);
        }

        var ideal = judged.Values.Where(g => g > 0).OrderDescending().Take(k).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged)
    {
        var relevant = judged.Count(j => j.Value > 0);
        return relevant == 0 ? 0 : (double)ranked.Take(k).Count(id => judged.GetValueOrDefault(id) > 0) / relevant;
    }
}
