namespace Lodestar.Models.Encoders;

/// <summary>
/// Candidate pieces by end position and the best-scoring segmentation, resolved in the reference's
/// order (by end, then start ascending; ties go to the later candidate, a zero best is overwritten).
/// </summary>
internal sealed class ViterbiLattice(int symbolCount)
{
    private readonly List<(int Start, double Score, int Id)>?[] _byEnd = new List<(int, double, int)>?[symbolCount + 1];

    public void Add(int start, int end, double score, int id) => (_byEnd[end] ??= []).Add((start, score, id));

    /// <summary>For each end position, the id of the last piece on the best path ending there.</summary>
    public int[] BestIds()
    {
        var best = new double[_byEnd.Length];
        var ids = new int[_byEnd.Length];
        for (var end = 0; end < _byEnd.Length; end++)
        {
            var candidates = _byEnd[end];
            if (candidates is null)
            {
                continue;
            }

            // Candidates were added in ascending start order, which is the order the reference visits.
            foreach (var (start, score, id) in candidates)
            {
                var total = score + best[start];
                if (best[end] == 0 || total >= best[end])
                {
                    best[end] = total;
                    ids[end] = id;
                }
            }
        }

        return ids;
    }
}
