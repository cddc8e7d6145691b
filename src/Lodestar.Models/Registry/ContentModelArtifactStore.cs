using Lodestar.Models.Tracking;
using Lodestar.Models.Training;

namespace Lodestar.Models.Registry;

/// <summary>
/// Model artifacts as blobs of an <see cref="IContentStore"/>: with the PostgreSQL content store, a model registered
/// through one node loads on every other. The blob's SHA-256 is the same id <see cref="FileModelArtifactStore"/> gives.
/// </summary>
public sealed class ContentModelArtifactStore(IContentStore content) : IModelArtifactStore
{
    public async Task<string> SaveAsync(TabularModel model, CancellationToken cancellationToken = default)
    {
        using var bytes = new MemoryStream(ModelArtifactFormat.Serialize(model), writable: false);
        return (await content.PutAsync(bytes, cancellationToken).ConfigureAwait(false)).Sha256;
    }

    public async Task<TabularModel> LoadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = await content.LocateAsync(sha256, cancellationToken).ConfigureAwait(false);
        // Verified again here: the file store hands out its files without re-hashing them.
        return ModelArtifactFormat.Load(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), sha256);
    }
}
