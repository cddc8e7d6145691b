namespace Lodestar.Knowledge.Evaluation;

/// <summary>
/// The trec_eval measures BEIR reports, computed the way trec_eval does: graded gains for ndcg_cut.10
/// (gain = relevance, log2 discount, ideal ranking from the qrels), relevance &gt;= 1 counts as relevant for
/// the binary measures, run ties broken by document id descending, and judged queries missing from the run
/// count as 0 (trec_eval -c).
/// </summary>
public static class TrecEvaluator
{
    private const int NdcgDepth = 10;
    private const int RecallDepth = 100;
    private const int ReciprocalRankDepth = 10;

    public static EvaluationReport Evaluate(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> qrels,
        IReadOnlyDictionary<string, IReadOnlyList<(string DocumentId, double Score)>> run)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(run);
        var perQuery = new List<QueryMetrics>(qrels.Count);
        double ndcg = 0, recall = 0, mrr = 0, map = 0;
        foreach (var queryId in qrels.Keys.Order(StringComparer.Ordinal))
        {
            var results = run.TryGetValue(queryId, out var r) ? r : [];
            var metrics = EvaluateQuery(queryId, qrels[queryId], Deduplicate(RunOrdering.Rank(results)));
            perQuery.Add(metrics);
            ndcg += metrics.NdcgAt10;
            recall += metrics.RecallAt100;
            mrr += metrics.ReciprocalRankAt10;
            map += metrics.AveragePrecision;
        }

        var n = Math.Max(perQuery.Count, 1);
        return new EvaluationReport(perQuery.Count, ndcg / n, recall / n, mrr / n, map / n, perQuery);
    }

    private static QueryMetrics EvaluateQuery(string queryId, IReadOnlyDictionary<string, int> judgements, List<string> ranked)
    {
        var relevantCount = judgements.Values.Count(rel => rel > 0);
        if (relevantCount == 0)
        {
            return new QueryMetrics(queryId, 0, 0, 0, 0);
        }

        double dcg = 0, reciprocalRank = 0, precisionSum = 0;
        var relevantSeen = 0;
        var relevantInTop100 = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            var rel = judgements.TryGetValue(ranked[i], out var judged) ? judged : 0;
            if (rel <= 0)
            {
                continue;
            }

            relevantSeen++;
            precisionSum += relevantSeen / (double)(i + 1);
            if (i < NdcgDepth)
            {
                dcg += rel / Math.Log2(i + 2);
            }

            if (i < RecallDepth)
            {
                relevantInTop100++;
            }

            if (i < ReciprocalRankDepth && reciprocalRank == 0)
            {
                reciprocalRank = 1.0 / (i + 1);
            }
        }

        var ideal = judgements.Values.Where(rel => rel > 0).OrderDescending().Take(NdcgDepth).ToArray();
        double idealDcg = 0;
        for (var i = 0; i < ideal.Length; i++)
        {
            idealDcg += ideal[i] / Math.Log2(i + 2);
        }

        return new QueryMetrics(
            queryId, dcg / idealDcg, relevantInTop100 / (double)relevantCount, reciprocalRank, precisionSum / relevantCount);
    }

    /// <summary>A document listed twice keeps only its best-ranked entry.</summary>
    private static List<string> Deduplicate((string DocumentId, double Score)[] ranked)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>(ranked.Length);
        foreach (var (documentId, _) in ranked)
        {
            if (seen.Add(documentId))
            {
                ids.Add(documentId);
            }
        }

        return ids;
    }
}
