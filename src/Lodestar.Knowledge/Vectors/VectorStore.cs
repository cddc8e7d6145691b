using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Unit-length vectors in one contiguous float array addressed by dense int ids (0..Count-1):
/// 4·d bytes per vector and no per-vector objects.
/// </summary>
public sealed class VectorStore
{
    private float[] _data;

    public VectorStore(int dimensions, int initialCapacity = 1024)
    {
        if (dimensions < 1)
        {
            throw LodestarException.Invalid($"Vector dimensions must be positive, got {dimensions}.");
        }

        Dimensions = dimensions;
        _data = new float[checked(dimensions * Math.Max(initialCapacity, 1))];
    }

    public int Dimensions { get; }

    public int Count { get; private set; }

    /// <summary>Bytes held by the vector array (capacity, not just the used part).</summary>
    public long AllocatedBytes => (long)_data.Length * sizeof(float);

    /// <summary>Validates, L2-normalises and appends a copy of <paramref name="vector"/>; returns its id.</summary>
    public int Add(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw LodestarException.Invalid($"Vector has {vector.Length} dimensions, the index expects {Dimensions}.");
        }

        if (!VectorMath.IsFinite(vector))
        {
            throw LodestarException.Invalid("Vector contains NaN or infinite values.");
        }

        EnsureCapacity(Count + 1);
        var slot = _data.AsSpan(Count * Dimensions, Dimensions);
        vector.CopyTo(slot);
        VectorMath.Normalize(slot);
        return Count++;
    }

    public ReadOnlySpan<float> Get(int id) => _data.AsSpan(id * Dimensions, Dimensions);

    /// <summary>Cosine similarity between stored vector <paramref name="id"/> and a unit-length query.</summary>
    public float Similarity(ReadOnlySpan<float> query, int id) => VectorMath.Dot(query, _data.AsSpan(id * Dimensions, Dimensions));

    internal float Similarity(int a, int b) => VectorMath.Dot(Get(a), Get(b));

    /// <summary>All used components, id-major; what the persistence layer writes.</summary>
    internal ReadOnlySpan<float> RawData => _data.AsSpan(0, Count * Dimensions);

    /// <summary>Makes room for <paramref name="count"/> vectors and exposes them for a bulk load of already-normalised data.</summary>
    internal Span<float> LoadRaw(int count)
    {
        EnsureCapacity(count);
        Count = count;
        return _data.AsSpan(0, count * Dimensions);
    }

    private void EnsureCapacity(int vectors)
    {
        var needed = (long)vectors * Dimensions;
        if (needed <= _data.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw LodestarException.Invalid($"Vector store cannot hold {vectors} vectors of {Dimensions} dimensions in one array.");
        }

        var grown = Math.Min(Math.Max(needed, (long)_data.Length * 3 / 2), Array.MaxLength / Dimensions * (long)Dimensions);
        Array.Resize(ref _data, (int)grown);
    }
}
