namespace Lodestar.Knowledge.Indexing;

/// <summary>An immutable, fully loaded segment: stored ids, length norms, a sorted term dictionary and postings.</summary>
internal sealed class Segment
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly byte[] _postings;
    private readonly int[] _postingOffsets;

    private Segment(string name, string[] chunkIds, string[] documentIds, int[] lengths, string[] terms, int[] docFreqs, int[] postingOffsets, byte[] postings)
    {
        Name = name;
        ChunkIds = chunkIds;
        DocumentIds = documentIds;
        Lengths = lengths;
        Norms = new byte[lengths.Length];
        for (var d = 0; d < lengths.Length; d++)
        {
            Norms[d] = LengthNorm.Encode(lengths[d]);
            SumLength += lengths[d];
        }

        Terms = terms;
        DocFreqs = docFreqs;
        _postingOffsets = postingOffsets;
        _postings = postings;
        var termIds = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (var t = 0; t < terms.Length; t++)
        {
            termIds.Add(terms[t], t);
        }

        _termLookup = termIds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>File name inside the index directory (also the identity of in-memory segments).</summary>
    public string Name { get; }

    public int DocCount => ChunkIds.Length;

    public string[] ChunkIds { get; }

    public string[] DocumentIds { get; }

    /// <summary>Exact analysed lengths (kept so merges do not compound quantisation).</summary>
    public int[] Lengths { get; }

    public byte[] Norms { get; }

    public long SumLength { get; }

    /// <summary>Terms in ordinal order.</summary>
    public string[] Terms { get; }

    public int[] DocFreqs { get; }

    public bool TryGetTerm(ReadOnlySpan<char> term, out int ordinal) => _termLookup.TryGetValue(term, out ordinal);

    /// <summary>Skip entries every <see cref="PostingsSkips.BlockSize"/> postings, built while validating on load.</summary>
    public PostingsSkips Skips { get; private set; } = null!;

    public PostingsCursor Cursor(int ordinal) => new(_postings, _postingOffsets[ordinal], _postingOffsets[ordinal + 1], Skips, ordinal);

    /// <summary>Parses and validates a segment file (checksum, header, ids, term order, postings bounds).</summary>
    public static Segment Parse(string name, byte[] file)
    {
        var reader = ByteReader.Open(file, name, SegmentFormat.Magic, SegmentFormat.Version);
        var docCount = reader.ReadCount(file.Length);
        var chunkIds = new string[docCount];
        var documentIds = new string[docCount];
        var lengths = new int[docCount];
        for (var d = 0; d < docCount; d++)
        {
            chunkIds[d] = reader.ReadString();
            documentIds[d] = reader.ReadString();
            lengths[d] = reader.ReadCount(int.MaxValue);
        }

        var termCount = reader.ReadCount(file.Length);
        var terms = new string[termCount];
        var docFreqs = new int[termCount];
        var offsets = new int[termCount + 1];
        for (var t = 0; t < termCount; t++)
        {
            terms[t] = reader.ReadString();
            if (t > 0 && string.CompareOrdinal(terms[t - 1], terms[t]) >= 0)
            {
                throw ByteReader.Corrupt(name, "term dictionary is not sorted");
            }

            docFreqs[t] = reader.ReadCount(docCount);
            offsets[t + 1] = checked(offsets[t] + reader.ReadCount(file.Length));
        }

        var postings = reader.Take(offsets[termCount]).ToArray();
        if (!reader.AtEnd)
        {
            throw ByteReader.Corrupt(name, "trailing data");
        }

        var segment = new Segment(name, chunkIds, documentIds, lengths, terms, docFreqs, offsets, postings);
        segment.ValidatePostings();
        return segment;
    }

    private void ValidatePostings()
    {
        var skips = new PostingsSkips.Builder(Terms.Length);
        for (var t = 0; t < Terms.Length; t++)
        {
            var start = _postingOffsets[t];
            var reader = new ByteReader(_postings.AsSpan(start, _postingOffsets[t + 1] - start), Name);
            var count = 0;
            long doc = 0;
            while (!reader.AtEnd)
            {
                var code = reader.ReadVarUInt();
                doc += (long)(code >> 1);
                var freq = (code & 1) != 0 ? 1UL : reader.ReadVarUInt();
                if (doc < 0 || doc >= DocCount || (count > 0 && code >> 1 == 0) || freq == 0 || freq > int.MaxValue)
                {
                    throw ByteReader.Corrupt(Name, $"postings of term '{Terms[t]}' are inconsistent");
                }

                if (++count % PostingsSkips.BlockSize == 0)
                {
                    skips.Add((int)doc, start + reader.Position);
                }
            }

            if (count != DocFreqs[t])
            {
                throw ByteReader.Corrupt(Name, $"postings of term '{Terms[t]}' do not match its document frequency");
            }

            skips.EndTerm();
        }

        Skips = skips.Build();
    }
}
