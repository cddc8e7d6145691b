namespace Lodestar.Models.Encoders;

/// <summary>
/// A compile-time row count for the <see cref="GemmTiles"/> kernels: each struct instantiation is
/// specialised by the JIT, so unused accumulators and their FMAs vanish from the machine code.
/// </summary>
internal interface ITileRows
{
    static abstract int Count { get; }
}
