namespace Lodestar.Knowledge.Vectors;

/// <summary>Shape and tuning of a <see cref="VectorIndex"/>.</summary>
/// <param name="Dimensions">Length of every vector; fixed for the life of a stored index.</param>
/// <param name="Kind">Exact scan or HNSW graph.</param>
/// <param name="M">HNSW links per node on the upper levels (level 0 keeps 2·M).</param>
/// <param name="EfConstruction">HNSW candidate list size while inserting.</param>
/// <param name="EfSearch">HNSW candidate list size while searching (raised to k when smaller).</param>
/// <param name="Int8Quantization">Score candidates on int8 codes first, then re-score the best at full precision.</param>
/// <param name="RescoreCandidates">Multiplier of k re-scored at full precision when quantised.</param>
public sealed record VectorIndexOptions(
    int Dimensions,
    VectorIndexKind Kind = VectorIndexKind.Hnsw,
    int M = 16,
    int EfConstruction = 200,
    int EfSearch = 64,
    bool Int8Quantization = false,
    int RescoreCandidates = 4)
{
    internal void Validate()
    {
        if (Dimensions is < 1 or > 65536)
        {
            throw Core.LodestarException.Invalid($"Vector dimensions must be between 1 and 65536, got {Dimensions}.");
        }

        if (M is < 2 or > 256 || EfConstruction < 1 || EfSearch < 1 || RescoreCandidates < 1)
        {
            throw Core.LodestarException.Invalid("Vector index options need M in 2..256 and positive EfConstruction, EfSearch and RescoreCandidates.");
        }
    }
}
