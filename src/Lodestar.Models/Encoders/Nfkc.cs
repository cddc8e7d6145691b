using System.IO.Compression;
using System.Text;

namespace Lodestar.Models.Encoders;

/// <summary>
/// Unicode NFKC (compatibility decomposition, canonical ordering, canonical composition) from the
/// generated tables in <see cref="NfkcData"/>. The runtime's own normaliser is unavailable under
/// InvariantGlobalization, and the tokenizer must normalise exactly as the reference does.
/// </summary>
internal static class Nfkc
{
    private const int HangulBase = 0xAC00;
    private const int HangulCount = 11172;
    private const int LeadBase = 0x1100;
    private const int VowelBase = 0x1161;
    private const int TrailBase = 0x11A7;
    private const int VowelCount = 21;
    private const int TrailCount = 28;
    private const int NoComposite = -1;

    private static readonly Tables Data = Tables.Read();

    public static string Normalize(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var buffer = Decompose(text);
        SortCombiningMarks(buffer);
        Compose(buffer);
        var builder = new StringBuilder(buffer.Count);
        foreach (var codePoint in buffer)
        {
            // Lone surrogates pass through untouched, as in JavaScript.
            if (codePoint is >= 0xD800 and <= 0xDFFF)
            {
                builder.Append((char)codePoint);
            }
            else
            {
                builder.Append(char.ConvertFromUtf32(codePoint));
            }
        }

        return builder.ToString();
    }

    private static List<int> Decompose(string text)
    {
        var buffer = new List<int>(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(text[i], text[++i]);
            }

            if (codePoint is >= HangulBase and < HangulBase + HangulCount)
            {
                var index = codePoint - HangulBase;
                buffer.Add(LeadBase + (index / (VowelCount * TrailCount)));
                buffer.Add(VowelBase + (index % (VowelCount * TrailCount) / TrailCount));
                if (index % TrailCount != 0)
                {
                    buffer.Add(TrailBase + (index % TrailCount));
                }
            }
            else if (Data.Decompositions.TryGetValue(codePoint, out var parts))
            {
                buffer.AddRange(parts);
            }
            else
            {
                buffer.Add(codePoint);
            }
        }

        return buffer;
    }

    // Stable insertion sort of each run of non-starters by combining class (canonical ordering).
    private static void SortCombiningMarks(List<int> buffer)
    {
        for (var i = 1; i < buffer.Count; i++)
        {
            var current = buffer[i];
            var currentClass = CombiningClass(current);
            if (currentClass == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && CombiningClass(buffer[j - 1]) > currentClass)
            {
                buffer[j] = buffer[j - 1];
                j--;
            }

            buffer[j] = current;
        }
    }

    private static void Compose(List<int> buffer)
    {
        if (buffer.Count == 0)
        {
            return;
        }

        var starterPosition = 0;
        var starter = buffer[0];
        var lastClass = CombiningClass(starter) == 0 ? 0 : 256;
        var written = 1;
        for (var i = 1; i < buffer.Count; i++)
        {
            var current = buffer[i];
            var currentClass = CombiningClass(current);
            var composite = ComposePair(starter, current);
            if (composite != NoComposite && (lastClass < currentClass || lastClass == 0))
            {
                buffer[starterPosition] = composite;
                starter = composite;
                continue;
            }

            if (currentClass == 0)
            {
                starterPosition = written;
                starter = current;
            }

            lastClass = currentClass;
            buffer[written++] = current;
        }

        buffer.RemoveRange(written, buffer.Count - written);
    }

    private static int ComposePair(int first, int second)
    {
        if (first is >= LeadBase and < LeadBase + 19 && second is >= VowelBase and < VowelBase + VowelCount)
        {
            return HangulBase + ((((first - LeadBase) * VowelCount) + (second - VowelBase)) * TrailCount);
        }

        if (first is >= HangulBase and < HangulBase + HangulCount && (first - HangulBase) % TrailCount == 0
            && second is > TrailBase and < TrailBase + TrailCount)
        {
            return first + (second - TrailBase);
        }

        return Data.Compositions.TryGetValue(PairKey(first, second), out var composite) ? composite : NoComposite;
    }

    private static int CombiningClass(int codePoint) =>
        codePoint < 0x300 ? 0 : Data.CombiningClasses.GetValueOrDefault(codePoint);

    private static long PairKey(int first, int second) => ((long)first << 21) | (uint)second;

    private sealed class Tables
    {
        public Dictionary<int, int[]> Decompositions { get; } = [];

        public Dictionary<int, byte> CombiningClasses { get; } = [];

        public Dictionary<long, int> Compositions { get; } = [];

        public static Tables Read()
        {
            using var deflated = new MemoryStream(Convert.FromBase64String(NfkcData.Deflated));
            using var inflater = new DeflateStream(deflated, CompressionMode.Decompress);
            using var raw = new MemoryStream();
            inflater.CopyTo(raw);
            var bytes = raw.ToArray();
            var offset = 0;
            var tables = new Tables();

            var codePoint = 0;
            for (var count = ReadVarint(bytes, ref offset); count > 0; count--)
            {
                codePoint += ReadVarint(bytes, ref offset);
                var parts = new int[ReadVarint(bytes, ref offset)];
                for (var i = 0; i < parts.Length; i++)
                {
                    parts[i] = ReadVarint(bytes, ref offset);
                }

                tables.Decompositions[codePoint] = parts;
            }

            codePoint = 0;
            for (var count = ReadVarint(bytes, ref offset); count > 0; count--)
            {
                codePoint += ReadVarint(bytes, ref offset);
                tables.CombiningClasses[codePoint] = (byte)ReadVarint(bytes, ref offset);
            }

            for (var count = ReadVarint(bytes, ref offset); count > 0; count--)
            {
                var first = ReadVarint(bytes, ref offset);
                var second = ReadVarint(bytes, ref offset);
                tables.Compositions[PairKey(first, second)] = ReadVarint(bytes, ref offset);
            }

            return tables;
        }

        private static int ReadVarint(byte[] bytes, ref int offset)
        {
            var value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[offset++];
                value |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
