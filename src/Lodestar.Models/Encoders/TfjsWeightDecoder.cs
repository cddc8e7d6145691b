using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Models.Encoders;

/// <summary>Decodes one weightsManifest entry from the concatenated shard bytes of its group.</summary>
internal static class TfjsWeightDecoder
{
    public static TfjsTensor Decode(JsonElement entry, byte[] bytes, ref int offset)
    {
        var name = entry.GetProperty("name").GetString()!;
        var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var dtype = entry.GetProperty("dtype").GetString()!;
        var count = 1;
        foreach (var dim in shape)
        {
            count = checked(count * dim);
        }

        if (entry.TryGetProperty("quantization", out var quantization))
        {
            return new TfjsTensor(name, shape, Dequantize(name, dtype, quantization, count, bytes, ref offset), null);
        }

        switch (dtype)
        {
            case "float32":
                var floats = new float[count];
                Copy(name, bytes, ref offset, count * sizeof(float)).CopyTo(MemoryMarshal.AsBytes(floats.AsSpan()));
                return new TfjsTensor(name, shape, floats, null);
            case "int32":
                var ints = new int[count];
                Copy(name, bytes, ref offset, count * sizeof(int)).CopyTo(MemoryMarshal.AsBytes(ints.AsSpan()));
                return new TfjsTensor(name, shape, null, ints);
            case "bool":
                var flags = Copy(name, bytes, ref offset, count);
                var boolsAsInts = new int[count];
                for (var i = 0; i < count; i++)
                {
                    boolsAsInts[i] = flags[i] == 0 ? 0 : 1;
                }

                return new TfjsTensor(name, shape, null, boolsAsInts);
            default:
                throw LodestarException.Invalid($"TF.js weight {name} has unsupported dtype {dtype}.");
        }
    }

    private static float[] Dequantize(string name, string dtype, JsonElement quantization, int count, byte[] bytes, ref int offset)
    {
        if (dtype != "float32")
        {
            throw LodestarException.Invalid($"TF.js weight {name}: only float32 weights may be quantised, got {dtype}.");
        }

        var encoding = quantization.GetProperty("dtype").GetString();
        var values = new float[count];
        switch (encoding)
        {
            case "float16":
                var halves = Copy(name, bytes, ref offset, count * 2);
                for (var i = 0; i < count; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(halves[(i * 2)..]);
                }

                return values;
            case "uint8" or "uint16":
                var scale = quantization.GetProperty("scale").GetSingle();
                var min = quantization.GetProperty("min").GetSingle();
                var width = encoding == "uint8" ? 1 : 2;
                var raw = Copy(name, bytes, ref offset, count * width);
                for (var i = 0; i < count; i++)
                {
                    var q = width == 1 ? raw[i] : BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]);
                    values[i] = (q * scale) + min;
                }

                return values;
            default:
                throw LodestarException.Invalid($"TF.js weight {name} uses unsupported quantisation {encoding}.");
        }
    }

    private static ReadOnlySpan<byte> Copy(string name, byte[] bytes, ref int offset, int length)
    {
        if (offset + length > bytes.Length)
        {
            throw LodestarException.Invalid($"TF.js weight {name} runs past the end of its shards; the download is truncated or corrupt.");
        }

        var span = bytes.AsSpan(offset, length);
        offset += length;
        return span;
    }
}
