namespace Lodestar.Models.Tracking;

public static class ContentStoreExtensions
{
    /// <summary>Copies a file into the store; its SHA-256 is what <see cref="ITrackingStore"/> records as the dataset fingerprint.</summary>
    public static async Task<string> PutFileAsync(this IContentStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var stream = File.OpenRead(path);
        return (await store.PutAsync(stream, cancellationToken).ConfigureAwait(false)).Sha256;
    }
}
