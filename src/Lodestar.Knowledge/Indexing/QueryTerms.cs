namespace Lodestar.Knowledge.Indexing;

/// <summary>Bag-of-words query: distinct terms with their repeat counts, in first-occurrence order.</summary>
internal static class QueryTerms
{
    public static List<(string Term, int Count)> Group(List<string> terms)
    {
        var grouped = new List<(string Term, int Count)>(terms.Count);
        foreach (var term in terms)
        {
            var index = grouped.FindIndex(g => g.Term == term);
            if (index < 0)
            {
                grouped.Add((term, 1));
            }
            else
            {
                grouped[index] = (term, grouped[index].Count + 1);
            }
        }

        return grouped;
    }
}
