namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// Encodes one term's postings as varints: (docDelta &lt;&lt; 1 | freqIsOne), then the frequency when it is not 1
/// (the same trick as Lucene's doc/freq encoding; most frequencies are 1).
/// </summary>
internal sealed class PostingsWriter
{
    private readonly ByteWriter _bytes = new(8);
    private int _lastDoc;

    public int DocFreq { get; private set; }

    public ReadOnlySpan<byte> Bytes => _bytes.WrittenSpan;

    /// <summary>Documents must arrive in increasing order.</summary>
    public void Add(int doc, int freq)
    {
        var delta = (ulong)(doc - _lastDoc);
        if (freq == 1)
        {
            _bytes.WriteVarUInt((delta << 1) | 1);
        }
        else
        {
            _bytes.WriteVarUInt(delta << 1);
            _bytes.WriteVarUInt((ulong)freq);
        }

        _lastDoc = doc;
        DocFreq++;
    }
}
