using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Per-dimension min/max scalar quantisation of a <see cref="VectorStore"/> to one byte per component (d bytes
/// per vector, one contiguous array). Codes follow the store lazily: new vectors inside the known range are encoded
/// incrementally; a vector that widens a dimension's range re-encodes everything, so codes always share one range.
/// A query is quantised too (<see cref="PrepareQuery"/>), so scoring is an int8·int8 dot product plus two constants.
/// </summary>
public sealed partial class Int8Codes
{
    private readonly float[] _min;
    private readonly float[] _scale;
    private readonly float[] _max;
    private readonly Lock _sync = new();
    private byte[] _codes = [];
    private VectorStore? _source;
    private int _encoded;

    public Int8Codes(int dimensions)
    {
        if (dimensions < 1)
        {
            throw LodestarException.Invalid($"Vector dimensions must be positive, got {dimensions}.");
        }

        Dimensions = dimensions;
        _min = new float[dimensions];
        _scale = new float[dimensions];
        _max = new float[dimensions];
    }

    public int Dimensions { get; }

    /// <summary>Bytes held by the code array (capacity): the traversal hot set besides the graph links.</summary>
    public long AllocatedBytes => _codes.Length;

    /// <summary>
    /// Brings codes up to date with every vector of <paramref name="store"/>; cheap when nothing was added. Codes follow
    /// one store for life: ids of another store would silently score the wrong vectors.
    /// </summary>
    public void Sync(VectorStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (Volatile.Read(ref _encoded) == store.Count && ReferenceEquals(_source, store))
        {
            return;
        }

        lock (_sync)
        {
            _source ??= store;
            if (!ReferenceEquals(_source, store))
            {
                throw new ArgumentException("These int8 codes already follow another vector store.", nameof(store));
            }

            Encode(store);
        }
    }

    /// <summary>
    /// Quantises a unit query with the per-dimension scales folded in (p_j = q_j·scale_j ≈ <paramref name="step"/>·code_j)
    /// and returns the constant term, so that score ≈ offset + step·Σ code_j·c_j over a stored code c.
    /// </summary>
    internal float PrepareQuery(ReadOnlySpan<float> query, Span<sbyte> quantized, out float step)
    {
        var offset = 0f;
        var largest = 0f;
        for (var j = 0; j < Dimensions; j++)
        {
            offset += query[j] * _min[j];
            largest = Math.Max(largest, Math.Abs(query[j] * _scale[j]));
        }

        step = largest > 0f ? largest / 127f : 1f;
        for (var j = 0; j < Dimensions; j++)
        {
            quantized[j] = (sbyte)MathF.Round(query[j] * _scale[j] / step);
        }

        return offset;
    }

    internal ReadOnlySpan<byte> Code(int id) => _codes.AsSpan(id * Dimensions, Dimensions);

    private void Encode(VectorStore store)
    {
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
                widened |= v[j] < _min[j] || v[j] > _max[j];
                _min[j] = Math.Min(_min[j], v[j]);
                _max[j] = Math.Max(_max[j], v[j]);
            }
        }

        var from = _encoded;
        if (widened)
        {
            for (var j = 0; j < Dimensions; j++)
            {
                _scale[j] = _max[j] > _min[j] ? (_max[j] - _min[j]) / 255f : 0f;
            }

            from = 0;
        }

        if (_codes.Length < (long)store.Count * Dimensions)
        {
            Array.Resize(ref _codes, checked((int)Math.Min(Array.MaxLength, Math.Max((long)store.Count * Dimensions, _codes.Length * 3L / 2))));
        }

        for (var id = from; id < store.Count; id++)
        {
            var vector = store.Get(id);
            var code = _codes.AsSpan(id * Dimensions, Dimensions);
            for (var j = 0; j < vector.Length; j++)
            {
                code[j] = _scale[j] > 0f ? (byte)Math.Clamp(MathF.Round((vector[j] - _min[j]) / _scale[j]), 0f, 255f) : (byte)0;
            }
        }

        Volatile.Write(ref _encoded, store.Count);
    }
}
