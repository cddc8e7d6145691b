namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Chunk sizes in word-ish tokens (see <see cref="TokenIndex"/>): at most <paramref name="MaxTokens"/> per chunk,
/// <paramref name="OverlapTokens"/> repeated between the pieces of a block too large for one chunk, and trailing
/// chunks under <paramref name="MinTokens"/> merged into their predecessor.
/// </summary>
public sealed record ChunkingOptions(int MaxTokens = 256, int OverlapTokens = 32, int MinTokens = 16)
{
    internal void Validate()
    {
        if (MaxTokens < 1)
        {
            throw Core.LodestarException.Invalid($"MaxTokens must be at least 1 (was {MaxTokens})");
        }

        if (OverlapTokens < 0 || OverlapTokens >= MaxTokens)
        {
            throw Core.LodestarException.Invalid($"OverlapTokens must be between 0 and MaxTokens - 1 (was {OverlapTokens})");
        }

        if (MinTokens < 0 || MinTokens > MaxTokens)
        {
            throw Core.LodestarException.Invalid($"MinTokens must be between 0 and MaxTokens (was {MinTokens})");
        }
    }
}
