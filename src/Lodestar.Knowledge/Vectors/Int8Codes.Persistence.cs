namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Code (de)serialisation: reopening an int8 index must not re-encode from the floats, since that would read (and page
/// in) every memory-mapped vector the walk otherwise never touches.
/// </summary>
public sealed partial class Int8Codes
{
    /// <summary>Writes codes brought up to date with <paramref name="store"/>, followed by their ranges.</summary>
    internal void Write(IndexFileWriter writer, VectorStore store)
    {
        Sync(store);
        writer.WriteInt32(_encoded);
        writer.WriteSpan<float>(_min);
        writer.WriteSpan<float>(_max);
        writer.WriteSpan<float>(_scale);
        writer.WriteSpan<byte>(_codes.AsSpan(0, _encoded * Dimensions));
    }

    /// <summary>Reads codes written by <see cref="Write"/> for the vectors now in <paramref name="store"/>.</summary>
    internal static Int8Codes Read(IndexFileReader reader, VectorStore store)
    {
        var codes = new Int8Codes(store.Dimensions);
        var count = reader.ReadCount(store.Dimensions);
        if (count != store.Count)
        {
            throw reader.Corrupt($"it holds int8 codes for {count} vectors, not {store.Count}");
        }

        reader.ReadSpan<float>(codes._min);
        reader.ReadSpan<float>(codes._max);
        reader.ReadSpan<float>(codes._scale);
        codes._codes = new byte[Math.Max(count * store.Dimensions, store.Dimensions)];
        reader.ReadSpan<byte>(codes._codes.AsSpan(0, count * store.Dimensions));
        codes._source = store;
        codes._encoded = count;
        return codes;
    }
}
