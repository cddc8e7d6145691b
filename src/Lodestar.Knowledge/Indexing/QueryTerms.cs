namespace Lodestar.Knowledge.Indexing;

/// <summary>Bag-of-words query: distinct terms with their repeat counts, in first-occurrence order.</summary>
internal static class QueryTerms
{
    public static List<(string Term, int Count)> Group(List<string> terms)
    {
        var grouped = new List<(string Term, int Count)>(terms.Count);
        foreach (var term in terms)
        {
            var index = 0;
            while (index < grouped.Count && grouped[index].Term != term)
            {
                index++;
            }

            if (index == grouped.Count)
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
