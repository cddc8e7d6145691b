namespace Lodestar.Knowledge.Settings;

/// <summary>Chunk size and overlap in tokens, applied to documents ingested (or changed) after the setting is saved.</summary>
public sealed record ChunkingSettings(int MaxTokens, int OverlapTokens);
