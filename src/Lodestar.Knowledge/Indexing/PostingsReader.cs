namespace Lodestar.Knowledge.Indexing;

/// <summary>Decodes a <see cref="PostingsWriter"/> stream. Input was checksummed on load, so no bounds errors are expected.</summary>
internal ref struct PostingsReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;
    private int _doc;

    public bool MoveNext(out int doc, out int freq)
    {
        if (_position >= _data.Length)
        {
            doc = freq = 0;
            return false;
        }

        var code = ReadVarUInt();
        _doc += (int)(code >> 1);
        doc = _doc;
        freq = (code & 1) != 0 ? 1 : (int)ReadVarUInt();
        return true;
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
