namespace Lodestar.Knowledge.Vectors;

/// <summary>Approximate cosine from int8 codes: offset + step·(quantised query · code), touching d bytes per vector.</summary>
internal readonly ref struct Int8Similarity : IQuerySimilarity
{
    private readonly Int8Codes _codes;
    private readonly ReadOnlySpan<sbyte> _query;
    private readonly float _offset;
    private readonly float _step;

    /// <summary>Quantises <paramref name="query"/> into <paramref name="buffer"/> (at least d long), which must outlive the scorer.</summary>
    public Int8Similarity(Int8Codes codes, ReadOnlySpan<float> query, Span<sbyte> buffer)
    {
        _codes = codes;
        var quantized = buffer[..codes.Dimensions];
        _offset = codes.PrepareQuery(query, quantized, out _step);
        _query = quantized;
    }

    public float Score(int id) => _offset + (_step * Int8Dot.Dot(_query, _codes.Code(id)));
}
