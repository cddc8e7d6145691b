using Lodestar.Knowledge.Settings;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// A vector generation under construction: its directory, the model building it, and the change-log sequence it has
/// committed, so a build cut short by a crash resumes there. <paramref name="ChunksTotal"/> is the knowledge base's
/// chunk count when the build started.
/// </summary>
internal sealed record VectorBuild(string Directory, string Model, EmbeddingProviderSettings? Provider, int Dimensions, long Sequence, long ChunksDone, long ChunksTotal);
