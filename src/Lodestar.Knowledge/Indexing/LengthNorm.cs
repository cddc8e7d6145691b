namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// Lucene's one-byte document length encoding (SmallFloat.intToByte4): exact up to 23 terms, then 4 significant
/// bits. Anserini's published BM25 numbers are computed with these lossy lengths, so BM25 here uses them too.
/// </summary>
internal static class LengthNorm
{
    // 255 minus the int4 code of int.MaxValue: small lengths are stored exactly.
    private const int NumFreeValues = 24;

    /// <summary>Decoded length for each of the 256 codes.</summary>
    public static readonly float[] DecodedLengths = BuildTable();

    public static byte Encode(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length < NumFreeValues ? (byte)length : (byte)(NumFreeValues + LongToInt4(length - NumFreeValues));
    }

    public static int Decode(byte code) => code < NumFreeValues ? code : (int)(NumFreeValues + Int4ToLong(code - NumFreeValues));

    private static int LongToInt4(long i)
    {
        var numBits = 64 - long.LeadingZeroCount(i);
        if (numBits < 4)
        {
            return (int)i;
        }

        var shift = (int)numBits - 4;
        var encoded = (int)(i >>> shift) & 0x07;
        return encoded | ((shift + 1) << 3);
    }

    private static long Int4ToLong(int i)
    {
        long bits = i & 0x07;
        var shift = (i >>> 3) - 1;
        return shift == -1 ? bits : (bits | 0x08) << shift;
    }

    private static float[] BuildTable()
    {
        var table = new float[256];
        for (var code = 0; code < 256; code++)
        {
            table[code] = Decode((byte)code);
        }

        return table;
    }
}
