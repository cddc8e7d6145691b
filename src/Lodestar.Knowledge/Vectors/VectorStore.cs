using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// Unit-length vectors addressed by dense int ids (0..Count-1), 4·d bytes per vector and no per-vector objects: either
/// all in one contiguous float array, or the ids of the last committed generation read through a memory map of its
/// file (<see cref="MappedVectors"/>) followed by an in-memory tail of vectors added since.
/// </summary>
public sealed class VectorStore : IDisposable
{
    private float[] _data;
    private MappedVectors? _mapped;
    private int _mappedCount;

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

    /// <summary>Heap bytes held by the in-memory vector array (capacity, not just the used part).</summary>
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
        var slot = _data.AsSpan((Count - _mappedCount) * Dimensions, Dimensions);
        vector.CopyTo(slot);
        VectorMath.Normalize(slot);
        return Count++;
    }

    public ReadOnlySpan<float> Get(int id) => id < _mappedCount
        ? _mapped!.Get(id)
        : _data.AsSpan((id - _mappedCount) * Dimensions, Dimensions);

    /// <summary>Cosine similarity between stored vector <paramref name="id"/> and a unit-length query.</summary>
    public float Similarity(ReadOnlySpan<float> query, int id) => VectorMath.Dot(query, Get(id));

    /// <summary>Unmaps the committed vectors; the store must not be read afterwards.</summary>
    public void Dispose()
    {
        _mapped?.Dispose();
        _mapped = null;
        _mappedCount = 0;
        Count = 0;
    }

    internal float Similarity(int a, int b) => VectorMath.Dot(Get(a), Get(b));

    /// <summary>The mapped vectors (empty when nothing is mapped), id-major; written first by the persistence layer.</summary>
    internal ReadOnlySpan<float> MappedData => _mapped is null ? [] : _mapped.All;

    /// <summary>The in-memory vectors after the mapped ones, id-major; written second.</summary>
    internal ReadOnlySpan<float> TailData => _data.AsSpan(0, (Count - _mappedCount) * Dimensions);

    /// <summary>
    /// Switches to reading every vector from <paramref name="mapped"/>, which must hold exactly the current ones (the
    /// generation file just committed) or, for an empty store, the ones to load (the generation being opened); the
    /// in-memory copy is freed. The previous map is disposed, so callers must hold off readers (the index's write lock).
    /// </summary>
    internal void UseMapped(MappedVectors mapped)
    {
        if (Count != 0 && mapped.Count != Count)
        {
            throw new InvalidOperationException($"A map of {mapped.Count} vectors cannot back a store of {Count}.");
        }

        var previous = _mapped;
        _mapped = mapped;
        _mappedCount = Count = mapped.Count;
        _data = new float[Dimensions * 64];
        previous?.Dispose();
    }

    private void EnsureCapacity(int vectors)
    {
        var needed = (long)(vectors - _mappedCount) * Dimensions;
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
