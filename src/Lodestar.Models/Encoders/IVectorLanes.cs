namespace Lodestar.Models.Encoders;

/// <summary>
/// The few vector operations the <see cref="GemmTiles"/> kernel needs, over one hardware vector
/// type. Implemented by structs, so the JIT specialises and inlines each use: one kernel source
/// serves AVX-512 and AVX2 without a copy per width.
/// </summary>
internal interface IVectorLanes<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Load(ref float source, int offset);

    static abstract void Store(TVector value, ref float destination, int offset);

    static abstract TVector Broadcast(float value);

    /// <summary>x·y + addend.</summary>
    static abstract TVector MultiplyAdd(TVector x, TVector y, TVector addend);

    static abstract TVector Add(TVector x, TVector y);

    /// <summary>max(x, 0).</summary>
    static abstract TVector Relu(TVector x);
}
