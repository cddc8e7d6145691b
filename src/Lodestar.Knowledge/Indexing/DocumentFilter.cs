namespace Lodestar.Knowledge.Indexing;

/// <summary>Remembers the caller's verdict per document id so the predicate runs at most once per document per query.</summary>
internal sealed class DocumentFilter(Func<string, bool> accept)
{
    private readonly Dictionary<string, bool> _verdicts = new(StringComparer.Ordinal);

    public bool Accepts(string documentId)
    {
        if (!_verdicts.TryGetValue(documentId, out var verdict))
        {
            verdict = accept(documentId);
            _verdicts.Add(documentId, verdict);
        }

        return verdict;
    }
}
