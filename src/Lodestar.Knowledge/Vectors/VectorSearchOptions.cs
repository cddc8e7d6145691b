namespace Lodestar.Knowledge.Vectors;

/// <summary>Per-query search tuning of a <see cref="VectorIndex"/>, overriding the index's defaults (recall against speed).</summary>
/// <param name="EfSearch">HNSW candidate list size (raised to k when smaller).</param>
/// <param name="RescoreCandidates">Multiplier of k re-scored at full precision when the walk scores int8 codes.</param>
/// <param name="UseInt8Codes">Score on int8 codes when the index keeps them; false walks in full precision.</param>
public sealed record VectorSearchOptions(int EfSearch = 64, int RescoreCandidates = 4, bool UseInt8Codes = true)
{
    internal void Validate()
    {
        if (EfSearch < 1 || RescoreCandidates < 1)
        {
            throw Core.LodestarException.Invalid($"Vector search needs positive EfSearch and RescoreCandidates, got {EfSearch} and {RescoreCandidates}.");
        }
    }
}
