namespace Lodestar.Knowledge.Evaluation;

/// <summary>trec_eval's ranking of a run: score descending, ties by document id descending (strcmp order).</summary>
internal static class RunOrdering
{
    public static (string DocumentId, double Score)[] Rank(IReadOnlyList<(string DocumentId, double Score)> results)
    {
        var ranked = results.ToArray();
        Array.Sort(ranked, static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(b.DocumentId, a.DocumentId);
        });
        return ranked;
    }
}
