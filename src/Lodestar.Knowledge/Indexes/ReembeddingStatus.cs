namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// A re-embedding in progress (or cut short and waiting to resume): the model building the new vectors and how far it
/// is. Search keeps using the serving generation until it completes.
/// </summary>
public sealed record ReembeddingStatus(string Model, long Sequence, long ChunksDone, long ChunksTotal, bool Running);
