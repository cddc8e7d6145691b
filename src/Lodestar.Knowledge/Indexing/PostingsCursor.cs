namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// Forward cursor over one term's postings (see <see cref="PostingsWriter"/> for the encoding) that can jump whole
/// blocks via <see cref="PostingsSkips"/>. Data was validated on load, so decoding does no bounds checks of its own.
/// </summary>
internal struct PostingsCursor
{
    public const int NoMoreDocs = int.MaxValue;

    private readonly byte[] _data;
    private readonly int _end;
    private readonly int[] _blockLastDocs;
    private readonly int[] _blockEnds;
    private readonly int _lastBlock;
    private int _position;
    private int _block;
    private int _base;

    public PostingsCursor(byte[] data, int start, int end, PostingsSkips skips, int ordinal)
    {
        _data = data;
        _position = start;
        _end = end;
        _blockLastDocs = skips.BlockLastDocs;
        _blockEnds = skips.BlockEnds;
        _block = skips.TermStarts[ordinal];
        _lastBlock = skips.TermStarts[ordinal + 1];
        Doc = -1;
    }

    public int Doc { get; private set; }

    public int Freq { get; private set; }

    /// <summary>Moves to the next posting; <see cref="Doc"/> becomes <see cref="NoMoreDocs"/> at the end.</summary>
    public void Next()
    {
        if (_position >= _end)
        {
            Doc = NoMoreDocs;
            return;
        }

        var code = ReadVarUInt();
        _base += (int)(code >> 1);
        Doc = _base;
        Freq = (code & 1) != 0 ? 1 : (int)ReadVarUInt();
    }

    /// <summary>Moves to the first posting with doc &gt;= <paramref name="target"/>, skipping blocks that end before it.</summary>
    public void Advance(int target)
    {
        if (Doc >= target)
        {
            return;
        }

        while (_block < _lastBlock && _blockLastDocs[_block] < target)
        {
            if (_blockEnds[_block] > _position)
            {
                _position = _blockEnds[_block];
                _base = _blockLastDocs[_block];
            }

            _block++;
        }

        do
        {
            Next();
        }
        while (Doc < target);
    }

    private uint ReadVarUInt()
    {
        uint b = _data[_position++];
        if (b < 0x80)
        {
            return b;
        }

        var value = b & 0x7F;
        var shift = 7;
        do
        {
            b = _data[_position++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return value;
    }
}
