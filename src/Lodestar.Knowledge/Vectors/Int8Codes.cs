using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Per-dimension min/max scalar quantisation of a <see cref="VectorStore"/> to one byte per component (d bytes per
/// vector). Codes follow the store lazily: new vectors inside the known range are encoded incrementally; a vector that
/// widens a dimension's range re-encodes everything, so codes are always consistent with one range. A query scores
/// against codes as offset + Σ (q_j·scale_j)·code_j, which needs one prepared query and a float·byte dot product.
/// </summary>
internal sealed class Int8Codes(int dimensions)
{
    private readonly float[] _min = new float[dimensions];
    private readonly float[] _scale = new float[dimensions];
    private readonly float[] _max = new float[dimensions];
    private readonly Lock _sync = new();
    private byte[] _codes = [];
    private int _encoded;

    public int Dimensions => dimensions;

    /// <summary>Brings codes up to date with the first <paramref name="count"/> vectors of <paramref name="store"/>.</summary>
    public void Sync(VectorStore store)
    {
        lock (_sync)
        {
            if (store.Count == _encoded)
            {
                return;
            }

            if (store.Count < _encoded || _encoded == 0)
            {
                _encoded = 0;
                _min.AsSpan().Fill(float.PositiveInfinity);
                _max.AsSpan().Fill(float.NegativeInfinity);
            }

            var widened = false;
            for (var id = _encoded; id < store.Count; id++)
            {
                var v = store.Get(id);
                for (var j = 0; j < v.Length; j++)
                {
                    if (v[j] < _min[j])
                    {
                        _min[j] = v[j];
                        widened = true;
                    }

                    if (v[j] > _max[j])
                    {
                        _max[j] = v[j];
                        widened = true;
                    }
                }
            }

            if (widened)
            {
                for (var j = 0; j < dimensions; j++)
                {
                    _scale[j] = _max[j] > _min[j] ? (_max[j] - _min[j]) / 255f : 0f;
                }

                _encoded = 0;
            }

            if (_codes.Length < store.Count * dimensions)
            {
                Array.Resize(ref _codes, Math.Max(store.Count * dimensions, _codes.Length * 3 / 2));
            }

            for (var id = _encoded; id < store.Count; id++)
            {
                Encode(store.Get(id), _codes.AsSpan(id * dimensions, dimensions));
            }

            _encoded = store.Count;
        }
    }

    /// <summary>Folds the per-dimension scale into the query; returns the constant term Σ q_j·min_j.</summary>
    public float Prepare(ReadOnlySpan<float> query, Span<float> prepared)
    {
        var offset = 0f;
        for (var j = 0; j < dimensions; j++)
        {
            prepared[j] = query[j] * _scale[j];
            offset += query[j] * _min[j];
        }

        return offset;
    }

    public float Score(ReadOnlySpan<float> prepared, float offset, int id) =>
        offset + Dot(prepared, _codes.AsSpan(id * dimensions, dimensions));

    /// <summary>Σ a_j·b_j with b widened from bytes; Vector256 when available, scalar otherwise.</summary>
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<byte> b)
    {
        var sum = Vector256<float>.Zero;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var aRef = ref MemoryMarshal.GetReference(a);
            ref var bRef = ref MemoryMarshal.GetReference(b);
            for (; i + 16 <= a.Length; i += 16)
            {
                var bytes = Vector128.LoadUnsafe(ref bRef, (nuint)i);
                var lower = Vector128.WidenLower(bytes);
                var upper = Vector128.WidenUpper(bytes);
                var f0 = Vector256.ConvertToSingle(Vector256.WidenLower(Vector256.Create(lower, upper)).AsInt32());
                var f1 = Vector256.ConvertToSingle(Vector256.WidenUpper(Vector256.Create(lower, upper)).AsInt32());
                sum += Vector256.LoadUnsafe(ref aRef, (nuint)i) * f0;
                sum += Vector256.LoadUnsafe(ref aRef, (nuint)(i + 8)) * f1;
            }
        }

        var total = Vector256.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    internal static float DotScalar(ReadOnlySpan<float> a, ReadOnlySpan<byte> b)
    {
        var total = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    private void Encode(ReadOnlySpan<float> vector, Span<byte> code)
    {
        for (var j = 0; j < vector.Length; j++)
        {
            code[j] = _scale[j] > 0f ? (byte)Math.Clamp(MathF.Round((vector[j] - _min[j]) / _scale[j]), 0f, 255f) : (byte)0;
        }
    }
}
