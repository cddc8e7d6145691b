namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// In-memory skip list over a segment's postings: after every <see cref="BlockSize"/> postings of a term, the
/// last doc id of the block and the byte offset where the next block starts, so cursors can jump over blocks.
/// </summary>
internal sealed class PostingsSkips(int[] termStarts, int[] blockLastDocs, int[] blockEnds)
{
    public const int BlockSize = 128;

    /// <summary>Per term, index of its first entry; entries of term t are [TermStarts[t], TermStarts[t + 1]).</summary>
    public int[] TermStarts { get; } = termStarts;

    public int[] BlockLastDocs { get; } = blockLastDocs;

    public int[] BlockEnds { get; } = blockEnds;

    internal sealed class Builder(int termCount)
    {
        private readonly int[] _termStarts = new int[termCount + 1];
        private readonly List<int> _lastDocs = [];
        private readonly List<int> _ends = [];
        private int _term;

        public void Add(int lastDoc, int end)
        {
            _lastDocs.Add(lastDoc);
            _ends.Add(end);
        }

        public void EndTerm() => _termStarts[++_term] = _lastDocs.Count;

        public PostingsSkips Build() => new(_termStarts, [.. _lastDocs], [.. _ends]);
    }
}
