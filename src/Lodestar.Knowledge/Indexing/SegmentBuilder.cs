using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Indexing;

/// <summary>Accumulates documents and postings in memory and serialises them as one immutable segment file.</summary>
internal sealed class SegmentBuilder
{
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<PostingsWriter> _postings = [];
    private readonly List<string> _chunkIds = [];
    private readonly List<string> _documentIds = [];
    private readonly List<int> _lengths = [];
    private readonly List<int> _touched = [];
    private int[] _scratchFreqs = new int[1024];

    public int DocCount => _chunkIds.Count;

    /// <summary>Analyses title (counted <paramref name="titleWeight"/> times) and body into the next document.</summary>
    public void AddDocument(LexicalDocument document, TextAnalyzer analyzer, int titleWeight)
    {
        var sink = new CountingSink(this, titleWeight);
        if (titleWeight > 0)
        {
            analyzer.Analyze(document.Title, ref sink);
        }

        sink.Weight = 1;
        analyzer.Analyze(document.Body, ref sink);

        var doc = StartDocument(document.ChunkId, document.DocumentId, sink.Length);
        foreach (var termId in _touched)
        {
            _postings[termId].Add(doc, _scratchFreqs[termId]);
            _scratchFreqs[termId] = 0;
        }

        _touched.Clear();
    }

    /// <summary>Registers a document whose postings the caller adds itself (merging); returns its doc id.</summary>
    public int StartDocument(string chunkId, string documentId, int length)
    {
        _chunkIds.Add(chunkId);
        _documentIds.Add(documentId);
        _lengths.Add(length);
        return _chunkIds.Count - 1;
    }

    /// <summary>Id of <paramref name="term"/> for <see cref="AddPosting"/>, creating it when new.</summary>
    public int TermId(string term) => _termIds.TryGetValue(term, out var termId) ? termId : NewTerm(term);

    /// <summary>Postings of one term must be added in increasing doc order.</summary>
    public void AddPosting(int termId, int doc, int freq) => _postings[termId].Add(doc, freq);

    public byte[] ToFile()
    {
        var order = new int[_terms.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var terms = _terms.ToArray();
        Array.Sort(terms, order, StringComparer.Ordinal);

        var writer = new ByteWriter(1 << 16);
        writer.WriteUInt32(SegmentFormat.Magic);
        writer.WriteUInt32(SegmentFormat.Version);
        writer.WriteVarUInt((ulong)_chunkIds.Count);
        for (var d = 0; d < _chunkIds.Count; d++)
        {
            writer.WriteString(_chunkIds[d]);
            writer.WriteString(_documentIds[d]);
            writer.WriteVarUInt((ulong)_lengths[d]);
        }

        writer.WriteVarUInt((ulong)terms.Length);
        for (var t = 0; t < terms.Length; t++)
        {
            var postings = _postings[order[t]];
            writer.WriteString(terms[t]);
            writer.WriteVarUInt((ulong)postings.DocFreq);
            writer.WriteVarUInt((ulong)postings.Bytes.Length);
        }

        foreach (var termId in order)
        {
            writer.WriteBytes(_postings[termId].Bytes);
        }

        writer.WriteChecksum();
        return writer.WrittenSpan.ToArray();
    }

    private int NewTerm(string term)
    {
        var termId = _terms.Count;
        _termIds.Add(term, termId);
        _terms.Add(term);
        _postings.Add(new PostingsWriter());
        if (termId >= _scratchFreqs.Length)
        {
            Array.Resize(ref _scratchFreqs, _scratchFreqs.Length * 2);
        }

        return termId;
    }

    private void Count(ReadOnlySpan<char> term, int weight)
    {
        var lookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(term, out var termId))
        {
            termId = NewTerm(term.ToString());
        }

        if (_scratchFreqs[termId] == 0)
        {
            _touched.Add(termId);
        }

        _scratchFreqs[termId] += weight;
    }

    private struct CountingSink(SegmentBuilder builder, int weight) : ITermSink
    {
        public int Weight = weight;

        public int Length { get; private set; }

        public void Accept(ReadOnlySpan<char> term)
        {
            builder.Count(term, Weight);
            Length += Weight;
        }
    }
}
